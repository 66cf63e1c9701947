import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resize, SHOTS } from './browser';
import { signedInWebchatDesk } from './desk';

const SHOT_DIR = process.env.KOE_SHOTS ?? SHOTS;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const QUESTIONS = ['何時まで開いていますか？', '土曜日も営業していますか？'];
const BODY_V1 =
  '# 営業時間\n\n当店の**営業時間**は平日10時〜18時です。\n\n- 土日祝日はお休みです\n- 年末年始は[お知らせ](https://example.com/news)をご覧ください\n\n<b>タグはそのまま</b>';

/** The knowledge base: written in the editor with its preview, published, found, edited and restored, in Chromium. */
describe('knowledge base in Chromium', () => {
  let setup: Awaited<ReturnType<typeof signedInWebchatDesk>>;
  let page: Page;
  let base: string;

  /** Nothing wider than the window, and no internal id anywhere in the page's words. */
  const fitsAndSaysNoCodes = async (width: number) => {
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(width);
    expect(await page.locator('body').innerText()).not.toMatch(UUID);
  };

  beforeAll(async () => {
    setup = await signedInWebchatDesk(SHOT_DIR);
    page = setup.page;
    base = setup.desk.koe.base;
    // Deleting and restoring ask for confirmation.
    page.on('dialog', (d) => void d.accept());
  }, 60_000);
  afterAll(async () => {
    await setup?.close();
  });

  it('writes an article in the editor with a live preview, in two languages, and publishes it', async () => {
    await page.getByTestId('nav-kb').click();
    await page.getByTestId('kb-write').click();
    const editor = page.getByTestId('kb-editor');
    await editor.getByTestId('kb-title').fill('営業時間のご案内');
    await editor.getByTestId('kb-body').fill(BODY_V1);
    const preview = editor.getByTestId('kb-preview');
    // Markdown is drawn: a heading, bold, a list and a link; HTML in the text stays text.
    await expect.poll(() => preview.locator('h1').innerText()).toBe('営業時間');
    expect(await preview.locator('strong').innerText()).toBe('営業時間');
    expect(await preview.locator('li').count()).toBe(2);
    expect(await preview.locator('a').getAttribute('href')).toBe('https://example.com/news');
    expect(await preview.locator('b').count()).toBe(0);
    expect(await preview.innerText()).toContain('<b>タグはそのまま</b>');
    // The ways customers ask, one per line; blank lines are dropped.
    await editor.getByLabel('お客さまの聞き方（1行に1つ）').fill(`${QUESTIONS[0]}\n\n  ${QUESTIONS[1]}  \n`);

    await editor.getByTestId('kb-tab-en').click();
    await editor.getByTestId('kb-title').fill('Opening hours');
    await editor.getByTestId('kb-body').fill('We are open **10:00–18:00** on weekdays.');
    await expect.poll(() => editor.getByTestId('kb-preview').locator('strong').innerText()).toBe('10:00–18:00');
    await editor.getByTestId('kb-tab-ja').click();
    await editor.getByTestId('kb-category').fill('店舗');
    await editor.getByTestId('kb-tags').fill('営業時間');
    await page.keyboard.press('Enter');
    await editor.locator('label', { hasText: '公開する' }).first().click();
    expect(await editor.getByTestId('kb-publish').isChecked()).toBe(true);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOT_DIR, 'kb-editor-ja-1280.png'), fullPage: true });
    await fitsAndSaysNoCodes(1280);

    await editor.getByTestId('kb-save').click();
    await expect.poll(() => page.getByTestId('kb-article-title').innerText()).toBe('営業時間のご案内');
    expect(await page.getByTestId('kb-status').innerText()).toBe('公開中');
    expect(await page.getByTestId('kb-article-body').locator('strong').innerText()).toBe('営業時間');
    const questions = page.getByTestId('kb-article-questions');
    expect(await questions.locator('li').allInnerTexts()).toEqual(QUESTIONS);
    expect(await questions.innerText()).toContain('お客さまの聞き方');
    // Saved with the article: a reload reads them back from the server.
    await page.reload();
    await expect.poll(() => questions.locator('li').allInnerTexts()).toEqual(QUESTIONS);
    await page.getByTestId('kb-lang').getByText('English').click();
    await expect.poll(() => page.getByTestId('kb-article-title').innerText()).toBe('Opening hours');
    // The English version has none, so no list.
    expect(await questions.count()).toBe(0);
    await fitsAndSaysNoCodes(1280);
  });

  it('finds it by a word inside its text, with a snippet', async () => {
    await page.getByTestId('nav-kb').click();
    await page.getByTestId('kb-search').fill('祝日');
    const hit = page.getByTestId('kb-hit');
    await expect.poll(() => hit.count()).toBe(1);
    expect(await hit.getByTestId('kb-snippet').innerText()).toContain('土日祝日はお休みです');
    expect(await hit.getByTestId('kb-status').innerText()).toBe('公開中');
    await page.getByTestId('kb-search').fill('送料');
    await page.getByTestId('kb-no-hits').waitFor();
    await page.getByTestId('kb-search').fill('営業時間');
    await expect.poll(() => hit.count()).toBe(1);
    await page.screenshot({ path: path.join(SHOT_DIR, 'kb-search-ja-1280.png'), fullPage: true });
    await fitsAndSaysNoCodes(1280);
    await hit.getByTestId('kb-open').click();
    await page.getByTestId('kb-article-title').waitFor();
  });

  it('edits it, then restores the earlier revision from the history drawer', async () => {
    await page.getByTestId('kb-edit').click();
    const editor = page.getByTestId('kb-editor');
    // The editor opens with the saved questions, one per line.
    await expect.poll(() => editor.getByTestId('kb-questions').inputValue()).toBe(QUESTIONS.join('\n'));
    await editor.getByTestId('kb-body').fill('# 営業時間\n\n営業時間は**毎日9時〜21時**になりました。');
    await expect.poll(() => editor.getByTestId('kb-preview').innerText()).toContain('毎日9時〜21時');
    await editor.getByTestId('kb-save').click();
    await expect.poll(() => page.getByTestId('kb-article-body').innerText()).toContain('毎日9時〜21時');

    await page.getByTestId('kb-history').click();
    const revisions = page.getByTestId('kb-revision');
    await expect.poll(() => revisions.count()).toBe(2);
    expect(await revisions.first().innerText()).toContain('第2版');
    await revisions.nth(1).click();
    await expect.poll(() => page.getByTestId('kb-revision-body').innerText()).toContain('平日10時〜18時');
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOT_DIR, 'kb-history-ja-1280.png') });
    await page.getByTestId('kb-restore').click();
    await expect.poll(() => page.getByTestId('kb-notice').innerText()).toContain('第1版の内容に戻しました');
    await expect.poll(() => page.getByTestId('kb-article-body').innerText()).toContain('平日10時〜18時');
    expect(await page.getByTestId('kb-status').innerText()).toBe('公開中');
    await page.getByTestId('kb-history').click();
    await expect.poll(() => revisions.count()).toBe(3);
    expect(await revisions.first().innerText()).toContain('第1版から復元');
    await page.keyboard.press('Escape');
  });

  it('reads well in English at phone width', async () => {
    await page.evaluate(() =>
      (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem(
        'koe.lang',
        'en',
      ),
    );
    await resize(page, { width: 375, height: 800 });
    await page.goto(`${base}/kb`);
    await page.getByTestId('kb-row').first().waitFor();
    expect(await page.getByTestId('kb-row').first().innerText()).toContain('Opening hours');
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOT_DIR, 'kb-list-en-375.png'), fullPage: true });
    await fitsAndSaysNoCodes(375);

    await page.getByTestId('kb-open').first().click();
    await expect.poll(() => page.getByTestId('kb-article-title').innerText()).toBe('Opening hours');
    await page.screenshot({ path: path.join(SHOT_DIR, 'kb-article-en-375.png'), fullPage: true });
    await fitsAndSaysNoCodes(375);

    await page.getByTestId('kb-edit').click();
    await page.getByTestId('kb-editor').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOT_DIR, 'kb-editor-en-375.png'), fullPage: true });
    await fitsAndSaysNoCodes(375);

    await page.goto(`${base}/kb`);
    await page.getByTestId('kb-search').fill('weekdays');
    await expect.poll(() => page.getByTestId('kb-hit').count()).toBe(1);
    await page.screenshot({ path: path.join(SHOT_DIR, 'kb-search-en-375.png'), fullPage: true });
    await fitsAndSaysNoCodes(375);
  });
});
