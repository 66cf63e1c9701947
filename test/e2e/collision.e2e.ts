import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, SHOTS } from './browser';
import { signIn, visitorWrites, webchatDesk } from './desk';

const SHOT_DIR = process.env.KOE_SHOTS ?? SHOTS;

/** Collision control with two agents in two browsers: who is here, who is typing, and the send guard. */
describe('two agents in one conversation, in Chromium', () => {
  let desk: Awaited<ReturnType<typeof webchatDesk>>;
  let browser: Browser;
  let lead: Page;
  let agent: Page;

  const newPage = async () => {
    const page = await (
      await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 860 } })
    ).newPage();
    page.setDefaultTimeout(15_000);
    return page;
  };
  const open = async (page: Page, preview: string) => {
    const item = page.getByTestId('conversation-item').filter({ hasText: preview });
    await item.waitFor();
    await item.click();
    await page.getByTestId('message').filter({ hasText: preview }).waitFor();
  };

  beforeAll(async () => {
    mkdirSync(SHOT_DIR, { recursive: true });
    desk = await webchatDesk();
    await desk.admin.post('/api/agents', {
      email: 'suzuki@koe.example',
      name: '鈴木',
      password: 'agent-password-1',
      role: 'agent',
      level: 1,
    });
    browser = await launchBrowser();
    lead = await newPage();
    agent = await newPage();
    await signIn(lead, desk.koe.base);
    await signIn(agent, desk.koe.base, 'suzuki@koe.example', 'agent-password-1');
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await desk?.koe.stop();
    await desk?.db.drop();
  });

  it('each sees the other, sees who types, and the second sender reads the first reply before sending', async () => {
    const text = '注文した靴のサイズを交換したいです';
    const conv = await visitorWrites(desk.koe, desk.admin, desk.publicKey, text);
    await open(lead, text);
    await open(agent, text);

    // Present: each sees the other above the composer, and in the inbox row.
    await expect.poll(() => agent.getByTestId('collision-viewing').innerText()).toBe('山田 花子さんも表示中');
    await expect.poll(() => lead.getByTestId('collision-viewing').innerText()).toBe('鈴木さんも表示中');
    await expect
      .poll(() => agent.getByTestId('conversation-viewers').first().innerText())
      .toBe('山田 花子さんが表示中');

    // Typing: the lead sees the agent write.
    await agent.getByTestId('composer-input').fill('鈴木です。交換の手順をご案内します。');
    await expect.poll(() => lead.getByTestId('collision-typing').innerText()).toBe('鈴木さんが返信を入力中…');
    await lead.screenshot({ path: path.join(SHOT_DIR, 'collision-typing.png') });

    // The lead answers first; the agent's draft began before that reply, so sending shows it and asks.
    await lead.getByTestId('composer-input').fill('山田です。交換用の返送ラベルをお送りします。');
    await lead.getByTestId('composer-send').click();
    await lead.getByTestId('message').filter({ hasText: '返送ラベルをお送りします' }).waitFor();
    await agent.getByTestId('composer-send').click();
    const guard = agent.getByRole('dialog');
    await guard.waitFor();
    expect(await guard.innerText()).toContain('下書きを書き始めた後に、山田 花子さんがこの会話に返信しました');
    await expect.poll(() => agent.getByTestId('send-guard-reply').innerText()).toContain('返送ラベルをお送りします');
    await agent.waitForTimeout(300); // the dialog's fade-in, for the screenshot
    await agent.screenshot({ path: path.join(SHOT_DIR, 'collision-send-guard.png') });
    const replies = async () =>
      ((await desk.admin.get(`/api/conversations/${conv.id}/messages`)).body.items as any[]).filter(
        (m) => m.kind === 'reply',
      );
    expect(await replies()).toHaveLength(1);

    // Reviewing keeps the draft; the agent adjusts it, and now it goes without asking again.
    await agent.getByTestId('send-guard-review').click();
    await guard.waitFor({ state: 'hidden' });
    expect(await agent.getByTestId('composer-input').inputValue()).toBe('鈴木です。交換の手順をご案内します。');
    await agent.getByTestId('composer-input').fill('鈴木です。ラベルが届きましたら、靴を箱に入れてお送りください。');
    await agent.getByTestId('composer-send').click();
    await agent.getByTestId('message').filter({ hasText: '靴を箱に入れて' }).waitFor();
    expect((await replies()).map((m) => m.author.name)).toEqual(['山田 花子', '鈴木']);
  });

  it('with the soft lock on, replying while the colleague types asks first', async () => {
    const settings = (await desk.admin.get('/api/settings/desk')).body;
    await desk.admin.req('PUT', '/api/settings/desk', { ...settings, collision: { softLock: true } });
    await agent.getByTestId('composer-input').fill('鈴木です。追加で確認させてください');
    await lead.getByTestId('collision-typing').waitFor();
    await lead.getByTestId('composer-input').fill('山田です。ほかにご不明点はありますか。');
    await lead.getByTestId('composer-send').click();
    const lock = lead.getByRole('dialog', { name: '鈴木さんが返信を入力中です' });
    await lock.waitFor();
    await lead.waitForTimeout(300);
    await lead.screenshot({ path: path.join(SHOT_DIR, 'collision-soft-lock.png') });
    await lead.getByTestId('soft-lock-send').click();
    await lead.getByTestId('message').filter({ hasText: 'ほかにご不明点はありますか' }).waitFor();
    await desk.admin.req('PUT', '/api/settings/desk', { ...settings, collision: { softLock: false } });
  });

  it('a colleague who closes the tab leaves at once', async () => {
    await expect.poll(() => lead.getByTestId('collision-notice').count()).toBe(1);
    await agent.close({ runBeforeUnload: true });
    await expect.poll(() => lead.getByTestId('collision-notice').count()).toBe(0);
  });
});
