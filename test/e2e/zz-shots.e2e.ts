import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { it } from 'vitest';
import { totpCode } from '../../src/security/totp';
import { Client as ApiClient, Visitor } from '../integration/harness';
import { startIdp } from '../support/oidc-idp';
import { launchBrowser } from './browser';
import { webchatDesk } from './desk';

const OUT = '/tmp/shots';
const VPS = { laptop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };

it('screenshots', async () => {
  mkdirSync(OUT, { recursive: true });
  const { db, koe, admin } = await webchatDesk();
  const api = new ApiClient(koe.base, (await admin.post('/api/tokens', { name: 'shots' })).body.token);
  const idp = await startIdp({
    clientId: 'koe-shots',
    clientSecret: 'shots-secret',
    redirectUris: [`${koe.base}/api/auth/sso/callback`],
    accounts: [],
  });
  const v = new Visitor(koe.base, (await admin.get('/api/channels')).body.items?.[0]?.publicKey ?? '');
  const browser = await launchBrowser();
  const shot = async (page: any, name: string) => {
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
  };
  let n = 0;
  for (const lang of ['ja', 'en'] as const) {
    for (const [vp, size] of Object.entries(VPS)) {
      n++;
      const email = `shot${n}@koe.example`;
      const password = `lantern harbour violet ${n}0${n}`;
      await api.put('/api/settings/security', {
        requireTwoFactorFor: [],
        sso: { enabled: false, issuer: null, clientId: null },
      });
      const r = await api.post('/api/agents', { email, name: lang === 'ja' ? `佐藤 ${n}` : `Sam ${n}`, password, role: 'admin', level: 2 });
      if (r.status !== 201) throw new Error(JSON.stringify(r.body));
      const ctx = await browser.newContext({ locale: lang === 'ja' ? 'ja-JP' : 'en-US', viewport: size });
      const page = await ctx.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(`${koe.base}/login`);
      await page.evaluate(`localStorage.setItem('koe.lang', '${lang}')`);
      await page.reload();
      const p = `${lang}-${vp}`;
      await shot(page, `${p}-01-login`);
      await page.locator('input[name=email]').fill(email);
      await page.locator('input[name=password]').fill('wrong password here');
      await page.getByTestId('login-submit').click();
      await page.waitForTimeout(600);
      await shot(page, `${p}-02-login-wrong`);
      await page.locator('input[name=password]').fill(password);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('inbox-list').waitFor();
      await page.goto(`${koe.base}/account/security`);
      await page.getByTestId('two-factor-start').waitFor();
      await shot(page, `${p}-03-account-security-off`);
      await page.getByTestId('two-factor-start').click();
      await page.getByTestId('two-factor-qr').waitFor();
      await shot(page, `${p}-04-setup-qr`);
      const secret = ((await page.getByTestId('two-factor-secret').textContent()) ?? '').replace(/\s/g, '');
      await page.getByTestId('two-factor-code').fill('123456');
      await page.getByTestId('two-factor-confirm').click();
      await page.waitForTimeout(600);
      await shot(page, `${p}-05-setup-wrong-code`);
      await page.getByTestId('two-factor-code').fill(totpCode(secret));
      await page.getByTestId('two-factor-confirm').click();
      await page.getByTestId('recovery-codes-done').waitFor();
      await shot(page, `${p}-06-recovery-codes`);
      await page.getByTestId('recovery-codes-done').click();
      await page.waitForTimeout(400);
      await shot(page, `${p}-07-account-security-on`);
      await page.goto(`${koe.base}/admin/security`);
      await page.getByTestId('sso-enabled').waitFor();
      await shot(page, `${p}-08-admin-security`);
      await page.goto(`${koe.base}/admin/agents`);
      await page.waitForTimeout(800);
      await shot(page, `${p}-09-agents`);
      await page.goto(`${koe.base}/admin/desk`);
      await page.waitForTimeout(800);
      await shot(page, `${p}-10-desk-settings`);
      await page.goto(`${koe.base}/admin/audit`);
      await page.waitForTimeout(800);
      await shot(page, `${p}-11-audit`);
      await page.goto(`${koe.base}/`);
      await page.getByTestId('inbox-list').waitFor();
      await page.locator('[data-testid=inbox-list] a, [data-testid=inbox-list] li').first().click().catch(() => {});
      await page.waitForTimeout(800);
      await shot(page, `${p}-12-inbox`);
      await ctx.close();
      // the code step and SSO button at sign-in
      await api.put('/api/settings/security', {
        requireTwoFactorFor: ['agent'],
        sso: { enabled: true, issuer: idp.issuer, clientId: 'koe-shots', clientSecret: 'shots-secret', label: lang === 'ja' ? '社内アカウント' : 'Company account', passwordSignIn: 'everyone' },
      });
      const ctx2 = await browser.newContext({ locale: lang === 'ja' ? 'ja-JP' : 'en-US', viewport: size });
      const p2 = await ctx2.newPage();
      await p2.goto(`${koe.base}/login`);
      await p2.evaluate(`localStorage.setItem('koe.lang', '${lang}')`);
      await p2.reload();
      await p2.getByTestId('sso-login').waitFor();
      await shot(p2, `${p}-13-login-sso`);
      await p2.locator('input[name=email]').fill(email);
      await p2.locator('input[name=password]').fill(password);
      await p2.getByTestId('login-submit').click();
      await p2.getByTestId('login-code').waitFor();
      await shot(p2, `${p}-14-login-code`);
      await p2.getByTestId('login-code').fill('000000');
      await p2.getByTestId('login-code-submit').click();
      await p2.waitForTimeout(600);
      await shot(p2, `${p}-15-login-code-wrong`);
      await ctx2.close();
      // an agent made to set up two-factor sign-in
      const aemail = `agent${n}@koe.example`;
      await api.post('/api/agents', { email: aemail, name: lang === 'ja' ? `加藤 ${n}` : `Kim ${n}`, password, role: 'agent', level: 1 });
      const ctx3 = await browser.newContext({ locale: lang === 'ja' ? 'ja-JP' : 'en-US', viewport: size });
      const p3 = await ctx3.newPage();
      await p3.goto(`${koe.base}/login`);
      await p3.evaluate(`localStorage.setItem('koe.lang', '${lang}')`);
      await p3.reload();
      await p3.locator('input[name=email]').fill(aemail);
      await p3.locator('input[name=password]').fill(password);
      await p3.getByTestId('login-submit').click();
      await p3.getByTestId('two-factor-required-notice').waitFor();
      await shot(p3, `${p}-16-required`);
      await ctx3.close();
    }
  }
  void v;
  await browser.close();
  await koe.stop();
  await db.drop();
  await idp.close();
}, 300_000);
