import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resize, SHOTS } from './browser';
import { signedInWebchatDesk, visitorWrites } from './desk';

const SHOT_DIR = process.env.KOE_SHOTS ?? SHOTS;
const COMPETITOR_COMPLAINT = 'ライバル商店のアプリでまた二重請求された。最悪';
const OUR_COMPLAINT = 'コエマートのアプリで二重請求されました。ライバル商店では一度もなかったのに';

/** Brand awareness: an admin names the brands and competitors; a competitor's problem is a mention, not an alarm. */
describe('brands and competitor mentions, in Chromium', () => {
  let setup: Awaited<ReturnType<typeof signedInWebchatDesk>>;
  let desk: typeof setup.desk;
  let page: Page;
  const item = (id: string) => page.locator(`[data-testid="conversation-item"][data-conversation-id="${id}"]`);

  beforeAll(async () => {
    setup = await signedInWebchatDesk(SHOT_DIR);
    ({ desk, page } = setup);
  }, 60_000);
  afterAll(async () => {
    await setup?.close();
  });

  it('an admin names the brands, products, hashtags and competitors on the triage settings page', async () => {
    await page.goto(`${desk.koe.base}/admin/triage`);
    const form = page.getByTestId('brands-form');
    await form.waitFor();
    await form.getByTestId('brands-brands').fill('コエマート\nKoe Mart');
    await form.getByTestId('brands-products').fill('ポチ丸');
    await form.getByTestId('brands-hashtags').fill('コエマートサポート');
    await form.getByTestId('brands-competitors').fill('ライバル商店\nRival Store');
    await form.getByTestId('brands-save').click();
    await page.getByTestId('brands-saved').waitFor();
    // Saved on the server, hashtags with their #; the form shows the server's lists after the save.
    expect((await desk.admin.get('/api/triage/settings')).body.brands).toEqual({
      brands: ['コエマート', 'Koe Mart'],
      products: ['ポチ丸'],
      hashtags: ['#コエマートサポート'],
      competitors: ['ライバル商店', 'Rival Store'],
    });
    await expect.poll(() => form.getByTestId('brands-hashtags').inputValue()).toBe('#コエマートサポート');
    await page.screenshot({ path: path.join(SHOT_DIR, 'brands-settings.png'), fullPage: true });

    // A name in both lists is refused in words, not with a code.
    await form.getByTestId('brands-competitors').fill('ライバル商店\nコエマート');
    await form.getByTestId('brands-save').click();
    await expect.poll(() => form.innerText()).toContain('自社ブランドと競合の両方に入っています');
    expect(await form.innerText()).not.toContain('brand_is_competitor');
    await form.getByTestId('brands-competitors').fill('ライバル商店\nRival Store');
    await form.getByTestId('brands-save').click();
    await page.getByTestId('brands-saved').waitFor();

    // In English, at phone width.
    await page.getByTestId('lang-switch').getByText('EN', { exact: true }).click();
    await expect.poll(() => form.innerText()).toContain('Brands and competitors');
    await resize(page, { width: 375, height: 760 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(SHOT_DIR, 'brands-settings-en-375.png'), fullPage: true });
    await resize(page, { width: 1280, height: 860 });
    await page.getByTestId('lang-switch').getByText('日本語', { exact: true }).click();
  });

  it("shows a competitor's double charge as a competitor mention in its own view, and ours as L3", async () => {
    const theirs = await visitorWrites(desk.koe, desk.admin, desk.publicKey, COMPETITOR_COMPLAINT);
    const ours = await visitorWrites(desk.koe, desk.admin, desk.publicKey, OUR_COMPLAINT);
    expect([theirs.level, theirs.mark]).toEqual([0, 'competitor']);
    expect([ours.level, ours.mark]).toEqual([3, null]);

    await page.goto(desk.koe.base + '/');
    await item(theirs.id).waitFor();
    const badge = item(theirs.id).getByTestId('mark-badge');
    await expect.poll(() => badge.innerText()).toBe('競合への言及');
    expect(await item(ours.id).getByTestId('mark-badge').count()).toBe(0);
    await expect.poll(() => page.getByTestId('view-count-competitor').innerText()).toBe('1');

    // Its own view lists it alone.
    await page.getByTestId('view-count-competitor').click();
    await expect.poll(() => page.getByTestId('inbox-list').getAttribute('aria-busy')).toBe('false');
    await expect.poll(() => page.getByTestId('conversation-item').count()).toBe(1);
    await item(theirs.id).click();
    const view = page.locator(`[data-testid="conversation-view"][data-conversation-id="${theirs.id}"]`);
    await view.getByTestId('triage-panel').waitFor();
    const reasons = await view.getByTestId('triage-panel').innerText();
    expect(reasons).toContain('競合（ライバル商店）');
    // Level reasons carry a label in words, never an internal code.
    expect(reasons).not.toMatch(/competitor|needs_look|support_tag|agent_correction/);
    await page.screenshot({ path: path.join(SHOT_DIR, 'competitor-mention.png') });

    await page.getByTestId('lang-switch').getByText('EN', { exact: true }).click();
    await expect.poll(() => badge.innerText()).toBe('Competitor mention');
    await expect.poll(() => view.getByTestId('triage-panel').innerText()).toContain('about a competitor');
    await page.screenshot({ path: path.join(SHOT_DIR, 'competitor-mention-en.png') });
    await resize(page, { width: 375, height: 760 });
    await page.waitForTimeout(500); // the side navigation slides away at phone width
    await page.screenshot({ path: path.join(SHOT_DIR, 'competitor-mention-en-phone.png') });
    await resize(page, { width: 1280, height: 860 });
    await page.getByTestId('lang-switch').getByText('日本語', { exact: true }).click();
  });
});
