import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshReportFacts } from '../../src/desk/reports/facts';
import { SHOTS } from './browser';
import { signedInWebchatDesk } from './desk';

const SHOT_DIR = process.env.KOE_SHOTS ?? SHOTS;

/** A widget customer rates a resolved conversation; the score shows on the conversation and in the report. */
describe('satisfaction rating in the chat widget, in Chromium', () => {
  let setup: Awaited<ReturnType<typeof signedInWebchatDesk>>;
  let desk: typeof setup.desk;
  let agent: Page;
  let customer: Page;

  beforeAll(async () => {
    setup = await signedInWebchatDesk(SHOT_DIR);
    ({ desk, page: agent } = setup);
    customer = await (
      await setup.browser.newContext({ locale: 'ja-JP', viewport: { width: 1000, height: 800 } })
    ).newPage();
    customer.setDefaultTimeout(15_000);
  }, 60_000);
  afterAll(async () => {
    await setup?.close();
  });

  it('asks after the resolution and records the answer on the conversation and in the report', async () => {
    await customer.goto(`${desk.koe.base}/demo?channel=${desk.publicKey}`);
    await customer.getByTestId('koe-widget-launcher').click();
    await customer.getByTestId('koe-widget-input').fill('ギフト包装はできますか？');
    await customer.getByTestId('koe-widget-send').click();

    const item = agent.getByTestId('conversation-item').filter({ hasText: 'ギフト包装' });
    await item.click();
    await agent.getByTestId('composer-input').fill('担当の山田です。ギフト包装は無料で承ります。');
    await agent.getByTestId('composer-send').click();
    await agent.getByTestId('delivery-status').filter({ hasText: '送信済み' }).first().waitFor();
    const conversationId = new URL(agent.url()).pathname.split('/').pop()!;
    expect((await desk.admin.patch(`/api/conversations/${conversationId}`, { status: 'resolved' })).status).toBe(200);

    // The question arrives in the open widget without a reload.
    const survey = customer.getByTestId('koe-widget-survey');
    await survey.waitFor();
    expect(await survey.textContent()).toContain('今回の対応はいかがでしたか');
    await customer.getByTestId('koe-widget-score-4').click();
    await customer.getByTestId('koe-widget-survey-comment').fill('丁寧でした');
    await customer.screenshot({ path: path.join(SHOT_DIR, 'widget-survey-ja.png') });
    await customer.getByTestId('koe-widget-survey-send').click();
    await expect.poll(() => customer.getByTestId('koe-widget-survey-done').textContent()).toContain('あなたの評価: 4');

    // On the conversation, for the agent.
    await agent.getByTestId('message').filter({ hasText: 'お客様の満足度: 4/5「丁寧でした」' }).waitFor();

    // In the report, once the conversation's figures are brought up to date.
    while ((await refreshReportFacts(desk.koe.koe.db, 1000)) > 0);
    await agent.getByTestId('nav-reports').click();
    await expect.poll(() => agent.getByTestId('kpi-csat-value').textContent()).toBe('4.0 / 5');
    expect(await agent.getByTestId('kpi-csat').textContent()).toContain('回答 1件');
  });

  it('is set per channel with its wording on the desk settings page', async () => {
    await agent.goto(`${desk.koe.base}/admin/desk`);
    await agent.getByTestId('desk-csat-enabled').waitFor();
    await agent.getByTestId('desk-csat-channel-webchat').uncheck();
    await agent.getByTestId('desk-csat-question-en').fill('How was our help today? 1 (poor) to 5 (great).');
    await agent.getByTestId('desk-csat-low').selectOption('reopen');
    await agent.getByTestId('desk-csat-enabled').scrollIntoViewIfNeeded();
    await agent.screenshot({ path: path.join(SHOT_DIR, 'desk-satisfaction-ja.png') });
    await agent.getByTestId('desk-save').click();
    await agent.getByTestId('desk-saved').waitFor();
    const saved = (await desk.admin.get('/api/settings/desk')).body.satisfaction.csat;
    expect(saved.channels).not.toContain('webchat');
    expect(saved.channels).toContain('line');
    expect(saved.question.en).toBe('How was our help today? 1 (poor) to 5 (great).');
    expect(saved.lowScore).toBe('reopen');
  });
});
