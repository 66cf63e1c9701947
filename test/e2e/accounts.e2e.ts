import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, SHOTS } from './browser';
import { signIn, webchatDesk } from './desk';

const SHOT_DIR = process.env.KOE_SHOTS ?? SHOTS;

/** An admin invites an agent; the agent joins from the link in another browser, signs in, and changes the password. */
describe('invitations and passwords, in Chromium', () => {
  let desk: Awaited<ReturnType<typeof webchatDesk>>;
  let browser: Browser;
  let admin: Page;
  let newcomer: Page;
  let inviteUrl = '';

  beforeAll(async () => {
    mkdirSync(SHOT_DIR, { recursive: true });
    desk = await webchatDesk();
    browser = await launchBrowser();
    admin = await (await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 860 } })).newPage();
    admin.setDefaultTimeout(15_000);
    await signIn(admin, desk.koe.base);
    // The invited person's own browser: no cookies shared with the admin's.
    newcomer = await (await browser.newContext({ locale: 'ja-JP', viewport: { width: 390, height: 844 } })).newPage();
    newcomer.setDefaultTimeout(15_000);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await desk?.koe.stop();
    await desk?.db.drop();
  });

  it('the admin invites an agent and gets a link to hand over (no mail set up on this desk)', async () => {
    await admin.goto(`${desk.koe.base}/admin/agents`);
    await admin.getByTestId('agent-add').click();
    expect(await admin.getByTestId('agent-invite-mode').isChecked()).toBe(true);
    expect(await admin.getByTestId('agent-password').count()).toBe(0);
    await admin.getByTestId('agent-email').fill('tanaka@koe.example');
    await admin.getByTestId('agent-name').fill('田中 三郎');
    await admin.getByTestId('agent-submit').click();
    const link = admin.getByTestId('account-link');
    await link.waitFor();
    expect(await link.getByTestId('account-link-emailed').getAttribute('data-emailed')).toBe('false');
    expect(await link.innerText()).toContain('メールは送っていません');
    inviteUrl = await link.getByTestId('account-link-url').inputValue();
    expect(inviteUrl).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);
    await admin.waitForTimeout(300);
    await admin.screenshot({ path: path.join(SHOT_DIR, 'invitation-link.png') });
    await admin.getByRole('button', { name: '閉じる' }).click();
    const row = admin.getByTestId('agent-row').filter({ hasText: 'tanaka@koe.example' });
    await expect.poll(() => row.getByTestId('agent-pending').count()).toBe(1);
  });

  it('the invited agent opens the link in their own browser, sets a password and signs in', async () => {
    await newcomer.goto(inviteUrl);
    await newcomer.getByText('「Koeマート」に参加').waitFor();
    expect(await newcomer.locator('body').innerText()).toContain('田中 三郎 さん（tanaka@koe.example）');
    await newcomer.getByTestId('link-password').fill('password123');
    await newcomer.getByTestId('link-password-confirm').fill('password123');
    await newcomer.getByTestId('link-submit').click();
    await expect.poll(() => newcomer.getByRole('alert').innerText()).toContain('パスワード');
    await newcomer.getByTestId('link-password').fill('momiji-kyoto-autumn-8');
    await newcomer.getByTestId('link-password-confirm').fill('momiji-kyoto-autumn-8');
    await newcomer.screenshot({ path: path.join(SHOT_DIR, 'invitation-accept-375.png') });
    await newcomer.getByTestId('link-submit').click();
    await newcomer.getByTestId('link-done').waitFor();
    await newcomer.getByTestId('link-to-login').click();
    await newcomer.waitForURL(/\/login\?email=/);
    expect(await newcomer.getByLabel('メールアドレス').inputValue()).toBe('tanaka@koe.example');
    await newcomer.getByLabel('パスワード').fill('momiji-kyoto-autumn-8');
    await newcomer.getByTestId('login-submit').click();
    await newcomer.getByTestId('inbox-list').waitFor();

    // The link works once.
    await newcomer.goto(inviteUrl);
    await expect.poll(() => newcomer.getByTestId('link-error').getAttribute('data-code')).toBe('link_used');
    // The admin sees them joined.
    await admin.reload();
    const row = admin.getByTestId('agent-row').filter({ hasText: 'tanaka@koe.example' });
    await row.waitFor();
    expect(await row.getByTestId('agent-pending').count()).toBe(0);
  });

  it('the agent changes the password on the account page, and the new one signs in', async () => {
    await newcomer.goto(`${desk.koe.base}/account/security`);
    const form = newcomer.getByTestId('change-password');
    await form.waitFor();
    await form.getByTestId('password-current').fill('momiji-kyoto-autumn-8');
    await form.getByTestId('password-new').fill('sakura-spring-nara-31');
    await form.getByTestId('password-new-confirm').fill('sakura-spring-nara-31');
    await form.getByTestId('password-submit').click();
    await form.getByTestId('password-changed').waitFor();
    const login = await desk.admin.post('/api/auth/login', {
      email: 'tanaka@koe.example',
      password: 'sakura-spring-nara-31',
    });
    expect(login.status).toBe(200);
  });

  it('asking for a reset on a desk without mail says to ask the admin', async () => {
    const page = await (await browser.newContext({ locale: 'ja-JP' })).newPage();
    await page.goto(`${desk.koe.base}/login`);
    await page.getByTestId('forgot-password').click();
    await page.getByTestId('reset-email').fill('tanaka@koe.example');
    await page.getByTestId('reset-submit').click();
    const done = page.getByTestId('reset-requested');
    await done.waitFor();
    expect(await done.getAttribute('data-email-configured')).toBe('false');
    expect(await done.innerText()).toContain('管理者にパスワード再設定リンクの作成を依頼してください');
  });
});
