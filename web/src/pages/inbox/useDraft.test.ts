import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

/** A Storage kept in a Map: the browser's localStorage as the drafts module uses it. */
class MemoryStorage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, String(v));
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
  clear() {
    this.items.clear();
  }
}

const storage = new MemoryStorage();
let drafts: typeof import('./useDraft');

beforeAll(async () => {
  // Before the module loads: it reads window.localStorage and listens for other tabs' changes.
  (globalThis as { window?: unknown }).window = { localStorage: storage, addEventListener() {} };
  drafts = await import('./useDraft');
});
beforeEach(() => storage.clear());

describe('composer drafts', () => {
  it('keeps reply and note text per agent and conversation, in storage for reloads', () => {
    drafts.setDraft('a1', 'c1', { reply: 'お待たせしております', note: '', mode: 'reply' });
    drafts.setDraft('a2', 'c1', { reply: '', note: '確認中', mode: 'note' });
    expect(drafts.getDraft('a1', 'c1')).toMatchObject({ reply: 'お待たせしております', mode: 'reply' });
    expect(drafts.getDraft('a2', 'c1')).toMatchObject({ note: '確認中', mode: 'note' });
    expect(storage.getItem('koe:draft:v1:a1:c1')).toContain('お待たせしております');
  });

  it('forgets a sent reply only if it is still what was sent, and removes blank drafts', () => {
    drafts.setDraft('a1', 'c2', { reply: '返金いたします', note: 'メモ', mode: 'reply' });
    drafts.clearSentDraft('a1', 'c2', 'reply', '違う文');
    expect(drafts.getDraft('a1', 'c2')?.reply).toBe('返金いたします');
    drafts.clearSentDraft('a1', 'c2', 'reply', ' 返金いたします ');
    expect(drafts.getDraft('a1', 'c2')).toMatchObject({ reply: '', note: 'メモ' });
    drafts.setDraft('a1', 'c2', { reply: ' ', note: '', mode: 'reply' });
    expect(drafts.getDraft('a1', 'c2')).toBeNull();
    expect(storage.getItem('koe:draft:v1:a1:c2')).toBeNull();
  });

  it('keeps the send guard baseline with a reply draft across reloads, and drops it with the reply text', () => {
    drafts.setDraft('a1', 'c3', { reply: '確認します', note: '', mode: 'reply', since: 'm-7' });
    expect(JSON.parse(storage.getItem('koe:draft:v1:a1:c3')!)).toMatchObject({ since: 'm-7' });
    drafts.setDraft('a1', 'c4', { reply: '初めての返信', note: '', mode: 'reply', since: null });
    expect(drafts.getDraft('a1', 'c4')).toMatchObject({ since: null });
    // A note-only draft answers nothing yet: no baseline is kept for it.
    drafts.setDraft('a1', 'c3', { reply: '', note: 'メモ', mode: 'note', since: 'm-7' });
    expect(drafts.getDraft('a1', 'c3')).not.toHaveProperty('since');
  });

  it("signing out forgets that agent's drafts and ignores a late save, until they sign in again", () => {
    drafts.setDraft('a3', 'c3', { reply: '個人情報を含む下書き', note: '', mode: 'reply' });
    drafts.setDraft('a4', 'c3', { reply: '他の人の下書き', note: '', mode: 'reply' });
    drafts.clearDraftsOf('a3');
    expect(drafts.getDraft('a3', 'c3')).toBeNull();
    expect(storage.getItem('koe:draft:v1:a3:c3')).toBeNull();
    drafts.setDraft('a3', 'c3', { reply: '閉じかけの入力欄から', note: '', mode: 'reply' });
    expect(drafts.getDraft('a3', 'c3')).toBeNull();
    expect(drafts.getDraft('a4', 'c3')?.reply).toBe('他の人の下書き');
    drafts.resumeDraftsOf('a3');
    drafts.setDraft('a3', 'c3', { reply: 'また書ける', note: '', mode: 'reply' });
    expect(drafts.getDraft('a3', 'c3')?.reply).toBe('また書ける');
  });
});
