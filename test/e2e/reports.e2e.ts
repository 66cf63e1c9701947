import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDays, refreshReportFacts } from '../../src/desk/reports/facts';
import { resize, SHOTS } from './browser';
import { signedInWebchatDesk, visitorWrites } from './desk';

const SHOT_DIR = process.env.KOE_SHOTS ?? SHOTS;

/** The reports page: figures of a desk worked for real, every chart drawn, and the conversations behind a figure. */
describe('reports, in Chromium', () => {
  let setup: Awaited<ReturnType<typeof signedInWebchatDesk>>;
  let desk: typeof setup.desk;
  let page: Page;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    setup = await signedInWebchatDesk(SHOT_DIR);
    ({ desk, page } = setup);
    const write = (text: string) => visitorWrites(desk.koe, desk.admin, desk.publicKey, text);
    const charged = await write('昨日クレジットカードで決済したら二重請求になっていました。返金してください。');
    const question = await write('営業時間を教えてください');
    const late = await write('注文した商品がまだ届きません');
    ids.charged = charged.id;
    ids.question = question.id;
    ids.late = late.id;
    // Two answered (one then resolved), one still waiting.
    for (const [id, text] of [
      [charged.id, '担当の山田です。ご迷惑をおかけして申し訳ありません。すぐに確認いたします。'],
      [question.id, '担当の山田です。平日9時から18時まで営業しております。'],
    ])
      expect((await desk.admin.post(`/api/conversations/${id}/messages`, { text })).status).toBe(201);
    expect((await desk.admin.patch(`/api/conversations/${question.id}`, { status: 'resolved' })).status).toBe(200);
    await desk.koe.koe.jobs.drain();
    while ((await refreshReportFacts(desk.koe.koe.db, 1000)) > 0);
  }, 90_000);
  afterAll(async () => {
    await setup?.close();
  });

  it('shows the figures of the desk and draws every chart', async () => {
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('kpi-response-rate').waitFor();
    await expect.poll(() => page.getByTestId('kpi-conversations-value').textContent()).toBe('3');
    // 2 of 3 answered, beside the industry's 14%.
    expect(await page.getByTestId('kpi-response-rate-value').textContent()).toBe('66.7%');
    expect(await page.getByTestId('kpi-response-rate').textContent()).toContain('業界平均 14%');
    // Both replies came within a minute or so of the customer's message.
    expect(await page.getByTestId('kpi-within5m-value').textContent()).toBe('66.7%');
    for (const chart of ['report-volume', 'report-frt', 'report-sla'])
      await expect
        .poll(() => page.getByTestId(chart).locator('.recharts-bar-rectangle').count(), { message: chart })
        .toBeGreaterThan(0);
    // Today's hour of the week holds the three new conversations.
    const at = localDays('Asia/Tokyo')(Date.now());
    await expect
      .poll(() => page.getByTestId(`heat-${at.weekday}-${at.hour}`).getAttribute('aria-label'))
      .toMatch(/3件/);
    expect(await page.getByTestId('breakdown-row').count()).toBe(1);
    // Three conversations share no phrase three times: the card says nothing stands out.
    await expect
      .poll(() => page.getByTestId('report-phrases').textContent())
      .toContain('目立って増えた語句はありません');
    await page.getByTestId('report-volume').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOT_DIR, 'reports-ja-1280.png'), fullPage: true });
  });

  it('opens the conversations behind a cell and a bar, and links to them', async () => {
    const at = localDays('Asia/Tokyo')(Date.now());
    await page.getByTestId(`heat-${at.weekday}-${at.hour}`).click();
    const drawer = page.getByRole('dialog');
    await expect.poll(() => drawer.getByTestId('drill-item').count()).toBe(3);
    await page.keyboard.press('Escape');
    await expect.poll(() => drawer.count()).toBe(0);

    // The "no reply" bar of the first-response chart: the one customer still waiting.
    const bars = page.getByTestId('report-frt').locator('.recharts-bar-rectangle');
    await bars.last().click();
    await expect.poll(() => drawer.getByTestId('drill-item').count()).toBe(1);
    expect(await drawer.textContent()).toContain('注文した商品がまだ届きません');
    await drawer.getByTestId('drill-item').click();
    await page.waitForURL(`**/conversations/${ids.late}`);
  });

  it('opens the range a link names (the weekly email links to its week)', async () => {
    await page.goto(`${desk.koe.base}/reports?from=2026-11-02&to=2026-11-08`);
    await page.getByTestId('kpi-response-rate').waitFor();
    expect(await page.getByTestId('report-from').inputValue()).toBe('2026-11-02');
    expect(await page.getByTestId('report-to').inputValue()).toBe('2026-11-08');
    await expect.poll(() => page.getByTestId('kpi-conversations-value').textContent()).toBe('0');
    await page.getByTestId('report-from').fill('');
    await page.getByTestId('report-to').fill('');
    await expect.poll(() => page.getByTestId('kpi-conversations-value').textContent()).toBe('3');
  });

  it('downloads the same conversations as CSV, reads in English and fits a phone', async () => {
    await page.goto(`${desk.koe.base}/reports`);
    await page.getByTestId('kpi-response-rate').waitFor();
    const href = await page.getByTestId('report-export').getAttribute('href');
    const csv = await page.evaluate(async (url) => (await fetch(url!)).text(), href);
    expect(csv.trim().split('\n')).toHaveLength(4);
    expect(csv).toMatch(/^お問い合わせ番号,/);

    await page.getByTestId('lang-switch').getByText('EN', { exact: true }).click();
    await expect.poll(() => page.getByTestId('kpi-response-rate').textContent()).toContain('Industry average 14%');
    // The export follows the page's language.
    const hrefEn = await page.getByTestId('report-export').getAttribute('href');
    const csvEn = await page.evaluate(async (url) => (await fetch(url!)).text(), hrefEn);
    expect(csvEn).toMatch(/^Reference number,/);
    await page.screenshot({ path: path.join(SHOT_DIR, 'reports-en-1280.png'), fullPage: true });
    await resize(page, { width: 375, height: 812 });
    await page.waitForTimeout(500);
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: path.join(SHOT_DIR, 'reports-en-375.png'), fullPage: true });
  });
});
