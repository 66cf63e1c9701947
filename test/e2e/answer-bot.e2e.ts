import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS } from './browser';
import { signedInWebchatDesk } from './desk';

const KB = readFileSync(new URL('../fixtures/bot/kb.jsonl', import.meta.url), 'utf8');
const PARKING = KB.split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { article: string; lang: string; title: string })
  .find((a) => a.article === 'store-parking' && a.lang === 'ja')!.title;

describe('the answer bot in Chromium: widget answer, "talk to a person", an agent inserts a suggested article', () => {
  let ctx: Awaited<ReturnType<typeof signedInWebchatDesk>>;

  beforeAll(async () => {
    ctx = await signedInWebchatDesk(SHOTS);
    const { admin } = ctx.desk;
    expect((await admin.post('/api/kb/import', { text: KB })).status).toBe(200);
    const channel = ((await admin.get('/api/channels')).body.items as any[]).find((c) => c.kind === 'webchat');
    expect((await admin.put(`/api/channels/${channel.id}/answer-bot`, { enabled: true })).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await ctx?.close();
  });

  it('answers in the widget, hands over on the button, and the agent answers with a suggested article', async () => {
    const { page: agent, browser, desk } = ctx;
    const customer = await (await browser.newContext({ locale: 'ja-JP' })).newPage();
    customer.setDefaultTimeout(15_000);
    await customer.goto(`${desk.koe.base}/demo?channel=${desk.publicKey}`);
    await customer.getByTestId('koe-widget-launcher').click();
    await customer.getByTestId('koe-widget-input').fill('駐車場はありますか？');
    await customer.getByTestId('koe-widget-send').click();

    const answer = customer.getByTestId('koe-widget-message').filter({ hasText: '【自動応答】' });
    await answer.waitFor();
    await expect.poll(() => answer.innerText()).toContain(PARKING);
    await customer.screenshot({ path: path.join(SHOTS, 'answer-bot-widget.png') });
    await answer.getByTestId('koe-widget-choice').filter({ hasText: '担当者と話す' }).click();
    await customer
      .locator('[data-testid="koe-widget-message"][data-from="customer"]')
      .filter({ hasText: '担当者と話す' })
      .waitFor();
    // The button is spent once used.
    await expect.poll(() => customer.getByTestId('koe-widget-choice').count()).toBe(0);

    // The agent sees the conversation in the open inbox, with the bot's answer and why it was handed over.
    const item = agent.getByTestId('conversation-item').filter({ hasText: '担当者と話す' });
    await item.waitFor();
    await item.click();
    await agent.getByTestId('message').filter({ hasText: '【自動応答】' }).waitFor();
    await agent.getByText('お客様が担当者との会話を希望しました', { exact: false }).waitFor();

    // The suggestions skip the button's words and match the question: one click puts the article in the reply.
    const panel = agent.getByTestId('article-suggestions');
    await panel.getByTestId('article-suggestion').first().waitFor();
    await expect.poll(() => panel.getByTestId('article-suggestion').first().innerText()).toContain(PARKING);
    await agent.screenshot({ path: path.join(SHOTS, 'answer-bot-agent.png') });
    await panel.getByTestId('article-insert-excerpt').first().click();
    await expect.poll(() => agent.getByTestId('composer-input').inputValue()).toContain(`「${PARKING}」`);
    await agent.getByTestId('composer-send').click();
    await customer
      .getByTestId('koe-widget-message')
      .filter({ hasText: `「${PARKING}」` })
      .filter({ hasNotText: '【自動応答】' })
      .waitFor();
  });
});
