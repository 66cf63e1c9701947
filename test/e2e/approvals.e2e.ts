import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, Client, waitFor } from '../integration/harness';
import { launchBrowser, SHOTS } from './browser';
import { sandboxDesk, signIn } from './desk';

const SHOT_DIR = process.env.KOE_SHOTS ?? SHOTS;

/** The approval flow: an admin turns it on, an agent's public X reply waits, the supervisor edits and approves it. */
describe('approval of public replies, in Chromium', () => {
  let desk: Awaited<ReturnType<typeof sandboxDesk>>;
  let browser: Browser;
  let lead: Page;
  let agent: Page;
  let customers: Page;
  let conversationId = '';
  const TEXT = '@KoeMart 届いたマグカップが割れていました。どうすればいいですか？';

  beforeAll(async () => {
    mkdirSync(SHOT_DIR, { recursive: true });
    desk = await sandboxDesk();
    const admin = new Client(desk.koe.base);
    await admin.post('/api/auth/login', { email: ADMIN.adminEmail, password: ADMIN.adminPassword });
    expect(
      (
        await admin.post('/api/agents', {
          email: 'kato@koe.example',
          name: '加藤 一',
          password: 'agent-password-1',
          role: 'agent',
          level: 1,
        })
      ).status,
    ).toBe(201);
    await desk.sandbox.sendOne('x', TEXT, { visibility: 'public' });
    conversationId = (
      await waitFor(async () => {
        await desk.koe.koe.jobs.drain();
        return ((await admin.get('/api/conversations?limit=100')).body.items as any[]).find((c) =>
          String(c.preview).includes('マグカップが割れていました'),
        );
      }, 10_000)
    ).id;
    browser = await launchBrowser();
    const context = () => browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 860 } });
    lead = await (await context()).newPage();
    agent = await (await context()).newPage();
    customers = await (await context()).newPage();
    for (const p of [lead, agent, customers]) p.setDefaultTimeout(15_000);
    await signIn(lead, desk.koe.base);
    await signIn(agent, desk.koe.base, 'kato@koe.example', 'agent-password-1');
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
  });

  it('the admin turns approvals on in the desk settings', async () => {
    await lead.goto(`${desk.koe.base}/admin/desk`);
    const toggle = lead.getByTestId('desk-approvals');
    await toggle.waitFor();
    await toggle.click();
    await lead.getByTestId('desk-save').click();
    await lead.getByTestId('desk-saved').waitFor();
  });

  it('the agent’s public reply waits; the supervisor edits and approves it; the customer sees it on X', async () => {
    await agent.goto(`${desk.koe.base}/conversations/${conversationId}`);
    await agent.getByTestId('composer-input').fill('加藤です。割れてしまい申し訳ありません。交換品をお送りします。');
    await agent.getByTestId('composer-send').click();
    const card = agent.getByTestId('approval-card');
    await card.waitFor();
    expect(await card.getAttribute('data-status')).toBe('pending');
    expect(await card.innerText()).toContain('承認待ちの公開返信');
    expect(await agent.getByTestId('composer-input').inputValue()).toBe('');
    expect(await agent.locator('[data-testid="message"][data-kind="reply"]').count()).toBe(0);
    await agent.getByTestId('approval-pending-badge').waitFor();

    await lead.goto(`${desk.koe.base}/`);
    await expect.poll(() => lead.getByTestId('nav-approvals-count').innerText()).toBe('1');
    await lead.locator('[data-testid="conversation-item"] [data-testid="approval-marker"]').waitFor();
    await lead.getByTestId('nav-approvals').click();
    await lead.getByTestId('approval-row').getByRole('link').click();
    const review = lead.getByTestId('approval-card');
    await review.waitFor();
    await review.getByTestId('approval-edit').click();
    await review
      .getByTestId('approval-text')
      .fill('加藤です。割れてしまい申し訳ありません。交換品を本日お送りします。');
    await lead.screenshot({ path: path.join(SHOT_DIR, 'approval-review.png') });
    await review.getByTestId('approval-approve').click();
    await review.waitFor({ state: 'detached' });
    const sent = lead
      .locator('[data-testid="message"][data-kind="reply"]')
      .filter({ hasText: '交換品を本日お送りします' });
    await sent.waitFor();
    expect(await sent.innerText()).toContain('加藤 一');

    // The author sees it go out; the customer sees it publicly on X.
    await agent.locator('[data-testid="message"][data-kind="reply"]').filter({ hasText: '本日お送りします' }).waitFor();
    await expect.poll(() => agent.getByTestId('approval-card').count()).toBe(0);
    await customers.goto(`${desk.sandbox.url}/`);
    await customers
      .locator('section[data-platform="x"] [data-author="brand"][data-visibility="public"]')
      .filter({ hasText: '交換品を本日お送りします' })
      .waitFor();
  });

  it('a reply sent back shows the supervisor’s note to its author', async () => {
    await agent.getByTestId('composer-input').fill('加藤です。ほかにご不明点はございますか？');
    await agent.getByTestId('composer-send').click();
    const card = agent.getByTestId('approval-card');
    await card.waitFor();
    await lead.reload();
    const review = lead.getByTestId('approval-card');
    await review.waitFor();
    await review.getByTestId('approval-reject').click();
    await review.getByTestId('approval-reject-note').fill('今回は返信不要です。解決済みにしてください');
    await review.getByTestId('approval-reject-send').click();
    await expect.poll(() => agent.getByTestId('approval-card').getAttribute('data-status')).toBe('rejected');
    expect(await agent.getByTestId('approval-note').innerText()).toContain('今回は返信不要です');
    await agent.screenshot({ path: path.join(SHOT_DIR, 'approval-sent-back.png') });
  });
});
