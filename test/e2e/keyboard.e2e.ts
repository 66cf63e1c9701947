import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS } from './browser';
import { signedInWebchatDesk, visitorWrites } from './desk';

const SHOT_DIR = process.env.KOE_SHOTS ?? SHOTS;

/** The agent's keyboard: j/k and Enter in the list, r/n in the composer, e and a on the conversation, ? for help. */
describe('keyboard shortcuts, in Chromium', () => {
  let setup: Awaited<ReturnType<typeof signedInWebchatDesk>>;
  let desk: typeof setup.desk;
  let page: Page;
  let adminId: string;
  const texts = ['ポイントの有効期限を知りたいです', '配送先を変更できますか', '領収書を発行してください'];
  const ids: string[] = [];

  beforeAll(async () => {
    setup = await signedInWebchatDesk(SHOT_DIR);
    ({ desk, page } = setup);
    adminId = (await desk.admin.get('/api/me')).body.agent.id;
    for (const text of texts) ids.push((await visitorWrites(desk.koe, desk.admin, desk.publicKey, text)).id);
  }, 60_000);
  afterAll(async () => {
    await setup?.close();
  });

  const items = () => page.getByTestId('conversation-item');
  const cursorId = () =>
    page.locator('[data-testid="conversation-item"][data-cursor="true"]').getAttribute('data-conversation-id');
  const detail = async (id: string) => (await desk.admin.get(`/api/conversations/${id}`)).body;
  /** Leaves any field, so single keys reach the page. */
  const blur = () => page.evaluate('document.activeElement && document.activeElement.blur()');

  it('j and k move through the list and Enter opens the conversation under the cursor', async () => {
    await expect.poll(() => items().count()).toBe(3);
    const order = await items().evaluateAll((els) => els.map((e) => e.getAttribute('data-conversation-id')));
    await blur();
    await page.keyboard.press('j');
    await expect.poll(cursorId).toBe(order[0]);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect.poll(cursorId).toBe(order[2]);
    await page.keyboard.press('j'); // stays on the last
    await page.keyboard.press('k');
    await expect.poll(cursorId).toBe(order[1]);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/conversations/${order[1]}`);
    await page.getByTestId('composer-input').waitFor();
    // The cursor now follows the open conversation: j goes on from it.
    await page.keyboard.press('j');
    await expect.poll(cursorId).toBe(order[2]);
    await page.keyboard.press('k');
  });

  it('a assigns it to me, r and n open the composer without typing the letter, e resolves', async () => {
    const id = new URL(page.url()).pathname.split('/').pop()!;
    await blur();
    await page.keyboard.press('a');
    await expect.poll(async () => (await detail(id)).assignee?.id).toBe(adminId);

    await page.keyboard.press('n');
    const input = page.getByTestId('composer-input');
    await expect.poll(() => page.getByTestId('composer-private-toggle').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => input.evaluate((el: any) => el.ownerDocument.activeElement === el)).toBe(true);
    expect(await input.inputValue()).toBe('');
    await blur();
    await page.keyboard.press('r');
    await expect.poll(() => page.getByTestId('composer-reply-toggle').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => input.evaluate((el: any) => el.ownerDocument.activeElement === el)).toBe(true);
    // Typing in the composer is typing: e is a letter there, not "resolve".
    await page.keyboard.type('e');
    expect(await input.inputValue()).toBe('e');
    expect((await detail(id)).status).toBe('open');
    await input.fill('');

    await blur();
    await page.keyboard.press('e');
    await expect.poll(async () => (await detail(id)).status).toBe('resolved');
  });

  it('? lists the shortcuts, and single keys do nothing while that dialog is open', async () => {
    await page.goto(`${desk.koe.base}/conversations/${ids[0]}`);
    await page.getByTestId('composer-input').waitFor();
    await blur();
    await page.keyboard.press('Shift+?');
    const help = page.getByRole('dialog', { name: 'キーボードショートカット' });
    await help.waitFor();
    expect(await help.getByTestId('shortcut').count()).toBe(10);
    expect(await help.innerText()).toContain('会話を解決にする');
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOT_DIR, 'keyboard-help.png') });
    await page.keyboard.press('e');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    expect((await detail(ids[0])).status).toBe('open');
  });

  it('the audit log of these actions reads in words, without codes or ids', async () => {
    await page.goto(`${desk.koe.base}/admin/audit`);
    const table = page.getByTestId('audit-table');
    await table.waitFor();
    const status = page.locator('[data-testid="audit-action"][data-action="conversation.status_changed"]').first();
    await status.waitFor();
    expect(await status.innerText()).toBe('ステータスを変更');
    const row = page.locator('tr').filter({ has: status });
    expect(await row.getByTestId('audit-detail').innerText()).toBe('変更前: 対応中、変更後: 解決済み');
    expect(await row.innerText()).toContain('会話を開く');
    const assigned = page.locator('tr').filter({
      has: page.locator('[data-testid="audit-action"][data-action="conversation.assigned"]'),
    });
    expect(await assigned.first().getByTestId('audit-detail').innerText()).toBe('変更前: なし、変更後: 山田 花子');
    const text = await table.innerText();
    expect(text).not.toMatch(/\b[a-z_]+\.[a-z_]+\b/);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
    await page.screenshot({ path: path.join(SHOT_DIR, 'audit-1280.png') });
  });
});
