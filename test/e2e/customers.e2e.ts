import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  Client,
  freshDatabase,
  seededDesk,
  startKoe,
  waitFor,
  type RunningKoe,
  type TestDatabase,
} from '../integration/harness';
import type { Sandbox } from '../../src/sandbox';
import { sandboxDesk, signIn } from './desk';
import { launchBrowser, SHOTS, WEB_DIST } from './browser';

const NAME = '佐藤 美咲';
const FIRST = '注文した靴のサイズを交換したいです';
const SECOND = '先ほどの交換の件、返送先の住所を教えてください';
// Screenshots go to .tmp/screenshots unless KOE_SHOTS names another folder.
const SHOT_DIR = process.env.KOE_SHOTS ?? SHOTS;

describe('one person on two channels becomes one customer, and back (Japanese)', () => {
  let db: TestDatabase;
  let koe: RunningKoe;
  let browser: Browser;
  let context: BrowserContext;
  let admin: Client;
  let page: Page;
  const convs = {} as Record<'first' | 'second', { id: string; customerId: string }>;

  /** A named visitor writes one message on a web chat channel; resolves with the conversation. */
  const write = async (publicKey: string, text: string) => {
    const visitor = new Client(koe.base);
    const token = (await visitor.post(`/api/widget/${publicKey}/session`, { name: NAME })).body.visitorToken;
    const r = await visitor.post(`/api/widget/${publicKey}/messages`, {
      visitorToken: token,
      clientMessageId: `cm-${Math.random().toString(36).slice(2)}`,
      text,
      name: NAME,
    });
    expect(r.status).toBeLessThan(300);
    await koe.koe.jobs.drain();
    const c = await waitFor(
      async () =>
        ((await admin.get('/api/conversations?limit=100')).body.items as any[]).find((i) => i.preview === text),
      10_000,
    );
    return { id: c.id as string, customerId: c.customer.id as string };
  };
  const panel = () => page.getByTestId('customer-panel');

  beforeAll(async () => {
    mkdirSync(SHOT_DIR, { recursive: true });
    db = await freshDatabase('sqlite');
    koe = await startKoe(db, { webDist: WEB_DIST });
    const desk = await seededDesk(koe.base);
    admin = desk.admin;
    const second = await admin.post('/api/channels', {
      kind: 'webchat',
      name: 'アプリ内チャット',
      greeting: 'こんにちは！',
    });
    expect(second.status).toBe(201);
    convs.first = await write(desk.channel.publicKey, FIRST);
    convs.second = await write(second.body.publicKey, SECOND);
    expect(convs.first.customerId).not.toBe(convs.second.customerId);

    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(koe.base + '/login');
    await page.getByLabel('メールアドレス').fill(ADMIN.adminEmail);
    await page.getByLabel('パスワード').fill(ADMIN.adminPassword);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('inbox-list').waitFor();
  });
  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await koe?.stop();
    await db?.drop();
  });

  it('suggests the same-named customer from the other channel and merges it after a confirm step', async () => {
    await page.goto(`${koe.base}/conversations/${convs.first.id}`);
    await page.locator(`[data-testid="conversation-view"][data-conversation-id="${convs.first.id}"]`).waitFor();

    const suggestion = panel().getByTestId('merge-suggestion');
    await suggestion.waitFor();
    await expect.poll(() => suggestion.count()).toBe(1);
    await expect.poll(() => suggestion.getAttribute('data-customer-id')).toBe(convs.second.customerId);
    await expect.poll(() => suggestion.innerText()).toContain(NAME);
    await expect.poll(() => suggestion.getByTestId('merge-reason').innerText()).toBe('別チャネルで同じ名前');
    await expect.poll(() => panel().getByTestId('customer-identity').count()).toBe(1);
    await expect.poll(() => panel().getByTestId('past-conversation').count()).toBe(1);
    await panel().getByTestId('merge-suggestions').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOT_DIR, 'customer-merge-suggestion-1280.png') });

    // The first click only asks; cancelling changes nothing.
    await suggestion.getByTestId('merge-button').click();
    await suggestion.getByRole('button', { name: 'キャンセル' }).click();
    await suggestion.getByTestId('merge-button').waitFor();
    expect((await admin.get(`/api/customers/${convs.first.customerId}`)).body.merges as any[]).toHaveLength(0);

    await suggestion.getByTestId('merge-button').click();
    await suggestion.getByTestId('merge-confirm').click();

    // Both identities and both conversations now belong to this customer, and the suggestion is gone.
    await expect.poll(() => panel().getByTestId('customer-identity').count()).toBe(2);
    await expect.poll(() => panel().getByTestId('past-conversation').count()).toBe(2);
    await expect
      .poll(() => panel().getByTestId('past-conversation').allInnerTexts())
      .toEqual(expect.arrayContaining([expect.stringContaining(FIRST), expect.stringContaining(SECOND)]));
    await expect.poll(() => panel().getByTestId('merge-suggestion').count()).toBe(0);
    await panel().getByTestId('merge-undo').waitFor();
    await expect.poll(() => panel().getByTestId('merge-entry').innerText()).toContain(NAME);
    expect((await admin.get(`/api/conversations/${convs.second.id}`)).body.customer.id).toBe(convs.first.customerId);

    // The other conversation shows the same, merged customer.
    await panel().getByTestId('past-conversation').filter({ hasText: SECOND }).click();
    await page.locator(`[data-testid="conversation-view"][data-conversation-id="${convs.second.id}"]`).waitFor();
    await expect.poll(() => panel().getByTestId('customer-identity').count()).toBe(2);
    await panel().getByTestId('merge-undo').waitFor();
  });

  it('undoes the merge and splits the customers again', async () => {
    await page.goto(`${koe.base}/conversations/${convs.first.id}`);
    await panel().getByTestId('merge-undo').click();

    await expect.poll(() => panel().getByTestId('customer-identity').count()).toBe(1);
    await expect.poll(() => panel().getByTestId('past-conversation').count()).toBe(1);
    await expect.poll(() => panel().getByTestId('past-conversation').innerText()).toContain(FIRST);
    await expect.poll(() => panel().getByTestId('merge-undo').count()).toBe(0);
    // They are separate again, so the suggestion comes back.
    await panel().getByTestId('merge-suggestion').waitFor();
    expect((await admin.get(`/api/conversations/${convs.second.id}`)).body.customer.id).toBe(convs.second.customerId);
    const merges = (await admin.get(`/api/customers/${convs.first.customerId}`)).body.merges as any[];
    expect(merges).toHaveLength(1);
    expect(merges[0].undoneAt).toBeTruthy();
  });
});

const PRAISE = '@KoeMart いつも丁寧な対応ありがとう！';

describe('liking a public X praise from the inbox (Japanese)', () => {
  let desk: Awaited<ReturnType<typeof sandboxDesk>>;
  let sandbox: Sandbox;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    desk = await sandboxDesk();
    sandbox = desk.sandbox;
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } })).newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, desk.koe.base);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
  });

  it('offers いいね and リポスト as public actions on the praise and likes it', async () => {
    await sandbox.sendOne('x', PRAISE, { visibility: 'public' });
    await page.getByTestId('conversation-item').filter({ hasText: 'いつも丁寧な対応' }).click();
    const praise = page.getByTestId('message').filter({ hasText: 'いつも丁寧な対応' });
    await praise.waitFor();
    const like = praise.getByTestId('amplify-like');
    await like.waitFor();
    await praise.getByTestId('amplify-repost').waitFor();
    await like.hover();
    await page.getByRole('tooltip').filter({ hasText: '公開でいいねします' }).waitFor();
    await like.click();

    await praise.getByTestId('amplify-done').filter({ hasText: 'いいねしました' }).waitFor();
    // The like is gone (done), the repost is still offered.
    await expect.poll(() => like.count()).toBe(0);
    await expect.poll(() => praise.getByTestId('amplify-repost').count()).toBe(1);
    // The sandbox's X recorded the brand's like on the customer's post.
    const reactions = async () => {
      const view = (await (await fetch(`${sandbox.url}/sandbox/api/transcript`)).json()) as {
        platforms: { platform: string; entries: { author: string; reaction?: { kind: string } }[] }[];
      };
      return view.platforms
        .find((p) => p.platform === 'x')!
        .entries.filter((e) => e.author === 'brand' && e.reaction)
        .map((e) => e.reaction!.kind);
    };
    await expect.poll(reactions).toEqual(['like']);
  });
});
