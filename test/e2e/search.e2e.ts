import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Visitor } from '../integration/harness';
import { launchBrowser, resize, SHOTS } from './browser';
import { signIn, visitorWrites, webchatDesk } from './desk';

const SHOT_DIR = process.env.KOE_SHOTS ?? SHOTS;

/** The header's search box in Chromium: a Japanese phrase inside a message, an order number, a customer's handle. */
describe('search from the header, in Chromium', () => {
  let desk: Awaited<ReturnType<typeof webchatDesk>>;
  let browser: Browser;
  let page: Page;
  const conv: Record<string, any> = {};

  beforeAll(async () => {
    mkdirSync(SHOT_DIR, { recursive: true });
    desk = await webchatDesk();
    conv.charge = await visitorWrites(
      desk.koe,
      desk.admin,
      desk.publicKey,
      'カードで二重請求されています。至急返金してください',
    );
    conv.kettle = await visitorWrites(desk.koe, desk.admin, desk.publicKey, 'The kettle arrived broken');
    // The order number comes in a later message of a conversation, not in its preview.
    const v = new Visitor(desk.koe.base, desk.publicKey);
    await v.open();
    await v.say('注文した靴が届きません');
    await desk.koe.koe.jobs.drain();
    await v.say('注文番号はKM-20241206-0042です。よろしくお願いします');
    await desk.koe.koe.jobs.drain();
    conv.order = (await desk.admin.get('/api/search?q=KM-20241206-0042')).body.items[0];
    const customer = (await desk.admin.get(`/api/conversations/${conv.kettle.id}`)).body.customer;
    await desk.koe.koe.db
      .updateTable('customer_identities')
      .set({ handle: '@kettle_fan' })
      .where('customer_id', '=', customer.id)
      .execute();
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 860 } })).newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, desk.koe.base);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await desk?.koe.stop();
    await desk?.db.drop();
  });

  it('finds a Japanese phrase inside a message and opens the conversation at it', async () => {
    await page.keyboard.press('/');
    const input = page.getByTestId('search-input');
    await input.waitFor();
    await input.fill('二重請求');
    const result = page.getByTestId('search-result').first();
    await expect.poll(() => result.innerText()).toContain('カードで二重請求されています');
    // The matched words are marked in the snippet.
    await expect.poll(() => result.getByTestId('search-snippet').locator('mark').first().innerText()).toBe('二重請求');
    // Filtering by an assignee nobody has narrows to nothing; back to anyone, the hit returns.
    const me = (await desk.admin.get('/api/me')).body.agent.id;
    await page.getByTestId('search-assignee').selectOption(me);
    await page.getByTestId('search-empty').waitFor();
    await page.getByTestId('search-assignee').selectOption('');
    await page.getByTestId('search-period').selectOption('1');
    await expect.poll(() => result.innerText()).toContain('カードで二重請求されています');
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOT_DIR, 'search-results.png') });
    await result.click();
    await page.waitForURL(/\/conversations\/.+\?message=/);
    expect(page.url()).toContain(conv.charge.id);
    const focused = page.locator('[data-testid="message"][data-focused="true"]');
    await expect.poll(() => focused.innerText()).toContain('二重請求');
  });

  it('finds an order number given in a later message, and Enter opens the first result', async () => {
    await page.keyboard.press('Control+k');
    await page.getByTestId('search-input').fill('km-20241206');
    await expect
      .poll(() => page.getByTestId('search-result').first().innerText())
      .toContain('注文番号はKM-20241206-0042です');
    await page.getByTestId('search-input').press('Enter');
    await page.waitForURL(new RegExp(`/conversations/${conv.order.conversationId}\\?message=${conv.order.messageId}`));
    await expect
      .poll(() => page.locator('[data-testid="message"][data-focused="true"]').innerText())
      .toContain('KM-20241206-0042');
  });

  it('finds a customer by their handle, and says when nothing matches', async () => {
    await page.getByTestId('search-open').click();
    await page.getByTestId('search-input').fill('kettle_fan');
    const hit = page.locator('[data-testid="search-result"][data-match="customer"]');
    await expect.poll(() => hit.innerText()).toContain('お客様: @kettle_fan');
    expect(await hit.getAttribute('data-conversation-id')).toBe(conv.kettle.id);
    await page.getByTestId('search-input').fill('返品');
    await page.getByTestId('search-empty').waitFor();
    // On a phone the search button still fits in the header, and the dialog fills the width.
    await resize(page, { width: 390, height: 844 });
    await page.getByTestId('search-input').fill('返金');
    await page.getByTestId('search-result').first().waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOT_DIR, 'search-phone.png') });
    await page.keyboard.press('Escape');
    await page.getByTestId('search-dialog').waitFor({ state: 'hidden' });
    expect(await page.getByTestId('search-open').isVisible()).toBe(false);
    await page.getByTestId('search-open-compact').click();
    await page.getByTestId('search-input').waitFor();
    await page.keyboard.press('Escape');
    await page.screenshot({ path: path.join(SHOT_DIR, 'search-phone-header.png') });
  });

  it('finds a conversation by the reference number a customer quotes, shown in its header', async () => {
    await resize(page, { width: 1280, height: 860 });
    const reference = (await desk.admin.get(`/api/conversations/${conv.kettle.id}`)).body.reference;
    await page.keyboard.press('/');
    await page.getByTestId('search-input').fill(`#${reference}`);
    const hit = page.locator('[data-testid="search-result"][data-match="reference"]');
    await expect.poll(() => hit.innerText()).toContain(`お問い合わせ番号: #${reference}`);
    await hit.click();
    await page.waitForURL(new RegExp(`/conversations/${conv.kettle.id}$`));
    await expect.poll(() => page.getByTestId('conversation-reference').innerText()).toBe(`#${reference}`);
  });
});
