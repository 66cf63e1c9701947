import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox';
import { launchBrowser, resize, SHOTS } from './browser';
import { sandboxDesk, signIn } from './desk';

const SHOT_DIR = process.env.KOE_SHOTS ?? SHOTS;

/** Listening: an admin's query brings sandbox posts that do not tag the brand into the Listening view (and the inbox). */
describe('listening, in Chromium', () => {
  let desk: Awaited<ReturnType<typeof sandboxDesk>>;
  let sandbox: Sandbox;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    desk = await sandboxDesk();
    sandbox = desk.sandbox;
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } })).newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, desk.koe.base);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
  });

  const queryRow = (name: string) => page.getByTestId('listening-query').filter({ hasText: name });
  const post = (text: string) => page.getByTestId('listened-post').filter({ hasText: text });

  it('lets an admin add a query, and a search brings untagged sandbox posts into the view', async () => {
    await page.getByTestId('nav-listening').click();
    // The sandbox starts with one query on X and one on Instagram.
    await expect.poll(() => page.getByTestId('listening-query').count()).toBe(2);

    await page.getByTestId('listening-add').click();
    await page.getByTestId('listening-form-name').fill('夏のキャンペーン');
    await page.getByTestId('listening-form-channel').selectOption({ label: 'Sandbox X' });
    await page.getByTestId('listening-form-terms').fill('コエ祭り');
    await page.getByTestId('listening-form-terms').press('Enter');
    await page.getByTestId('listening-form-exclusions').fill('求人');
    await page.getByTestId('listening-form-exclusions').press('Enter');
    await page.getByTestId('listening-form-save').click();
    await queryRow('夏のキャンペーン').waitFor();
    expect(await queryRow('夏のキャンペーン').textContent()).toContain('−求人');

    await sandbox.postUntagged('x', 'Koeマートで同じ注文が二重に請求されています。返金してください #Koeマート');
    await sandbox.postUntagged('x', 'コエ祭りのポスター、駅で見かけた');
    await sandbox.postUntagged('x', 'コエ祭り 会場スタッフ 求人 募集中');
    await sandbox.postUntagged('instagram', '届いたイヤホンが片方だけ壊れていました。交換してほしい #KoeMart');
    for (const name of ['Koeマート（名前とハッシュタグ）', '夏のキャンペーン', 'Koeマートのハッシュタグ']) {
      await queryRow(name).getByTestId('listening-search-now').click();
      await expect
        .poll(() => queryRow(name).getByTestId('listening-search-now').getAttribute('data-loading'))
        .toBeNull();
    }
    await post('二重に請求されています').waitFor();
    await post('ポスター、駅で見かけた').waitFor();
    await post('片方だけ壊れていました').waitFor();
    expect(await post('会場スタッフ').count()).toBe(0);
    expect(await post('片方だけ壊れていました').textContent()).toContain('Koe から返信できません');
    await expect.poll(() => page.getByTestId('listening-total-posts').textContent()).toContain('3');
    await expect
      .poll(() => page.getByTestId('listening-chart').locator('.recharts-bar-rectangle').count())
      .toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SHOT_DIR, 'listening-ja-1280.png'), fullPage: true });
  });

  it('filters the posts that need an answer, and opens the conversation one began, marked as listening', async () => {
    await page.getByTestId('listening-show').getByText('返信が必要').click();
    await post('二重に請求されています').waitFor();
    await expect.poll(() => post('ポスター、駅で見かけた').count()).toBe(0);
    await post('二重に請求されています').getByTestId('listened-open').click();
    await page.getByTestId('message').filter({ hasText: '二重に請求されています' }).waitFor();
    await page.getByTestId('listening-badge').first().waitFor();
  });

  it('reads in English on a phone', async () => {
    await page.getByTestId('nav-listening').click();
    await page.getByTestId('lang-switch').getByText('EN', { exact: true }).click();
    await resize(page, { width: 375, height: 800 });
    await post('二重に請求されています').waitFor();
    await page.getByRole('heading', { name: 'Posts found' }).waitFor();
    expect(await post('片方だけ壊れていました').textContent()).toContain('Instagram does not let Koe answer');
    await page.waitForTimeout(500);
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: path.join(SHOT_DIR, 'listening-en-375.png'), fullPage: true });
  });
});
