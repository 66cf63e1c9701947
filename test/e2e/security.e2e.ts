import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/security/totp';
import { ADMIN, Client as ApiClient, type Client, type RunningKoe, type TestDatabase } from '../integration/harness';
import { startIdp } from '../support/oidc-idp';
import { launchBrowser, SHOTS } from './browser';
import { signIn, webchatDesk } from './desk';

const SHOT_DIR = process.env.KOE_SHOTS ?? SHOTS;
const AGENT = { email: 'kato@koe.example', name: '加藤 健', password: 'kato passphrase lantern 31' };

describe('sign-in security in the browser: two-factor sign-in, a required set-up, single sign-on', () => {
  let db: TestDatabase;
  let koe: RunningKoe;
  let admin: Client;
  let browser: Browser;
  let idp: Awaited<ReturnType<typeof startIdp>>;
  let secret = '';
  let recoveryCodes: string[] = [];
  /** The admin's API token: setting up two-factor sign-in in the browser signs the admin's other sessions out. */
  let api: Client;

  const newPage = async (locale = 'ja-JP'): Promise<Page> => {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  };

  beforeAll(async () => {
    mkdirSync(SHOT_DIR, { recursive: true });
    ({ db, koe, admin } = await webchatDesk());
    expect((await admin.post('/api/agents', { ...AGENT, role: 'agent', level: 1 })).status).toBe(201);
    api = new ApiClient(koe.base, (await admin.post('/api/tokens', { name: 'e2e' })).body.token);
    idp = await startIdp({
      clientId: 'koe-e2e',
      clientSecret: 'e2e-secret',
      redirectUris: [`${koe.base}/api/auth/sso/callback`],
      accounts: [{ sub: 'kato', email: AGENT.email, email_verified: true, name: AGENT.name }],
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await koe.stop();
    await db.drop();
    await idp.close();
  });

  it('an admin sets up two-factor sign-in, saves the recovery codes, and is asked for a code at the next sign-in', async () => {
    const page = await newPage();
    await signIn(page, koe.base);
    await page.getByTestId('user-menu').click();
    await page.getByTestId('account-security').click();
    await expect.poll(() => page.getByTestId('two-factor-state').textContent()).toBe('無効');
    await page.getByTestId('two-factor-start').click();
    await page.getByTestId('two-factor-qr').waitFor();
    await page.screenshot({ path: path.join(SHOT_DIR, 'security-setup-qr-ja.png'), fullPage: true });
    secret = ((await page.getByTestId('two-factor-secret').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.getByTestId('two-factor-code').fill('123456');
    await page.getByTestId('two-factor-confirm').click();
    await page.getByText('コードが正しくないか、すでに使われています').waitFor();
    // Said in the reader's words only: not followed by the server's English note for the same field.
    expect(await page.getByRole('alert').textContent()).not.toMatch(/does not match|code:/);
    await page.getByTestId('two-factor-code').fill(totpCode(secret));
    await page.getByTestId('two-factor-confirm').click();
    await expect.poll(() => page.getByTestId('recovery-code').count()).toBe(10);
    recoveryCodes = await page.getByTestId('recovery-code').allTextContents();
    await page.screenshot({ path: path.join(SHOT_DIR, 'security-recovery-codes-ja.png'), fullPage: true });
    await page.getByTestId('recovery-codes-done').click();
    await expect.poll(() => page.getByTestId('two-factor-state').textContent()).toBe('有効');

    const fresh = await newPage();
    await fresh.goto(`${koe.base}/login`);
    await fresh.getByLabel('メールアドレス').fill(ADMIN.adminEmail);
    await fresh.getByLabel('パスワード').fill(ADMIN.adminPassword);
    await fresh.getByTestId('login-submit').click();
    await fresh.getByTestId('login-code').waitFor();
    await fresh.screenshot({ path: path.join(SHOT_DIR, 'security-login-code-ja.png') });
    await fresh.getByTestId('login-code').fill(totpCode(secret, Date.now() + 30_000));
    await fresh.getByTestId('login-code-submit').click();
    await fresh.getByTestId('inbox-list').waitFor();
    await fresh.context().close();
    await page.context().close();
  });

  it('an agent whose role requires it is taken to the set-up and can use nothing else until done (English UI)', async () => {
    const page = await newPage();
    expect(
      (
        await api.put('/api/settings/security', {
          requireTwoFactorFor: ['agent'],
          sso: { enabled: false, issuer: null, clientId: null },
        })
      ).status,
    ).toBe(200);
    await page.goto(`${koe.base}/login`);
    await page.evaluate("localStorage.setItem('koe.lang', 'en')");
    await page.reload();
    await page.locator('input[name=email]').fill(AGENT.email);
    await page.locator('input[name=password]').fill(AGENT.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('two-factor-required-notice').waitFor();
    expect(new URL(page.url()).pathname).toBe('/account/security');
    await page.goto(`${koe.base}/`);
    await page.getByTestId('two-factor-required-notice').waitFor();
    expect(new URL(page.url()).pathname).toBe('/account/security');
    await page.screenshot({ path: path.join(SHOT_DIR, 'security-required-en.png'), fullPage: true });
    await page.getByTestId('two-factor-start').click();
    const agentSecret = ((await page.getByTestId('two-factor-secret').textContent()) ?? '').replace(/\s/g, '');
    await page.getByTestId('two-factor-code').fill(totpCode(agentSecret));
    await page.getByTestId('two-factor-confirm').click();
    await page.getByTestId('recovery-codes-done').click();
    await page.getByRole('link', { name: /Back to the inbox/ }).click();
    await page.getByTestId('inbox-list').waitFor();
    await page.context().close();
  });

  it('an admin turns on single sign-on, and the agent signs in through the identity provider', async () => {
    const page = await newPage();
    await page.goto(`${koe.base}/login`);
    await page.getByLabel('メールアドレス').fill(ADMIN.adminEmail);
    await page.getByLabel('パスワード').fill(ADMIN.adminPassword);
    await page.getByTestId('login-submit').click();
    // This time step's code was used at the last sign-in and cannot be replayed: a recovery code does instead.
    await page.getByTestId('login-code').fill(recoveryCodes[0]);
    await page.getByTestId('login-code-submit').click();
    await page.getByTestId('inbox-list').waitFor();
    await page.getByTestId('nav-security').click();
    await page.getByTestId('sso-enabled').check();
    await page.getByTestId('sso-issuer').fill(idp.issuer);
    await page.getByTestId('sso-client-id').fill('koe-e2e');
    await page.getByTestId('sso-client-secret').fill('e2e-secret');
    await page.getByTestId('sso-label').fill('社内アカウント');
    expect(await page.getByTestId('sso-callback').textContent()).toBe(`${koe.base}/api/auth/sso/callback`);
    await page.getByTestId('security-save').click();
    await page.getByTestId('security-saved').waitFor();
    await page.screenshot({ path: path.join(SHOT_DIR, 'security-settings-ja.png'), fullPage: true });
    // The agents list shows who has a second factor.
    await page.goto(`${koe.base}/admin/agents`);
    await expect
      .poll(() =>
        page.locator(`[data-testid=agent-row]:has-text("${AGENT.email}") [data-testid=agent-2fa]`).textContent(),
      )
      .toBe('有効');
    await page.context().close();

    const agent = await newPage();
    await agent.goto(`${koe.base}/login`);
    await agent.getByTestId('sso-login').waitFor();
    expect(await agent.getByTestId('sso-login').textContent()).toBe('社内アカウントでログイン');
    await agent.screenshot({ path: path.join(SHOT_DIR, 'security-login-sso-ja.png') });
    await agent.getByTestId('sso-login').click();
    await agent.getByRole('button', { name: AGENT.email }).click();
    await agent.getByTestId('inbox-list').waitFor();
    const me = await agent.evaluate<string>("fetch('/api/me').then((r) => r.json()).then((b) => b.agent.email)");
    expect(me).toBe(AGENT.email);
    await agent.context().close();
  });
});
