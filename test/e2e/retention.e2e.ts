import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS } from './browser';
import { signedInWebchatDesk } from './desk';

/** An admin turns on data retention in the desk settings; the setting is stored and shown again after a reload. */
describe('data retention setting (browser)', () => {
  let ctx: Awaited<ReturnType<typeof signedInWebchatDesk>>;
  beforeAll(async () => {
    ctx = await signedInWebchatDesk(SHOTS);
  }, 60_000);
  afterAll(async () => {
    await ctx?.close();
  });

  it('turns retention on for 90 days, in Japanese', async () => {
    const { page, desk } = ctx;
    await page.goto(`${desk.koe.base}/admin/desk`);
    const section = page.getByTestId('retention-section');
    await section.getByText('データの保存期間').waitFor();
    // Shown once the stored setting has loaded (isVisible() would not wait for it).
    await section.getByText('オフ: お客様のメッセージは削除されずに保存されます。').waitFor();
    await page.getByTestId('retention-enabled').check();
    await page.getByTestId('retention-days').fill('90');
    await section.getByText('90日より前のお客様のメッセージ', { exact: false }).waitFor();
    await page.getByTestId('retention-save').click();
    await page.getByTestId('retention-saved').waitFor();
    await section.screenshot({ path: path.join(SHOTS, 'retention-ja.png') });
    expect((await desk.admin.get('/api/admin/retention')).body).toEqual({ messageDays: 90 });

    await page.reload();
    await page.getByTestId('retention-days').waitFor();
    expect(await page.getByTestId('retention-days').inputValue()).toBe('90');
    expect(await page.getByTestId('retention-enabled').isChecked()).toBe(true);
  }, 60_000);
});
