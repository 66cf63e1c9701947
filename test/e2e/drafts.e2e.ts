import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, RunningKoe, TestDatabase } from '../integration/harness';
import { visitorWrites, webchatDesk } from './desk';
import { launchBrowser, SHOTS } from './browser';

const SHOT_DIR = process.env.KOE_SHOTS ?? SHOTS;
const PASSWORD = 'correct-horse-battery-2';
const OPENING_HOURS = '営業時間は何時までですか？土曜日も開いていますか';
const DOUBLE_CHARGE = '昨日カードで払ったら二重請求されてました。至急返金してください';
const HALF_REPLY = 'お問い合わせありがとうございます。営業時間は平日10時から';
const NOTE = '土曜営業の件は店舗に確認中';
const DAY = 24 * 60 * 60 * 1000;

/** Issue 4: an urgent L3 conversation interrupts the agent; the reply they were writing survives the switch and reloads. */
describe('composer drafts survive an urgent interruption, in Chromium', () => {
  let db: TestDatabase;
  let koe: RunningKoe;
  let admin: Client;
  let publicKey: string;
  let browser: Browser;
  let page: Page;
  const agent = { id: '', email: 'billing@koe.example', name: '請求 太郎' };

  const write = (text: string) => visitorWrites(koe, admin, publicKey, text);
  const item = (id: string) => page.locator(`[data-testid="conversation-item"][data-conversation-id="${id}"]`);
  const view = (id: string) => page.locator(`[data-testid="conversation-view"][data-conversation-id="${id}"]`);
  const marker = (id: string) => item(id).getByTestId('draft-marker');
  const input = () => page.getByTestId('composer-input');
  const stored = () =>
    page.evaluate(() =>
      Object.keys((globalThis as unknown as { localStorage: object }).localStorage)
        .filter((k) => k.startsWith('koe:draft:v1:'))
        .sort(),
    );
  const dismissToasts = async () => {
    const close = page.getByTestId('notification-toast').locator('button');
    while (await close.count()) await close.first().click();
  };

  beforeAll(async () => {
    mkdirSync(SHOT_DIR, { recursive: true });
    ({ db, koe, admin, publicKey } = await webchatDesk());
    const r = await admin.post('/api/agents', {
      email: agent.email,
      name: agent.name,
      password: PASSWORD,
      role: 'agent',
      level: 3,
      skills: ['billing'],
    });
    expect(r.status).toBe(201);
    agent.id = r.body.id;
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 860 } })).newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(koe.base + '/login');
    await page.getByLabel('メールアドレス').fill(agent.email);
    await page.getByLabel('パスワード').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('inbox-list').waitFor();
    await page.locator('html[data-realtime="open"]').waitFor({ state: 'attached' });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await koe?.stop();
    await db?.drop();
  });

  it('keeps the half-written reply through an urgent conversation, a reload and a failed send; clears it once sent', async () => {
    const a = await write(OPENING_HOURS);
    await item(a.id).click();
    await view(a.id).waitFor();

    // Half a reply, and a private note (a separate draft per mode).
    await input().fill(HALF_REPLY);
    await page.getByTestId('composer-private-toggle').click();
    expect(await input().inputValue()).toBe('');
    await input().fill(NOTE);
    await page.getByTestId('composer-reply-toggle').click();
    expect(await input().inputValue()).toBe(HALF_REPLY);
    // Saved shortly after typing stops: the list marks A while it is still open.
    await marker(a.id).waitFor();

    // The agent goes online; an urgent L3 double charge arrives, is assigned to them, and rings.
    await page.getByTestId('presence-select').selectOption('online');
    await expect
      .poll(async () => ((await admin.get('/api/agents')).body.items as any[]).find((x) => x.id === agent.id)?.presence)
      .toBe('online');
    const b = await write(DOUBLE_CHARGE);
    expect(b.level).toBe(3);
    const toast = page.getByTestId('notification-toast').filter({ hasText: '二重請求' });
    await toast.waitFor();
    await expect.poll(() => toast.getAttribute('data-urgent')).toBe('true');

    // Following the notification opens B with an empty composer; A's text stayed with A.
    await toast.getByText('会話を開く').click();
    await view(b.id).waitFor();
    expect(await input().inputValue()).toBe('');
    await marker(a.id).waitFor();
    expect(await marker(b.id).count()).toBe(0);
    // The acknowledgement draft goes into the same text, so it is kept as B's draft too; the agent shortens and sends it.
    await page.getByTestId('composer-ack-draft').click();
    expect(await input().inputValue()).toContain('申し訳ございません');
    await marker(b.id).waitFor();
    const answer = 'ご迷惑をおかけして申し訳ございません。すぐに確認いたします。';
    await input().fill(answer);
    await page.getByTestId('composer-send').click();
    await view(b.id).getByTestId('message').filter({ hasText: answer }).waitFor();
    await expect.poll(() => input().inputValue()).toBe('');
    await page.waitForTimeout(500);
    expect(await marker(b.id).count()).toBe(0);

    // Back to A: the half-written reply is there, the note under 社内メモ, and A is marked in the list.
    await item(a.id).click();
    await view(a.id).waitFor();
    await expect.poll(() => input().inputValue()).toBe(HALF_REPLY);
    expect(await marker(a.id).innerText()).toBe('下書き');
    await page.getByTestId('composer-private-toggle').click();
    expect(await input().inputValue()).toBe(NOTE);
    await page.getByTestId('composer-reply-toggle').click();
    await dismissToasts();
    await page.mouse.move(700, 10);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOT_DIR, 'drafts-list-marker-1280.png') });

    // Old and surplus drafts are dropped on load: one 8 days old, and 205 others (more than the 200 kept).
    await page.evaluate(
      ({ agentId, day }) => {
        // Runs in the page; typed here because this file's tsconfig has no DOM library.
        const localStorage = (globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } })
          .localStorage;
        const now = Date.now();
        localStorage.setItem(
          `koe:draft:v1:${agentId}:stale`,
          JSON.stringify({ reply: '古い', note: '', mode: 'reply', at: now - 8 * day }),
        );
        for (let i = 0; i < 205; i++) {
          localStorage.setItem(
            `koe:draft:v1:other-agent:c${i}`,
            JSON.stringify({ reply: `x${i}`, note: '', mode: 'reply', at: now - day - i * 60_000 }),
          );
        }
      },
      { agentId: agent.id, day: DAY },
    );

    // Typing and reloading at once (before the debounce) keeps the text too.
    const more = `${HALF_REPLY}18時まで`;
    await input().fill(more);
    await page.reload();
    await view(a.id).waitFor();
    await expect.poll(() => input().inputValue()).toBe(more);
    await marker(a.id).waitFor();
    const keys = await stored();
    expect(keys.length).toBe(200);
    expect(keys).toContain(`koe:draft:v1:${agent.id}:${a.id}`);
    expect(keys).not.toContain(`koe:draft:v1:${agent.id}:stale`);
    // The newest of the others stay, the oldest went.
    expect(keys).toContain('koe:draft:v1:other-agent:c0');
    expect(keys).not.toContain('koe:draft:v1:other-agent:c204');

    // A failed send keeps the draft.
    await page.route('**/api/conversations/*/messages', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: '{"error":"unavailable","message":"unavailable"}',
          })
        : route.fallback(),
    );
    const failed = page.waitForResponse((r) => r.url().endsWith('/messages') && r.request().method() === 'POST');
    await page.getByTestId('composer-send').click();
    expect((await failed).status()).toBe(503);
    await expect.poll(() => page.getByTestId('composer-send').isEnabled()).toBe(true);
    expect(await input().inputValue()).toBe(more);
    await page.reload();
    await view(a.id).waitFor();
    await expect.poll(() => input().inputValue()).toBe(more);
    await page.unroute('**/api/conversations/*/messages');

    // The note is added: its draft goes, the reply's stays (still marked).
    await page.getByTestId('composer-private-toggle').click();
    expect(await input().inputValue()).toBe(NOTE);
    await page.getByTestId('composer-send').click();
    await view(a.id).getByTestId('message').filter({ hasText: NOTE }).waitFor();
    await expect.poll(() => input().inputValue()).toBe('');
    await page.getByTestId('composer-reply-toggle').click();
    expect(await input().inputValue()).toBe(more);
    await page.waitForTimeout(500);
    await marker(a.id).waitFor();

    // The reply is sent: the draft is gone — no marker, nothing stored, and an empty composer after a reload.
    await page.getByTestId('composer-send').click();
    await view(a.id).getByTestId('message').filter({ hasText: more }).waitFor();
    await expect.poll(() => input().inputValue()).toBe('');
    await expect.poll(() => marker(a.id).count()).toBe(0);
    expect(await stored()).not.toContain(`koe:draft:v1:${agent.id}:${a.id}`);
    await page.reload();
    await view(a.id).waitFor();
    await item(a.id).waitFor();
    await page.waitForTimeout(500);
    expect(await input().inputValue()).toBe('');
    expect(await marker(a.id).count()).toBe(0);

    // Signing out on purpose forgets this agent's drafts (a shared computer keeps no customer details); others' stay.
    await input().fill('サインアウト前の下書き');
    await expect.poll(async () => (await stored()).includes(`koe:draft:v1:${agent.id}:${a.id}`)).toBe(true);
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');
    const left = await stored();
    expect(left.filter((k) => k.startsWith(`koe:draft:v1:${agent.id}:`))).toEqual([]);
    expect(left).toContain('koe:draft:v1:other-agent:c0');
  });
});
