import { describe, expect, it } from 'vitest';
import { analyse } from './index';
import type { WorkspacePhrases } from './types';

describe('workspace phrases', () => {
  it('take effect on the next call and are explained', () => {
    const text = 'ぷにコインが消えたんだけど';
    expect(analyse({ text }).categories).not.toContain('billing_error');
    const phrases: WorkspacePhrases = { billing_error: ['ぷにコインが消え'] };
    const r = analyse({ text }, { workspacePhrases: phrases });
    expect(r.categories).toContain('billing_error');
    expect(r.level).toBe(3);
    const reason = r.reasons.find((x) => x.code === 'billing_error');
    expect(reason?.message).toContain('ワークスペースの登録語');
  });

  it('pick up phrases pushed onto an existing list', () => {
    const phrases: WorkspacePhrases = { outage: ['鯖が虚無'] };
    expect(analyse({ text: 'ランクマで部屋が立たない' }, { workspacePhrases: phrases }).level).toBe(0);
    phrases.outage.push('部屋が立たない');
    expect(analyse({ text: 'ランクマで部屋が立たない' }, { workspacePhrases: phrases }).categories).toContain('outage');
  });

  it('match regardless of width and case, including the support hashtag', () => {
    const phrases: WorkspacePhrases = { support: ['#KoeMartサポート'], praise: ['ｺｴﾏｰﾄ最高'] };
    const tagged = analyse({ text: '#koemartサポート 見てますか' }, { workspacePhrases: phrases });
    expect(tagged.level).toBeGreaterThanOrEqual(1);
    expect(analyse({ text: 'コエマート最高' }, { workspacePhrases: phrases }).categories).toContain('praise');
  });

  it('ignore unknown keys and non-string entries', () => {
    const phrases = { nonsense: ['x'], outage: [42 as unknown as string, ''] } as WorkspacePhrases;
    expect(() => analyse({ text: 'hello' }, { workspacePhrases: phrases })).not.toThrow();
  });
});
