import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS } from './browser';
import { signedInWebchatDesk } from './desk';

const SHOT_DIR = process.env.KOE_SHOTS ?? SHOTS;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The help center: turned on and styled by an admin, an article written and published, read by a customer, whose
 * chat suggests it while they type. */
describe('help center in Chromium', () => {
  let setup: Awaited<ReturnType<typeof signedInWebchatDesk>>;
  let page: Page;
  let base: string;
  let articleUrl = '';

  const fits = async (p: Page, width: number) => {
    expect(Number(await p.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(width);
    expect(await p.locator('body').innerText()).not.toMatch(UUID);
  };
  const shoot = (p: Page, name: string) => p.screenshot({ path: path.join(SHOT_DIR, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    setup = await signedInWebchatDesk(SHOT_DIR);
    page = setup.page;
    base = setup.desk.koe.base;
  }, 60_000);
  afterAll(async () => {
    await setup?.close();
  });

  it('an admin turns the help center on and gives it the brand’s name, address and colour', async () => {
    await page.getByTestId('nav-kb').click();
    const section = page.getByTestId('help-center-settings');
    expect(await section.getByTestId('help-center-state').innerText()).toBe('非公開');
    await section.getByTestId('help-center-name').fill('Koeマート');
    await section.getByTestId('help-center-slug').fill('koemart');
    await section.getByTestId('help-center-accent').fill('#c2410c');
    await section.getByTestId('help-center-save').click();
    await section.locator('label', { hasText: 'ヘルプセンターを公開する' }).click();
    await expect.poll(() => section.getByTestId('help-center-state').innerText()).toBe('公開中');
    expect(await section.getByTestId('help-center-link').getAttribute('href')).toBe(`${base}/help/koemart`);
    await shoot(page, 'admin-section-ja-1280');
  });

  it('writes an article in the editor, publishes it, and the public page shows it', async () => {
    await page.getByTestId('kb-write').click();
    const editor = page.getByTestId('kb-editor');
    await editor.getByTestId('kb-title').fill('送料とお届け日数');
    await editor
      .getByTestId('kb-body')
      .fill('# 送料\n\n5,000円以上のご注文は**送料無料**です。\n\n## お届け日数\n\nご注文から2〜4日でお届けします。');
    await editor.getByTestId('kb-tab-en').click();
    await editor.getByTestId('kb-title').fill('Shipping costs');
    await editor.getByTestId('kb-body').fill('Orders of ¥5,000 or more ship **free**. Delivery takes 2–4 days.');
    await editor.getByTestId('kb-tab-ja').click();
    await editor.getByTestId('kb-category').fill('配送');
    await editor.locator('label', { hasText: '公開する' }).first().click();
    await editor.getByTestId('kb-save').click();
    await expect.poll(() => page.getByTestId('kb-status').innerText()).toBe('公開中');
    // A Japanese-only article, and a draft the public never sees.
    const write = (body: unknown) => setup.desk.admin.post('/api/kb/articles', body);
    await write({
      versions: {
        ja: { title: '使えるお支払い方法', body: 'クレジットカード、コンビニ払い、PayPay をご利用いただけます。' },
      },
      category: 'ご注文・お支払い',
      status: 'published',
    });
    await write({ versions: { ja: { title: '未公開のお知らせ', body: '送料の改定（準備中）' } }, category: '配送' });

    const customer = await (
      await setup.browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 860 } })
    ).newPage();
    customer.setDefaultTimeout(15_000);
    const res = await customer.goto(`${base}/help/koemart`);
    expect(res?.status()).toBe(200);
    expect(customer.url()).toBe(`${base}/help/koemart/ja`);
    expect(await customer.title()).toBe('Koeマート ヘルプセンター');
    const main = customer.locator('main');
    expect(await main.innerText()).toContain('送料とお届け日数');
    expect(await main.innerText()).not.toContain('未公開のお知らせ');
    await fits(customer, 1280);
    await shoot(customer, 'home-ja-1280');

    await main.getByRole('link', { name: '送料とお届け日数' }).click();
    await customer.waitForURL(/\/help\/koemart\/ja\/articles\//);
    articleUrl = customer.url();
    expect(await customer.locator('article h1').first().innerText()).toBe('送料とお届け日数');
    expect(await customer.locator('article strong').innerText()).toBe('送料無料');
    await shoot(customer, 'article-ja-1280');

    await customer.getByTestId('help-language').click();
    await customer.waitForURL(/\/help\/koemart\/en\/articles\//);
    expect(await customer.locator('html').getAttribute('lang')).toBe('en');
    expect(await customer.locator('article h1').first().innerText()).toBe('Shipping costs');
    await shoot(customer, 'article-en-1280');

    await customer.goto(`${base}/help/koemart/en`);
    await shoot(customer, 'home-en-1280');
    await customer.locator('main').getByRole('link', { name: '使えるお支払い方法' }).click();
    expect(await customer.getByTestId('help-fallback').innerText()).toContain('no English version');
    await shoot(customer, 'fallback-en-1280');

    await customer.getByLabel('Search the help center').fill('free');
    await customer.getByLabel('Search the help center').press('Enter');
    await customer.waitForURL(/\/search\?q=free/);
    expect(await customer.locator('main').innerText()).toContain('1 result for “free”');
    await shoot(customer, 'search-en-1280');

    // A phone: nothing wider than the screen.
    await customer.setViewportSize({ width: 375, height: 800 });
    for (const [url, name] of [
      [`${base}/help/koemart/ja`, 'home-ja-375'],
      [articleUrl, 'article-ja-375'],
      [`${base}/help/koemart/en`, 'home-en-375'],
      [articleUrl.replace('/ja/', '/en/'), 'article-en-375'],
      [`${base}/help/koemart/ja/search?q=${encodeURIComponent('送料')}`, 'search-ja-375'],
      [`${base}/help/koemart/ja/articles/no-such-article`, 'not-found-ja-375'],
    ] as const) {
      await customer.goto(url);
      await fits(customer, 375);
      await shoot(customer, name);
    }
    await customer.context().close();
  });

  it('“Chat with us” opens the widget, which suggests the article while the customer types', async () => {
    const customer = await (
      await setup.browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 860 } })
    ).newPage();
    customer.setDefaultTimeout(15_000);
    await customer.goto(articleUrl);
    await customer.getByTestId('help-chat').click();
    const input = customer.getByTestId('koe-widget-input');
    await input.waitFor();
    expect(await input.isVisible()).toBe(true);
    await input.pressSequentially('送料はいくら', { delay: 30 });
    const suggestion = customer.getByTestId('koe-widget-suggestion');
    await expect.poll(() => suggestion.count()).toBe(1);
    expect(await suggestion.locator('strong').innerText()).toBe('送料とお届け日数');
    expect(await suggestion.getAttribute('href')).toBe(articleUrl);
    expect(await customer.getByTestId('koe-widget-suggestions').innerText()).not.toContain('未公開');
    await shoot(customer, 'widget-suggestion-ja-1280');
    // Clearing the box takes the suggestions away.
    await input.fill('');
    await input.press('Space');
    await input.press('Backspace');
    await expect.poll(() => customer.getByTestId('koe-widget-suggestions').isVisible()).toBe(false);
    await customer.context().close();
  });
});
