import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Visitor, waitFor, type RunningKoe, type TestDatabase } from '../integration/harness';
import { webchatDesk } from './desk';
import { launchBrowser, resize, SHOTS } from './browser';

const PASSWORD = 'correct-horse-battery-3';
const SUPERVISOR = { email: 'kantoku@koe.example', name: '監督 次郎', displayName: 'Koeマート サポート 監督' };
// Screenshots go to .tmp/screenshots unless KOE_SHOTS names another folder.
const SHOT_DIR = process.env.KOE_SHOTS ?? SHOTS;

// An outage: nine customers write within a minute, each on their own web chat session and in their own words.
const OUTAGE_POSTS: Array<{ name: string; text: string; locale?: string }> = [
  { name: '佐藤 健', text: 'アプリにログインできません。障害ですか？' },
  { name: '鈴木 花', text: 'さっきからアプリが繋がらないです。エラーが出ます' },
  { name: '高橋 誠', text: 'ログインできない…サーバーダウンしてますか？' },
  { name: '田中 美咲', text: 'アプリが開けません。通信障害でしょうか' },
  { name: '伊藤 大輔', text: 'エラーコード503が出てログインできないです' },
  { name: '渡辺 結衣', text: 'ずっとつながらない。いつ復旧しますか？' },
  { name: '山本 翔', text: '障害でアプリが使えません。復旧の見込みは？' },
  { name: '中村 優', text: 'ログインできません！何度やってもエラーになる' },
  { name: 'Alex Smith', text: "The app is down, I can't log in. Is there an outage?", locale: 'en' },
];
const LATE_POST = 'アプリにログインできない。障害ですか？まだ復旧しませんか';
const TITLE = 'アプリにログインできない障害';

describe('incidents and spike alerts in Chromium (Japanese)', () => {
  let db: TestDatabase;
  let koe: RunningKoe;
  let browser: Browser;
  let admin: Client;
  let publicKey: string;
  const contexts: BrowserContext[] = [];
  let page: Page;
  let incidentId: string;
  const visitors = new Map<string, Visitor>();

  const shot = async (p: Page, name: string) => {
    const close = p.getByTestId('notification-toast').locator('button');
    while (await close.count()) await close.first().click();
    // Let dialogs finish their opening transition.
    await p.waitForTimeout(300);
    await p.screenshot({ path: path.join(SHOT_DIR, `${name}-1280.png`) });
    const size = p.viewportSize()!;
    await resize(p, { width: 375, height: 800 });
    await p.waitForTimeout(400);
    await p.screenshot({ path: path.join(SHOT_DIR, `${name}-375.png`) });
    await resize(p, size);
    await p.waitForTimeout(200);
  };
  /** A named customer writes from the chat widget (the widget API, as the script on a shop's page does). */
  const write = async (post: { name: string; text: string; locale?: string }) => {
    const visitor = new Visitor(koe.base, publicKey);
    await visitor.open();
    const r = await new Client(koe.base).post(`/api/widget/${publicKey}/messages`, {
      visitorToken: visitor.token,
      clientMessageId: `cm-${Math.random().toString(36).slice(2)}`,
      text: post.text,
      name: post.name,
      locale: post.locale ?? 'ja',
    });
    expect(r.status).toBe(202);
    visitors.set(post.name, visitor);
  };
  const conversations = async () => (await admin.get('/api/conversations?limit=100')).body.items as any[];
  const incident = async () => (await admin.get(`/api/incidents/${incidentId}`)).body;
  const agentReplies = async (name: string) => (await visitors.get(name)!.history()).filter((m) => m.from === 'agent');

  beforeAll(async () => {
    mkdirSync(SHOT_DIR, { recursive: true });
    ({ db, koe, admin, publicKey } = await webchatDesk());
    const r = await admin.post('/api/agents', {
      ...SUPERVISOR,
      password: PASSWORD,
      role: 'supervisor',
      level: 3,
      skills: [],
    });
    expect(r.status).toBe(201);
    browser = await launchBrowser();
    const ctx = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } });
    contexts.push(ctx);
    page = await ctx.newPage();
    page.setDefaultTimeout(15_000);
  });
  afterAll(async () => {
    for (const ctx of contexts) await ctx.close().catch(() => undefined);
    await browser?.close();
    await koe?.stop();
    await db?.drop();
  });

  it('alerts a signed-in supervisor to a spike of outage posts in the inbox', async () => {
    await page.goto(koe.base + '/login');
    await page.getByLabel('メールアドレス').fill(SUPERVISOR.email);
    await page.getByLabel('パスワード').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('inbox-list').waitFor();
    await page.locator('html[data-realtime="open"]').waitFor({ state: 'attached' });
    await expect.poll(() => page.getByTestId('spike-banner').count()).toBe(0);

    for (const post of OUTAGE_POSTS) await write(post);
    await koe.koe.jobs.drain();
    const items = await waitFor(async () => {
      const all = await conversations();
      return all.length >= OUTAGE_POSTS.length ? all : null;
    }, 10_000);
    // Triage puts every post in the outage category: the spike rule counts them.
    expect(items.filter((c) => c.categories.includes('outage')).length).toBe(OUTAGE_POSTS.length);

    // The alert arrives over the realtime stream, without a reload.
    const banner = page.getByTestId('spike-banner');
    await banner.waitFor();
    expect(await banner.getAttribute('data-category')).toBe('outage');
    await expect
      .poll(() => banner.getByTestId('spike-banner-text').innerText())
      .toMatch(/^急増を検知：障害（outage）10分間に\d+件$/);
    const observed = Number((await banner.getByTestId('spike-banner-text').innerText()).match(/(\d+)件$/)![1]);
    expect(observed).toBeGreaterThanOrEqual(8);
    // Supervisors are notified too (urgent toast), and it leads to the inbox.
    await page.getByTestId('notification-toast').filter({ hasText: '急増' }).waitFor();
    await shot(page, 'incident-spike-banner');
  });

  it('declares the incident from the banner, pre-filled for the category, and links the posts', async () => {
    await page.getByTestId('spike-declare').click();
    const dialog = page.getByTestId('declare-dialog');
    await dialog.waitFor();
    await expect.poll(() => dialog.getByTestId('declare-title').inputValue()).toBe('障害の急増');
    await expect.poll(() => dialog.getByTestId('declare-category-outage').locator('input').isChecked()).toBe(true);
    await expect
      .poll(() => dialog.getByTestId('declare-category-billing_error').locator('input').isChecked())
      .toBe(false);
    await expect
      .poll(() => dialog.getByTestId('declare-ack-ja').inputValue())
      .toMatch(/^ご不便をおかけし申し訳ございません。.*障害が発生しており/);
    await expect.poll(() => dialog.getByTestId('declare-ack-en').inputValue()).toContain("We're sorry");
    expect(await dialog.getByTestId('declare-auto-ack').isChecked()).toBe(true);
    expect(await dialog.getByTestId('declare-link-window').inputValue()).toBe('60');
    await dialog.getByTestId('declare-title').fill(TITLE);
    await shot(page, 'incident-declare-dialog');

    await dialog.getByTestId('declare-submit').click();
    await page.waitForURL(/\/incidents\/[^/]+$/);
    incidentId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const detail = page.getByTestId('incident-detail');
    await detail.waitFor();
    await expect.poll(() => page.getByTestId('incident-title').innerText()).toBe(TITLE);
    await expect
      .poll(() => page.getByTestId('incident-linked').innerText())
      .toBe(`紐づく会話 ${OUTAGE_POSTS.length}件`);
    await expect.poll(() => page.getByTestId('incident-replied').innerText()).toBe(`返信済み 0/${OUTAGE_POSTS.length}`);
    await expect.poll(() => page.getByTestId('incident-conversation').count()).toBe(OUTAGE_POSTS.length);
    expect((await incident()).declaredBy.name).toBe(SUPERVISOR.name);

    // The inbox now shows the open incident (for everyone) instead of the spike alert, and badges the posts.
    await page.goto(koe.base + '/');
    const open = page.getByTestId('incident-banner');
    await open.waitFor();
    await expect.poll(() => open.innerText()).toContain(TITLE);
    expect(await page.getByTestId('spike-banner').count()).toBe(0);
    await expect
      .poll(() => page.getByTestId('conversation-item').getByTestId('incident-badge').count())
      .toBe(OUTAGE_POSTS.length);
    await expect.poll(() => page.getByTestId('nav-incidents-count').innerText()).toBe('1');
    await shot(page, 'incident-inbox-banner');
  });

  it('sends the approved acknowledgement to every waiting customer, by name and signed by the supervisor', async () => {
    await page.getByTestId('incident-banner').getByRole('link').click();
    await page.getByTestId('incident-detail').waitFor();
    const send = page.getByTestId('incident-acknowledge');
    await expect.poll(() => send.innerText()).toBe(`未返信の${OUTAGE_POSTS.length}件に送信`);
    await send.click();
    const confirm = page.getByTestId('acknowledge-dialog');
    await confirm.waitFor();
    await expect.poll(() => confirm.innerText()).toContain(`未返信の${OUTAGE_POSTS.length}件のお客様に`);
    await expect.poll(() => confirm.innerText()).toContain(`${SUPERVISOR.displayName} の署名で`);
    await expect
      .poll(() => confirm.getByTestId('acknowledge-preview').innerText())
      .toMatch(/^山田さん、ご不便をおかけし申し訳ございません。/);
    await shot(page, 'incident-acknowledge-dialog');
    await confirm.getByTestId('acknowledge-submit').click();
    await confirm.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getByTestId('incident-acknowledge-result').innerText())
      .toContain(`${OUTAGE_POSTS.length}件に送信しました`);
    await expect
      .poll(() => page.getByTestId('incident-replied').innerText())
      .toBe(`返信済み ${OUTAGE_POSTS.length}/${OUTAGE_POSTS.length}`);
    await expect.poll(() => send.innerText()).toBe('未返信の会話はありません');

    // Each customer got it on their own widget session, addressed by name, in their language, signed by the supervisor.
    await expect
      .poll(async () => (await agentReplies('佐藤 健')).map((m) => m.text))
      .toEqual([
        expect.stringMatching(
          /^佐藤 健さん、ご不便をおかけし申し訳ございません。現在、サービスの一部で障害が発生しており/,
        ),
      ]);
    expect((await agentReplies('佐藤 健'))[0].authorName).toBe(SUPERVISOR.displayName);
    await expect
      .poll(async () => (await agentReplies('Alex Smith')).map((m) => m.text))
      .toEqual([expect.stringMatching(/^Hi Alex Smith — We're sorry/)]);
    for (const post of OUTAGE_POSTS) expect(await agentReplies(post.name)).toHaveLength(1);

    // The conversation thread shows the same message, with the incident badge linking back.
    const sato = page.getByTestId('incident-conversation').filter({ hasText: '佐藤 健' });
    await expect.poll(() => sato.getAttribute('data-replied')).toBe('true');
    await sato.getByRole('link').click();
    const view = page.getByTestId('conversation-view');
    await view.waitFor();
    const ack = view
      .locator('[data-testid="message"][data-kind="reply"]')
      .filter({ hasText: '佐藤 健さん、ご不便をおかけし' });
    await ack.waitFor();
    await expect.poll(() => ack.innerText()).toContain(SUPERVISOR.displayName);
    await view
      .getByTestId('message')
      .filter({ hasText: `インシデント「${TITLE}」に紐付けました` })
      .waitFor();
    await expect.poll(() => view.getByTestId('incident-badge').innerText()).toContain(TITLE);
    await shot(page, 'incident-conversation');
    await view.getByTestId('incident-badge').click();
    await page.getByTestId('incident-detail').waitFor();
  });

  it("acknowledges a new outage post automatically, live in the customer's widget", async () => {
    const ctx = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1100, height: 800 } });
    contexts.push(ctx);
    const customer = await ctx.newPage();
    customer.setDefaultTimeout(15_000);
    await customer.goto(`${koe.base}/demo?channel=${publicKey}`);
    await customer.getByTestId('koe-widget-launcher').click();
    await customer.getByTestId('koe-widget-input').fill(LATE_POST);
    await customer.getByTestId('koe-widget-send').click();
    await koe.koe.jobs.drain();

    const reply = customer.locator('[data-testid="koe-widget-message"][data-from="agent"]');
    await reply.waitFor();
    // A guest has no name to address: the approved text alone, signed by the supervisor.
    await expect
      .poll(() => reply.innerText())
      .toMatch(/ご不便をおかけし申し訳ございません。現在、サービスの一部で障害が発生しており/);
    await expect.poll(() => reply.innerText()).toContain(SUPERVISOR.displayName);
    await customer.screenshot({ path: path.join(SHOT_DIR, 'incident-widget-ack-1100.png') });

    const total = OUTAGE_POSTS.length + 1;
    await expect.poll(() => page.getByTestId('incident-linked').innerText()).toBe(`紐づく会話 ${total}件`);
    await expect.poll(() => page.getByTestId('incident-replied').innerText()).toBe(`返信済み ${total}/${total}`);
    expect((await incident()).acknowledgedCount).toBe(total);
    await shot(page, 'incident-detail');

    // Resolving sends every customer the follow-up; the widget shows it live.
    await page.getByTestId('incident-resolve').click();
    const dialog = page.getByTestId('resolve-dialog');
    await dialog.waitFor();
    await expect
      .poll(() => dialog.getByTestId('resolve-follow-up-ja').inputValue())
      .toMatch(/^復旧しました。ご不便をおかけし申し訳ございませんでした。/);
    await expect
      .poll(() => dialog.getByTestId('resolve-follow-up-en').inputValue())
      .toMatch(/^The service has been restored/);
    await shot(page, 'incident-resolve-dialog');
    await dialog.getByTestId('resolve-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('incident-detail').getAttribute('data-status')).toBe('resolved');
    await expect.poll(() => page.getByTestId('incident-follow-up-ja').innerText()).toContain('復旧しました');
    expect(await page.getByTestId('incident-acknowledge').count()).toBe(0);

    await expect.poll(() => reply.count()).toBe(2);
    await expect
      .poll(() => reply.nth(1).innerText())
      .toContain('復旧しました。ご不便をおかけし申し訳ございませんでした。');
    await expect
      .poll(async () => (await agentReplies('佐藤 健')).map((m) => m.text))
      .toEqual([
        expect.stringMatching(/^佐藤 健さん、ご不便を/),
        expect.stringMatching(/^佐藤 健さん、復旧しました。ご不便をおかけし申し訳ございませんでした。/),
      ]);
    await expect
      .poll(async () => (await agentReplies('Alex Smith'))[1]?.text)
      .toMatch(/^Hi Alex Smith — The service has been restored/);
    await customer.screenshot({ path: path.join(SHOT_DIR, 'incident-widget-follow-up-1100.png') });

    // A second resolve is refused (409), and the list shows it under 解決済み; the inbox banner is gone.
    expect(
      (await admin.post(`/api/incidents/${incidentId}/resolve`, { followUpJa: 'x', followUpEn: 'x' })).status,
    ).toBe(409);
    await page.getByTestId('incident-back').click();
    const resolved = page
      .getByTestId('incidents-resolved')
      .locator(`[data-testid="incident-card"][data-incident-id="${incidentId}"]`);
    await resolved.waitFor();
    await expect.poll(() => resolved.innerText()).toContain(`返信済み ${total}/${total}`);
    await expect
      .poll(() => page.getByTestId('incidents-open').innerText())
      .toContain('対応中のインシデントはありません');
    await shot(page, 'incident-list');
    // English is first-class: the same page in English, then back to Japanese.
    await page.getByTestId('lang-switch').getByText('EN').click();
    await expect.poll(() => page.getByTestId('incidents-resolved').innerText()).toContain('Resolved incidents');
    await expect.poll(() => resolved.innerText()).toContain(`Replied ${total}/${total}`);
    await page.goto(`${koe.base}/incidents/${incidentId}`);
    await expect.poll(() => page.getByTestId('incident-follow-up-en').innerText()).toContain('Follow-up (English)');
    await shot(page, 'incident-detail-en');
    await page.getByTestId('lang-switch').getByText('日本語').click();
    await page.getByTestId('incident-back').click();
    await expect.poll(() => page.getByTestId('incidents-resolved').innerText()).toContain('解決済みのインシデント');
    await page.goto(koe.base + '/');
    await page.getByTestId('inbox-list').waitFor();
    await expect.poll(() => page.getByTestId('incident-banner').count()).toBe(0);
  });
});
