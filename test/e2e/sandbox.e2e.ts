import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox';
import path from 'node:path';
import { launchBrowser, SHOTS } from './browser';
import { sandboxDesk, signIn } from './desk';

/** Issue 5's user path: sandbox traffic from every platform, replies on the same channel, a public X complaint moved to DM. */
describe('social channels through the sandbox, in Chromium', () => {
  let desk: Awaited<ReturnType<typeof sandboxDesk>>;
  let sandbox: Sandbox;
  let browser: Browser;
  let agent: Page;
  let customers: Page;

  beforeAll(async () => {
    desk = await sandboxDesk();
    sandbox = desk.sandbox;
    browser = await launchBrowser();
    agent = await (await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 860 } })).newPage();
    customers = await (await browser.newContext({ locale: 'ja-JP', viewport: { width: 1400, height: 900 } })).newPage();
    for (const p of [agent, customers]) p.setDefaultTimeout(15_000);
    await signIn(agent, desk.koe.base);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
  });

  const open = async (text: string) => {
    const item = agent.getByTestId('conversation-item').filter({ hasText: text });
    await item.waitFor();
    await item.click();
    await agent.getByTestId('message').filter({ hasText: text }).waitFor();
  };
  const replyInUi = async (text: string) => {
    await agent.getByTestId('composer-input').fill(text);
    await agent.getByTestId('composer-send').click();
    await agent.getByTestId('delivery-status').filter({ hasText: '送信済み' }).last().waitFor();
  };
  const seenOnPage = (platform: string, text: string, visibility: 'public' | 'private') =>
    customers
      .locator(`section[data-platform="${platform}"] [data-author="brand"][data-visibility="${visibility}"]`)
      .filter({ hasText: text });

  it('shows posts from LINE, Facebook, Instagram, X and email in the inbox as they arrive', async () => {
    await sandbox.sendOne('line', 'LINEから失礼します。ポイントが反映されていません');
    await sandbox.sendOne('facebook', 'Facebookのページに書きます。商品が届きません', { visibility: 'public' });
    await sandbox.sendOne('instagram', 'インスタのこの加湿器、届いたら動きません', { visibility: 'public' });
    await sandbox.sendOne('x', '@KoeMart 二重に請求されています。どうなってるの？', { visibility: 'public' });
    await sandbox.sendOne('email', 'メールで問い合わせます。領収書を再発行してください');
    for (const text of [
      'ポイントが反映されていません',
      '商品が届きません',
      '加湿器、届いたら動きません',
      '二重に請求されています',
      '領収書を再発行',
    ]) {
      await agent.getByTestId('conversation-item').filter({ hasText: text }).waitFor();
    }
  });

  it('replies on the same channel, moves the public X complaint to DM, and the customers see each reply in the right place', async () => {
    await open('ポイントが反映されていません');
    await replyInUi('ご連絡ありがとうございます。ポイントを確認いたします。');
    await open('加湿器、届いたら動きません');
    await replyInUi('大変申し訳ございません。交換をご案内します。');
    await open('二重に請求されています');
    await replyInUi('ご迷惑をおかけしております。すぐに確認いたします。');

    await agent.getByTestId('continue-privately').click();
    await agent.getByTestId('continue-privately-text').fill('ご注文番号をこちらのDMで教えていただけますか？');
    await agent.getByTestId('continue-privately-submit').click();
    await agent.getByTestId('message').filter({ hasText: 'ご注文番号をこちらのDMで' }).waitFor();

    await customers.goto(`${sandbox.url}/`);
    await seenOnPage('line', 'ポイントを確認いたします', 'private').waitFor();
    await seenOnPage('instagram', '交換をご案内します', 'public').waitFor();
    await seenOnPage('x', 'すぐに確認いたします', 'public').waitFor();
    await seenOnPage('x', 'ご注文番号をこちらのDMで', 'private').waitFor();
    await expect.poll(() => seenOnPage('x', 'ご注文番号をこちらのDMで', 'public').count()).toBe(0);
  });

  it('after the DM case is resolved, offers a public follow-up on the original X post, and the public sees it', async () => {
    // Still the conversation the previous test moved to DMs (its list preview is now the DM reply).
    await agent.getByTestId('message').filter({ hasText: '二重に請求されています' }).waitFor();
    expect(await agent.getByTestId('public-follow-up').count()).toBe(0);
    await agent.getByTestId('status-select').selectOption('resolved');
    const card = agent.getByTestId('public-follow-up');
    await card.waitFor();
    await expect
      .poll(() => card.getByTestId('public-follow-up-text').inputValue())
      .toContain('DMでのご対応にご協力いただきありがとうございました');
    await agent.screenshot({ path: path.join(SHOTS, 'public-follow-up.png') });
    await card.getByTestId('public-follow-up-send').click();
    await card.waitFor({ state: 'detached' });
    await customers.goto(`${sandbox.url}/`);
    await seenOnPage('x', '解決いたしましたので、こちらでもご報告いたします', 'public').waitFor();
  });

  it('asks a Messenger customer for a rating with quick replies; tapping one on the sandbox page records it', async () => {
    await sandbox.sendOne('facebook', 'Messengerで失礼します。クーポンの使い方を教えてください', {
      visibility: 'private',
    });
    await open('クーポンの使い方を教えてください');
    await replyInUi('お問い合わせありがとうございます。カート画面でコードを入力してください。');
    await agent.getByTestId('status-select').selectOption('resolved');
    await customers.goto(`${sandbox.url}/`);
    const survey = seenOnPage('facebook', '/rate/', 'private');
    await survey.waitFor();
    const buttons = customers.locator('section[data-platform="facebook"] .choices button');
    await expect.poll(() => buttons.allTextContents()).toEqual(['1', '2', '3', '4', '5']);
    await customers.screenshot({ path: path.join(SHOTS, 'sandbox-quick-replies.png') });
    await buttons.filter({ hasText: '4' }).click();
    await agent.getByTestId('message').filter({ hasText: 'お客様の満足度: 4/5' }).waitFor();
  });
});
