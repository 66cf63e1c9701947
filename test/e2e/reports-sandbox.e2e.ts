import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshReportFacts } from '../../src/desk/reports/facts';
import { seedHistory } from '../../src/sandbox/history';
import { workspaces } from '../../src/store/repositories';
import { launchBrowser, SHOTS } from './browser';
import { sandboxDesk, signIn } from './desk';

const SHOT_DIR = process.env.KOE_SHOTS ?? SHOTS;

/** What a newcomer sees on `KOE_SANDBOX=1` with a month of history: every chart drawn from the sandbox's desk. */
describe('reports of a sandbox desk with a month of history, in Chromium', () => {
  let desk: Awaited<ReturnType<typeof sandboxDesk>>;
  let browser: Browser;
  let page: Page;
  let seeded: { conversations: number; days: number };

  beforeAll(async () => {
    desk = await sandboxDesk();
    const db = desk.koe.koe.db;
    const ws = (await workspaces.first(db))!;
    seeded = (await seedHistory(db, ws.id, { days: 30, seed: 7 }))!;
    while ((await refreshReportFacts(db, 1000)) > 0);
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } })).newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, desk.koe.base);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
  });

  it('draws every chart and figure from the sandbox history', async () => {
    expect(seeded.conversations).toBeGreaterThan(100);
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('kpi-response-rate').waitFor();
    const conversations = Number(await page.getByTestId('kpi-conversations-value').textContent());
    expect(conversations).toBeGreaterThan(100);
    for (const kpi of ['kpi-response-rate', 'kpi-frt', 'kpi-sla', 'kpi-csat'])
      expect(await page.getByTestId(`${kpi}-value`).textContent(), kpi).not.toBe('–');
    for (const chart of ['report-volume', 'report-frt', 'report-sla'])
      await expect
        .poll(() => page.getByTestId(chart).locator('.recharts-bar-rectangle').count(), { message: chart })
        .toBeGreaterThan(5);
    // The heatmap has many hours with conversations in them, and every breakdown row and topic is there.
    const cells = await page.locator('[data-testid^="heat-"]:not([disabled])').count();
    expect(cells).toBeGreaterThan(20);
    expect(await page.getByTestId('breakdown-row').count()).toBeGreaterThan(1);
    expect(await page.getByTestId('topic-row').count()).toBeGreaterThan(3);
    await page.screenshot({ path: path.join(SHOT_DIR, 'reports-sandbox-ja-1280.png'), fullPage: true });
  });

  it('opens the conversations behind a day of the volume chart', async () => {
    const bars = page.getByTestId('report-volume').locator('.recharts-bar-rectangle');
    await bars.nth(Math.floor((await bars.count()) / 4)).click();
    const drawer = page.getByRole('dialog');
    await expect.poll(() => drawer.getByTestId('drill-item').count()).toBeGreaterThan(0);
  });
});
