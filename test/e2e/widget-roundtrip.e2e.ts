import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, Client, freshDatabase, startKoe, type RunningKoe, type TestDatabase } from '../integration/harness';
import { launchBrowser, SHOTS, WEB_DIST } from './browser';

describe('customer widget ↔ agent inbox in Chromium (Japanese)', () => {
  let db: TestDatabase;
  let koe: RunningKoe;
  let browser: Browser;
  let agentCtx: BrowserContext;
  let customerCtx: BrowserContext;
  let agent: Page;
  let customer: Page;
  let publicKey: string;
  const dialogs: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    db = await freshDatabase('sqlite');
    koe = await startKoe(db, { webDist: WEB_DIST });
    browser = await launchBrowser();
    agentCtx = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } });
    customerCtx = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1100, height: 800 } });
    agent = await agentCtx.newPage();
    customer = await customerCtx.newPage();
    for (const p of [agent, customer]) p.setDefaultTimeout(15_000);
    for (const p of [agent, customer])
      p.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
  });
  afterAll(async () => {
    await browser?.close();
    await koe?.stop();
    await db?.drop();
  });

  it('sets up the workspace from the first-visit page', async () => {
    await agent.goto(koe.base + '/');
    await agent.waitForURL(/\/setup/);
    await agent.getByLabel('ワークスペース名').fill(ADMIN.workspaceName);
    await agent.getByLabel('管理者の名前').fill(ADMIN.adminName);
    await agent.getByLabel('メールアドレス').fill(ADMIN.adminEmail);
    await agent.getByLabel('パスワード', { exact: false }).fill(ADMIN.adminPassword);
    await agent.getByTestId('setup-submit').click();
    await agent.getByTestId('inbox-list').waitFor();
    // The web chat channel is added through the API as an admin would script it.
    const api = new Client(koe.base);
    await api.post('/api/auth/login', { email: ADMIN.adminEmail, password: ADMIN.adminPassword });
    publicKey = (
      await api.post('/api/channels', {
        kind: 'webchat',
        name: 'Koeマート チャット',
        greeting: 'いらっしゃいませ。ご用件をどうぞ。',
      })
    ).body.publicKey;
  });

  it('a customer message appears in the inbox without reload; the reply reaches the widget; the widget survives a reload', async () => {
    await customer.goto(`${koe.base}/demo?channel=${publicKey}`);
    await customer.getByTestId('koe-widget-launcher').click();
    await customer.getByTestId('koe-widget-input').fill('昨日注文したスニーカーのサイズを交換できますか？');
    await customer.getByTestId('koe-widget-send').click();
    await expect.poll(() => customer.getByTestId('koe-widget-message').count()).toBeGreaterThanOrEqual(1);

    const item = agent.getByTestId('conversation-item').filter({ hasText: 'スニーカーのサイズ' });
    await item.waitFor({ timeout: 15_000 });
    await agent.screenshot({ path: path.join(SHOTS, 'inbox-ja.png') });
    await item.click();
    await agent.getByTestId('message').filter({ hasText: 'スニーカーのサイズ' }).waitFor();
    await agent.getByTestId('composer-input').fill('お問い合わせありがとうございます。サイズ交換を承ります。');
    await agent.getByTestId('composer-send').click();
    await agent.getByTestId('delivery-status').filter({ hasText: '送信済み' }).first().waitFor({ timeout: 15_000 });

    const reply = customer.getByTestId('koe-widget-message').filter({ hasText: 'サイズ交換を承ります' });
    await reply.waitFor({ timeout: 15_000 });
    await customer.screenshot({ path: path.join(SHOTS, 'widget-ja.png') });

    await customer.reload();
    await customer.getByTestId('koe-widget-launcher').click();
    await customer
      .getByTestId('koe-widget-message')
      .filter({ hasText: 'サイズ交換を承ります' })
      .waitFor({ timeout: 15_000 });
    await expect
      .poll(() => customer.getByTestId('koe-widget-message').filter({ hasText: 'スニーカーのサイズ' }).count())
      .toBe(1);
  });

  it('shows markup in a message as text, never as HTML', async () => {
    const attack = '<img src=x onerror=alert(1)>';
    await customer.getByTestId('koe-widget-input').fill(attack);
    await customer.getByTestId('koe-widget-send').click();
    const shown = agent.getByTestId('message').filter({ hasText: attack });
    await shown.waitFor({ timeout: 15_000 });
    await expect.poll(() => shown.first().innerText()).toContain(attack);
    await expect.poll(() => agent.locator('[data-testid="message"] img').count()).toBe(0);
    await expect.poll(() => customer.getByTestId('koe-widget-message').filter({ hasText: attack }).count()).toBe(1);
    await agent.waitForTimeout(300);
    expect(dialogs).toEqual([]);
  });

  it('switches the interface to English and works at phone width', async () => {
    await agent.getByTestId('lang-switch').getByText('EN', { exact: true }).click();
    await expect.poll(() => agent.evaluate('document.documentElement.lang')).toBe('en');
    await expect.poll(() => agent.locator('body').innerText()).toMatch(/Unassigned/);
    expect(await agent.locator('body').innerText()).not.toMatch(/未割り当て/);
    await agent.getByTestId('lang-switch').getByText('日本語', { exact: true }).click();
    await expect.poll(() => agent.evaluate('document.documentElement.lang')).toBe('ja');
    const phone = await agentCtx.newPage();
    await phone.setViewportSize({ width: 375, height: 740 });
    await phone.goto(koe.base + '/');
    await phone.getByTestId('inbox-list').waitFor();
    const overflow = Number(await phone.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
    expect(overflow).toBeLessThanOrEqual(1);
    await phone.screenshot({ path: path.join(SHOTS, 'inbox-phone.png') });
  });

  it('promises a quick reply only when someone is online, and names the opening time when the desk is closed', async () => {
    const api = new Client(koe.base);
    await api.post('/api/auth/login', { email: ADMIN.adminEmail, password: ADMIN.adminPassword });
    const settings = (await api.get('/api/settings/desk')).body;
    // Closed today and the next three days in Tokyo (company holidays), whenever this runs.
    const days = [0, 1, 2, 3].map((i) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date(Date.now() + i * 86_400_000)),
    );
    const put = await api.req('PUT', '/api/settings/desk', {
      ...settings,
      businessHours: { ...settings.businessHours, holidays: days },
    });
    expect(put.status).toBe(200);
    expect((await api.req('PUT', '/api/me/presence', { presence: 'offline' })).status).toBe(200);
    const line = customer.getByTestId('koe-widget-availability');
    await customer.reload();
    await customer.getByTestId('koe-widget-launcher').click();
    await expect.poll(() => line.getAttribute('data-availability')).toBe('closed');
    const text = await line.innerText();
    expect(text).toMatch(/^営業時間外です。.+の営業開始後にお返事します$/);
    expect(text).not.toContain('数分');
    // In the inbox, a business-hours clock says it stands still until the desk opens.
    await agent.reload();
    const closedClock = agent.locator('[data-testid="sla-badge"][data-closed="true"]').first();
    await expect.poll(() => closedClock.innerText()).toMatch(/^営業時間外（.+から）$/);
    await agent.screenshot({ path: path.join(SHOTS, 'inbox-closed-hours.png') });
    await customer.screenshot({ path: path.join(SHOTS, 'widget-closed-ja.png') });

    expect((await api.req('PUT', '/api/me/presence', { presence: 'online' })).status).toBe(200);
    await customer.reload();
    await customer.getByTestId('koe-widget-launcher').click();
    await expect.poll(() => line.getAttribute('data-availability')).toBe('online');
    expect(await line.innerText()).toBe('通常数分以内にお返事します');
  });
});
