import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  Client,
  freshDatabase,
  seededDesk,
  startKoe,
  Visitor,
  type RunningKoe,
  type TestDatabase,
} from '../integration/harness';
import { launchBrowser, WEB_DIST } from './browser';

const DOUBLE_CHARGE = '昨日来店してクレジットカードで決済したのですが、二重請求になっていました。';
const BOOKING_QUESTION = '来店の何日前までに予約すればよいでしょうか？';
const SPAM = '【限定】フォローで10万円当選！今すぐ登録 https://bit.ly/xxxx #プレゼント #拡散希望';
const POCHIMARU = 'ポチ丸がまた動かない';

// The Japanese labels the UI shows for each triage category.
const LABELS: Record<string, string> = {
  billing_error: '請求トラブル',
  outage: '障害',
  defect: '不良品',
  safety: '安全',
  backlash: '炎上リスク',
  purchase_intent: '購入意向',
  question: '質問',
  request: '要望',
  praise: '称賛',
  spam: 'スパム',
};

describe('triage in the agent inbox in Chromium (Japanese)', () => {
  let db: TestDatabase;
  let koe: RunningKoe;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  let admin: Client;
  let publicKey: string;

  /** A new visitor writes one widget message; returns the id of the conversation it opened. */
  const write = async (text: string): Promise<string> => {
    const known = new Set((await openConversations()).map((c) => c.id));
    const visitor = new Visitor(koe.base, publicKey);
    await visitor.open();
    const sent = await visitor.say(text);
    expect(sent.status).toBeLessThan(300);
    await koe.koe.jobs.drain();
    const created = (await openConversations()).find((c) => c.preview === text && !known.has(c.id));
    expect(created, `conversation for ${text}`).toBeDefined();
    return created.id;
  };
  // A status filter lists flagged conversations too; the inbox views set them aside.
  const openConversations = async () =>
    (await admin.get('/api/conversations?status=open&limit=100')).body.items as any[];
  const detail = async (id: string) => (await admin.get(`/api/conversations/${id}`)).body;
  const listIds = async (view: string) =>
    ((await admin.get(`/api/conversations?view=${view}&limit=100`)).body.items as any[]).map((c) => c.id);
  const navCount = (view: string) => page.getByTestId(`view-count-${view}`).innerText();
  const item = (id: string) => page.locator(`[data-testid="conversation-item"][data-conversation-id="${id}"]`);
  const openView = async (view: string) => {
    await page.getByTestId(`view-count-${view}`).click();
    await expect.poll(() => page.getByTestId('inbox-list').getAttribute('aria-busy')).toBe('false');
  };

  beforeAll(async () => {
    db = await freshDatabase('sqlite');
    koe = await startKoe(db, { webDist: WEB_DIST });
    const desk = await seededDesk(koe.base);
    admin = desk.admin;
    publicKey = desk.channel.publicKey;
    browser = await launchBrowser();
    ctx = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } });
    page = await ctx.newPage();
    page.setDefaultTimeout(15_000);
  });
  afterAll(async () => {
    await browser?.close();
    await koe?.stop();
    await db?.drop();
  });

  it('signs in on the login page', async () => {
    await page.goto(koe.base + '/login');
    await page.getByLabel('メールアドレス').fill(ADMIN.adminEmail);
    await page.getByLabel('パスワード').fill(ADMIN.adminPassword);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('inbox-list').waitFor();
    await expect.poll(() => navCount('flagged')).toBe('0');
  });

  it('shows a double charge as L3 with the reason 二重請求 highlighted', async () => {
    const id = await write(DOUBLE_CHARGE);
    // Arrives over the realtime stream, without a reload.
    await item(id).waitFor();
    await expect.poll(() => item(id).innerText()).toMatch(/L3[\s\S]*請求トラブル/);
    await item(id).click();
    const view = page.locator(`[data-testid="conversation-view"][data-conversation-id="${id}"]`);
    await view.waitFor();
    await expect.poll(() => view.getByText('L3', { exact: true }).count()).toBeGreaterThanOrEqual(1);

    const reason = view.getByTestId('triage-reason').filter({ hasText: '二重請求' }).first();
    await reason.waitFor();
    await expect.poll(() => reason.getAttribute('data-kind')).toBe('category');
    await expect.poll(() => reason.getAttribute('data-code')).toBe('billing_error');
    await expect.poll(() => reason.locator('mark').first().innerText()).toBe('二重請求');
    await expect
      .poll(() => view.locator('[data-testid="triage-reason"][data-kind="level"]').first().innerText())
      .toContain('レベル3');
    expect((await detail(id)).level).toBe(3);

    // In the English UI the reasons are English, still quoting (and marking) the customer's words.
    await page.getByTestId('lang-switch').getByText('EN', { exact: true }).click();
    await expect.poll(() => reason.innerText()).toMatch(/indicates a billing error/);
    await expect.poll(() => reason.locator('mark').first().innerText()).toBe('二重請求');
    await expect
      .poll(() => view.locator('[data-testid="triage-reason"][data-kind="level"]').first().innerText())
      .toContain('level 3: a billing error needs attention now');
    await page.getByTestId('lang-switch').getByText('日本語', { exact: true }).click();
    await expect.poll(() => reason.innerText()).toContain('請求トラブルと判断しました');
  });

  it('lets an agent correct the categories, and the API keeps the correction', async () => {
    const id = await write(BOOKING_QUESTION);
    await item(id).click();
    const view = page.locator(`[data-testid="conversation-view"][data-conversation-id="${id}"]`);
    await view.getByTestId('triage-panel').waitFor();

    const target = ['question', 'request'];
    const current: string[] = (await detail(id)).categories;
    const toggle = [...current.filter((c) => !target.includes(c)), ...target.filter((c) => !current.includes(c))];
    await view.getByTestId('triage-correct').click();
    const picker = view.getByTestId('triage-categories');
    for (const category of toggle) {
      const option = page.getByRole('option', { name: LABELS[category], exact: true });
      if (!(await option.isVisible())) await picker.click();
      await option.click();
    }
    await page.keyboard.press('Escape');
    await view.getByTestId('triage-save').click();
    await view.getByTestId('triage-saved').waitFor();

    expect([...(await detail(id)).categories].sort()).toEqual(target);
    const shown = await view.getByTestId('categories').getByTestId('category-badge').allInnerTexts();
    expect(shown.sort()).toEqual(target.map((c) => LABELS[c]).sort());
    // The list refreshes too.
    await expect
      .poll(async () => (await item(id).getByTestId('category-badge').allInnerTexts()).sort())
      .toEqual(target.map((c) => LABELS[c]).sort());
    expect((await admin.get('/api/triage/settings')).body.corrections).toBe(1);
  });

  it('sets spam aside in the flagged view only, and clearing the flag moves it back', async () => {
    const id = await write(SPAM);
    await expect.poll(() => navCount('flagged')).toBe('1');
    expect(await listIds('all_open')).not.toContain(id);

    await openView('all_open');
    await page.getByTestId('conversation-item').first().waitFor();
    await expect.poll(() => item(id).count()).toBe(0);

    await openView('flagged');
    await item(id).waitFor();
    await expect.poll(() => page.getByTestId('conversation-item').count()).toBe(1);
    await expect.poll(() => item(id).getByTestId('flag-badge').getAttribute('data-flag')).toBe('spam');
    await item(id).click();
    const banner = page.getByTestId('flag-banner');
    await banner.waitFor();
    // The message itself carries the flag, so the agent sees which one triage set aside.
    const flagged = page.locator('[data-testid="message"][data-flag="spam"]');
    await flagged.waitFor();
    expect(await flagged.getByTestId('flag-badge').innerText()).toContain('スパムの疑い');
    await expect
      .poll(() => banner.innerText())
      .toContain('スパムの可能性があるため別枠に分けています（削除・非表示はしていません）');

    await page.getByTestId('flag-clear').click();
    await banner.waitFor({ state: 'detached' });
    await expect.poll(() => navCount('flagged')).toBe('0');
    await expect.poll(() => item(id).count()).toBe(0);
    expect(await listIds('flagged')).not.toContain(id);
    await expect.poll(() => listIds('all_open')).toContain(id);
    expect((await detail(id)).flag).toBeNull();

    await openView('all_open');
    await item(id).waitFor();
    await expect.poll(() => item(id).getByTestId('flag-badge').count()).toBe(0);
  });

  it('applies a phrase an admin adds on /admin/triage to the next message', async () => {
    const before = await write(POCHIMARU);
    expect((await detail(before)).categories).not.toContain('defect');

    await page.getByRole('link', { name: 'トリアージ設定' }).click();
    await page.waitForURL(/\/admin\/triage$/);
    const field = page.getByTestId('phrases-defect');
    await field.waitFor();
    await expect.poll(() => page.getByTestId('triage-corrections').innerText()).toBe('1');
    await field.fill('ポチ丸\n');
    await page.getByTestId('phrases-save').click();
    await page.getByTestId('phrases-saved').waitFor();
    expect((await admin.get('/api/triage/settings')).body.phrases.defect).toEqual(['ポチ丸']);
    // The form shows what the server stored.
    await expect.poll(() => page.getByTestId('phrases-defect').inputValue()).toBe('ポチ丸');

    const after = await write(POCHIMARU);
    expect((await detail(after)).categories).toContain('defect');
    expect((await detail(before)).categories).not.toContain('defect');

    await page.getByTestId('view-count-all_open').click();
    await item(after).waitFor();
    await expect.poll(() => item(after).getByTestId('category-badge').allInnerTexts()).toContain('不良品');
    await item(after).click();
    const reason = page
      .locator(
        `[data-testid="conversation-view"][data-conversation-id="${after}"] [data-testid="triage-reason"][data-code="defect"]`,
      )
      .first();
    await reason.waitFor();
    await expect.poll(() => reason.innerText()).toContain('ポチ丸');
  });
});
