import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, waitFor } from '../integration/harness';
import { resize, SHOTS } from './browser';
import { signedInWebchatDesk } from './desk';

const SHOT_DIR = process.env.KOE_SHOTS ?? SHOTS;
const BODY =
  '{{customer.name}}様、ご注文 {{order.number}} は {{ask:お届け予定日}} にお届け予定です。担当の{{agent.name}}です。';

/** Saved replies: added on their page, found with 「/」 in the composer, variables filled, and sent. */
describe('saved replies in the composer, in Chromium', () => {
  let setup: Awaited<ReturnType<typeof signedInWebchatDesk>>;
  let desk: typeof setup.desk;
  let page: Page;

  /** A named chat customer writes these messages in one conversation; resolves with it and the visitor's token. */
  const customerWrites = async (name: string, texts: string[]) => {
    const widget = new Client(desk.koe.base);
    const { visitorToken } = (await widget.post(`/api/widget/${desk.publicKey}/session`, {})).body;
    for (const text of texts) {
      const sent = await widget.post(`/api/widget/${desk.publicKey}/messages`, {
        visitorToken,
        clientMessageId: `e2e-${Math.random().toString(36).slice(2)}`,
        text,
        name,
      });
      expect(sent.status).toBe(202);
      await desk.koe.koe.jobs.drain();
    }
    const conversation = await waitFor(async () =>
      ((await desk.admin.get('/api/conversations?limit=100')).body.items as any[]).find(
        (c) => c.preview === texts.at(-1),
      ),
    );
    return { conversation, widget, visitorToken };
  };

  beforeAll(async () => {
    setup = await signedInWebchatDesk(SHOT_DIR);
    ({ desk, page } = setup);
  }, 60_000);
  afterAll(async () => {
    await setup?.close();
  });

  it('an admin adds a shared reply with variables on the saved-replies page', async () => {
    await page.getByTestId('nav-saved-replies').click();
    await page.getByTestId('saved-reply-add').click();
    const form = page.getByTestId('saved-reply-form');
    await form.getByTestId('saved-reply-title').fill('配送状況のご案内');
    await form.getByTestId('saved-reply-body-ja').fill(BODY);
    await form
      .getByTestId('saved-reply-body-en')
      .fill('Hi {{customer.name}}, order {{order.number}} arrives on {{ask:delivery date}}. {{agent.name}}');
    await form.getByTestId('saved-reply-shared').check();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOT_DIR, 'saved-reply-form.png') });
    await form.getByTestId('saved-reply-save').click();
    await form.waitFor({ state: 'detached' });
    const row = page.getByTestId('saved-reply-row').filter({ hasText: '配送状況のご案内' });
    await row.waitFor();
    expect(await row.innerText()).toContain('共有');

    // A misspelt variable is refused in the reader's words, and nothing is saved.
    await page.getByTestId('saved-reply-add').click();
    await form.getByTestId('saved-reply-title').fill('誤字');
    await form.getByTestId('saved-reply-body-ja').fill('{{customer.nmae}}様');
    await form.getByTestId('saved-reply-save').click();
    await expect.poll(() => form.getByRole('alert').innerText()).toContain('使えない変数があります');
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    expect(await page.getByTestId('saved-reply-row').count()).toBe(1);
    await page.screenshot({ path: path.join(SHOT_DIR, 'saved-replies-1280.png') });
    // At phone width the row's actions stay in view (the title's badges wrap).
    await resize(page, { width: 375, height: 800 });
    await page.waitForTimeout(500);
    const remove = row.getByTestId('saved-reply-delete');
    const box = await remove.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(375);
    await page.screenshot({ path: path.join(SHOT_DIR, 'saved-replies-375.png') });
    await resize(page, { width: 1280, height: 860 });
  });

  it('「/」 finds it by its text, fills the order number from the thread, asks for the date, and the customer gets it', async () => {
    const { conversation, widget, visitorToken } = await customerWrites('田中 一郎', [
      '注文番号は KM-20241206-0042 です',
      'まだ届きません',
    ]);
    await page.goto(`${desk.koe.base}/conversations/${conversation.id}`);
    const input = page.getByTestId('composer-input');
    await input.click();
    await input.pressSequentially('/届け');
    const picker = page.getByTestId('saved-reply-picker');
    await picker.waitFor();
    const option = picker.getByTestId('saved-reply-option').first();
    await expect.poll(() => option.innerText()).toContain('配送状況のご案内');
    await expect
      .poll(() => picker.getByTestId('saved-reply-preview').innerText())
      .toContain('田中 一郎様、ご注文 KM-20241206-0042 は');
    await page.screenshot({ path: path.join(SHOT_DIR, 'saved-reply-picker-1280.png') });

    await input.press('Enter');
    const prompt = picker.getByTestId('saved-reply-prompt');
    await prompt.waitFor();
    expect(await picker.getByTestId('saved-reply-prompts').innerText()).toContain('お届け予定日');
    await prompt.fill('12月8日');
    await prompt.press('Enter');
    await picker.waitFor({ state: 'detached' });
    const expected = '田中 一郎様、ご注文 KM-20241206-0042 は 12月8日 にお届け予定です。担当の山田 花子です。';
    expect(await input.inputValue()).toBe(expected);

    await page.getByTestId('composer-send').click();
    await page.getByTestId('message').filter({ hasText: '12月8日 にお届け予定です' }).waitFor();
    await expect
      .poll(async () =>
        (
          (await widget.get(`/api/widget/${desk.publicKey}/messages?visitorToken=${visitorToken}`)).body.items as any[]
        ).map((m) => m.text),
      )
      .toContain(expected);
    const stored = ((await desk.admin.get('/api/saved-replies')).body.items as any[])[0];
    expect(stored).toMatchObject({ title: '配送状況のご案内', usageCount: 1 });
  });

  it('the button opens the picker mid-text; Escape closes it; English customers get the English text', async () => {
    const { conversation } = await customerWrites('Alex', ['Where is my order KM-1111-2222?']);
    await page.goto(`${desk.koe.base}/conversations/${conversation.id}`);
    const input = page.getByTestId('composer-input');
    await input.fill('Thanks!');
    await page.getByTestId('composer-saved-replies').click();
    const picker = page.getByTestId('saved-reply-picker');
    await picker.waitFor();
    expect(await input.inputValue()).toBe('Thanks! /');
    await input.press('Escape');
    await picker.waitFor({ state: 'detached' });

    await input.press('Backspace');
    await input.pressSequentially('/配送');
    await picker.waitFor();
    await expect
      .poll(() => picker.getByTestId('saved-reply-preview').innerText())
      .toContain('Hi Alex, order KM-1111-2222 arrives on {{ask:delivery date}}');
    await picker.getByTestId('saved-reply-option').first().click();
    const prompt = picker.getByTestId('saved-reply-prompt');
    await prompt.fill('Dec 8');
    await picker.getByTestId('saved-reply-insert').click();
    await picker.waitFor({ state: 'detached' });
    expect(await input.inputValue()).toBe('Thanks! Hi Alex, order KM-1111-2222 arrives on Dec 8. 山田 花子');

    // At phone width the picker still fits above the composer.
    await input.fill('');
    await resize(page, { width: 375, height: 800 });
    await input.pressSequentially('/');
    await picker.waitFor();
    await page.waitForTimeout(200);
    await page.screenshot({ path: path.join(SHOT_DIR, 'saved-reply-picker-375.png') });
    await input.press('Escape');
    await resize(page, { width: 1280, height: 860 });
  });
});
