import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox';
import { ADMIN, Client } from '../integration/harness';
import { launchBrowser, SHOTS } from './browser';
import { sandboxDesk, signIn } from './desk';

const SHOT_DIR = process.env.KOE_SHOTS ?? SHOTS;
const DOUBLE_CHARGE = '@KoeMart 昨日の注文、カードで二重請求されてます。至急返金してください';

/** Issue 4: the first reply to an urgent public post starts from an acknowledge-and-apologise draft the agent edits. */
describe('acknowledgement draft for an urgent post, in Chromium', () => {
  let desk: Awaited<ReturnType<typeof sandboxDesk>>;
  let sandbox: Sandbox;
  let browser: Browser;
  let agent: Page;

  beforeAll(async () => {
    mkdirSync(SHOT_DIR, { recursive: true });
    desk = await sandboxDesk();
    sandbox = desk.sandbox;
    browser = await launchBrowser();
    agent = await (await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 860 } })).newPage();
    agent.setDefaultTimeout(15_000);
    await signIn(agent, desk.koe.base);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
  });

  it('inserts the draft on request; the agent edits and sends it, and the customer sees it on X', async () => {
    const posted = await sandbox.sendOne('x', DOUBLE_CHARGE, { visibility: 'public', lang: 'ja' });
    const name = posted.customer.name;
    const item = agent.getByTestId('conversation-item').filter({ hasText: '二重請求されてます' });
    await item.waitFor();
    await item.click();
    await agent.getByTestId('message').filter({ hasText: '二重請求されてます' }).waitFor();

    const button = agent.getByTestId('composer-ack-draft');
    await expect.poll(() => button.innerText()).toBe('お詫びと確認の下書き');
    const input = agent.getByTestId('composer-input');
    expect(await input.inputValue()).toBe('');
    const checked = agent.waitForResponse(
      (r) => r.url().endsWith('/compose-check') && r.request().postDataJSON()?.text !== '',
    );
    await button.click();
    const draft = await input.inputValue();
    // Addressed by name, names the problem, apologises, and moves the order details to DM on a public thread.
    expect(draft.startsWith(`${name}さん、`)).toBe(true);
    expect(draft).toContain('二重請求');
    expect(draft).toContain('申し訳ございません');
    expect(draft).toContain('DMでお送りいただけますか');
    // The draft fits a public reply on X by X's own count (CJK weighs 2), and the click sent nothing.
    const check = await (await checked).json();
    expect(check).toMatchObject({ goes: 'public', weighted: true, max: 280, fits: true });
    expect(check.length).toBeGreaterThan([...draft].length);
    await expect.poll(() => agent.getByTestId('reply-length').getAttribute('data-length')).toBe(String(check.length));
    expect(await agent.getByTestId('reply-length').getAttribute('data-over')).toBe('false');
    expect(await agent.getByTestId('message').filter({ hasText: 'DMでお送りいただけますか' }).count()).toBe(0);
    expect(await button.isDisabled()).toBe(true);
    await agent.mouse.move(10, 10);
    await agent.waitForTimeout(300);
    await agent.screenshot({ path: path.join(SHOT_DIR, 'ack-draft-composer-1280.png') });

    const edited = draft.replace('すぐに確認いたしますので', '担当の山田がすぐに確認いたしますので');
    expect(edited).not.toBe(draft);
    await input.fill(edited);
    await agent.getByTestId('composer-send').click();
    await agent.getByTestId('delivery-status').filter({ hasText: '送信済み' }).last().waitFor();

    // The customer received exactly the edited text, publicly, in reply to their post.
    await expect
      .poll(
        () =>
          sandbox.world.transcript.list('x').find((e) => e.author === 'brand' && e.customer.id === posted.customer.id)
            ?.text,
      )
      .toBe(edited);
    const answer = sandbox.world.transcript
      .list('x')
      .find((e) => e.author === 'brand' && e.customer.id === posted.customer.id)!;
    expect(answer).toMatchObject({ visibility: 'public', inReplyTo: posted.id });
    // Answered: the draft is no longer offered.
    await expect.poll(() => agent.getByTestId('composer-ack-draft').count()).toBe(0);
  });

  it('lets the admin set how many slots L3 agents keep for urgent work', async () => {
    await agent.goto(`${desk.koe.base}/admin/desk`);
    const field = agent.getByTestId('desk-reserve-urgent');
    await field.waitFor();
    await expect.poll(() => field.inputValue()).toBe('1');
    await agent.getByText('L3担当者がL3用に空けておく枠').waitFor();
    await field.fill('2');
    // First responders: on by default; the admin can switch them off.
    const firstResponders = agent.getByTestId('desk-first-responders');
    await agent.getByText('L3が全員緊急対応中のとき、手の空いた担当者が一次対応（お詫びと確認）する').waitFor();
    expect(await firstResponders.isChecked()).toBe(true);
    await agent.screenshot({ path: path.join(SHOT_DIR, 'desk-reserve-urgent-1280.png') });
    await firstResponders.click();
    await expect.poll(() => firstResponders.isChecked()).toBe(false);
    await agent.getByTestId('desk-save').click();
    await agent.getByTestId('desk-saved').waitFor();
    const admin = new Client(desk.koe.base);
    await admin.post('/api/auth/login', { email: ADMIN.adminEmail, password: ADMIN.adminPassword });
    const saved = (await admin.get('/api/settings/desk')).body.autoAssign;
    expect(saved).toMatchObject({ reserveUrgentSlots: 2, firstResponders: false });
  });
});
