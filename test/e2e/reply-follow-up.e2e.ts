import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resize, SHOTS } from './browser';
import { signedInWebchatDesk, visitorWrites } from './desk';

const SHOT_DIR = process.env.KOE_SHOTS ?? SHOTS;

/** Closing the loop from the composer: send and resolve, send and wait, and a reply that makes the conversation yours. */
describe('send and resolve from the composer, in Chromium', () => {
  let setup: Awaited<ReturnType<typeof signedInWebchatDesk>>;
  let desk: typeof setup.desk;
  let page: Page;
  let adminId: string;

  beforeAll(async () => {
    setup = await signedInWebchatDesk(SHOT_DIR);
    ({ desk, page } = setup);
    adminId = (await desk.admin.get('/api/me')).body.agent.id;
  }, 60_000);
  afterAll(async () => {
    await setup?.close();
  });

  const open = async (preview: string) => {
    const item = page.getByTestId('conversation-item').filter({ hasText: preview });
    await item.waitFor();
    await item.click();
    await page.getByTestId('message').filter({ hasText: preview }).waitFor();
  };

  it('sends a reply and resolves the conversation in one click; the reply made it the sender’s', async () => {
    const text = '返品の送り先を教えてください';
    const conv = await visitorWrites(desk.koe, desk.admin, desk.publicKey, text);
    expect(conv.assignee).toBeNull();
    await open(text);
    expect(await page.getByTestId('status-select').inputValue()).toBe('open');

    await page.getByTestId('composer-input').fill('山田です。返品先の住所をお送りします。');
    await page.getByTestId('composer-send-options').click();
    const menu = page.getByRole('menu');
    await menu.waitFor();
    expect(await menu.innerText()).toContain('送信して保留（お客様の返事待ち）');
    await page.waitForTimeout(300); // the menu's fade-in, for the screenshot
    await page.screenshot({ path: path.join(SHOT_DIR, 'reply-send-options.png') });
    await page.getByTestId('composer-send-resolve').click();

    await page.getByTestId('message').filter({ hasText: '返品先の住所をお送りします' }).waitFor();
    await expect.poll(() => page.getByTestId('status-select').inputValue()).toBe('resolved');
    await expect.poll(() => page.getByTestId('assignee-select').inputValue()).toBe(adminId);
    expect(await page.getByTestId('composer-input').inputValue()).toBe('');
    // A resolved conversation offers no follow-up: only the plain send stays.
    expect(await page.getByTestId('composer-send-options').count()).toBe(0);
    const stored = (await desk.admin.get(`/api/conversations/${conv.id}`)).body;
    expect(stored).toMatchObject({ status: 'resolved', assignee: { id: adminId } });
  });

  it('Ctrl+Shift+Enter sends and resolves; the menu can also leave it waiting on the customer', async () => {
    const first = 'ポイントの有効期限はいつまでですか';
    const a = await visitorWrites(desk.koe, desk.admin, desk.publicKey, first);
    await open(first);
    await page.getByTestId('composer-input').fill('有効期限は最終購入から1年です。');
    await page.getByTestId('composer-input').press('Control+Shift+Enter');
    await expect.poll(() => page.getByTestId('status-select').inputValue()).toBe('resolved');
    expect((await desk.admin.get(`/api/conversations/${a.id}`)).body.status).toBe('resolved');

    const second = '注文をキャンセルしたいです';
    const b = await visitorWrites(desk.koe, desk.admin, desk.publicKey, second);
    await open(second);
    // On a phone the send button and its menu still fit beside the counter.
    await resize(page, { width: 390, height: 844 });
    await page.getByTestId('composer-input').fill('ご注文番号を教えていただけますか。');
    await page.getByTestId('composer-send-options').click();
    await page.getByTestId('composer-send-pending').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOT_DIR, 'reply-send-options-phone.png') });
    await page.getByTestId('composer-send-pending').click();
    await expect.poll(() => page.getByTestId('status-select').inputValue()).toBe('pending');
    expect((await desk.admin.get(`/api/conversations/${b.id}`)).body).toMatchObject({
      status: 'pending',
      sla: { state: 'paused' },
    });
  });

  it('lets the admin keep replies from taking conversations (desk settings)', async () => {
    await resize(page, { width: 1280, height: 860 });
    await page.goto(`${desk.koe.base}/admin/desk`);
    const take = page.getByTestId('desk-take-on-reply');
    await page.getByText('担当者のいない会話に返信したら、その人の担当にする').waitFor();
    expect(await take.isChecked()).toBe(true);
    await take.click();
    await expect.poll(() => take.isChecked()).toBe(false);
    await page.getByTestId('desk-save').click();
    await page.getByTestId('desk-saved').waitFor();
    expect((await desk.admin.get('/api/settings/desk')).body.autoAssign.takeOnReply).toBe(false);

    const text = '配送状況を確認したいです';
    const conv = await visitorWrites(desk.koe, desk.admin, desk.publicKey, text);
    await page.goto(`${desk.koe.base}/`);
    await open(text);
    // Untouched, it reads 新規 (new) in the list and the header; after the first reply, 対応中 (being handled).
    const badge = page.getByTestId('conversation-item').filter({ hasText: text }).getByTestId('status-badge');
    expect(await badge.innerText()).toBe('新規');
    const select = page.getByTestId('status-select');
    expect(await select.locator('option:checked').innerText()).toBe('新規');
    await page.getByTestId('composer-input').fill('確認してご連絡します。');
    await page.getByTestId('composer-send').click();
    await page.getByTestId('message').filter({ hasText: '確認してご連絡します' }).waitFor();
    await expect.poll(() => select.locator('option:checked').innerText()).toBe('対応中');
    expect((await desk.admin.get(`/api/conversations/${conv.id}`)).body).toMatchObject({
      status: 'open',
      assignee: null,
    });
  });

  it('warns, without blocking, when a reply to a complaint sounds defensive', async () => {
    const text = '二重請求されています。すぐに返金してください！';
    await visitorWrites(desk.koe, desk.admin, desk.publicKey, text);
    await page.goto(`${desk.koe.base}/`);
    await open(text);
    const input = page.getByTestId('composer-input');
    await input.fill('規約によりご返金はできかねます。');
    const warning = page.locator('[data-testid="reply-warning"][data-code="defensive"]');
    await warning.waitFor();
    expect(await warning.innerText()).toContain('「規約により」は苦情への返信では突き放した印象を与えます');
    expect(await page.getByTestId('composer-send').isEnabled()).toBe(true);
    await page.screenshot({ path: path.join(SHOT_DIR, 'reply-warning-defensive.png') });
    await input.fill('ご迷惑をおかけし申し訳ございません。すぐに確認いたします。');
    await warning.waitFor({ state: 'detached' });
  });
});
