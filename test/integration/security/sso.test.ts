import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  Client,
  dialects,
  freshDatabase,
  seededDesk,
  startKoe,
  type RunningKoe,
  type TestDatabase,
} from '../harness';
import { RedirectBrowser, startIdp } from '../../support/oidc-idp';

describe.each(dialects)('single sign-on with OpenID Connect (%s)', (dialect) => {
  let db: TestDatabase;
  let koe: RunningKoe;
  let admin: Client;
  let idp: Awaited<ReturnType<typeof startIdp>>;
  const HANA = { email: 'hana@koe.example', name: '花', password: 'hana passphrase umbrella 77' };

  beforeAll(async () => {
    db = await freshDatabase(dialect);
    koe = await startKoe(db);
    ({ admin } = await seededDesk(koe.base));
    expect((await admin.post('/api/agents', { ...HANA, role: 'agent', level: 1 })).status).toBe(201);
    idp = await startIdp({
      clientId: 'koe-desk',
      clientSecret: 'idp-client-secret',
      redirectUris: [`${koe.base}/api/auth/sso/callback`],
      accounts: [
        { sub: 'u-hana', email: 'HANA@koe.example', email_verified: true, name: '花' },
        { sub: 'u-stranger', email: 'stranger@elsewhere.example', email_verified: true },
        { sub: 'u-unverified', email: 'hana@koe.example', email_verified: false },
      ],
    });
  });
  afterAll(async () => {
    await koe.stop();
    await db.drop();
    await idp.close();
  });

  it('is off until an admin configures it; the client secret is write-only', async () => {
    expect((await new Client(koe.base).get('/api/auth/options')).body).toEqual({
      sso: { enabled: false, label: '' },
      passwordSignIn: 'everyone',
    });
    const failed = await new RedirectBrowser().request(`${koe.base}/api/auth/sso/start`);
    expect(failed.headers.get('location')).toBe('/login?sso_error=not_configured');
    const bad = await admin.put('/api/settings/security', {
      requireTwoFactorFor: [],
      sso: { enabled: true, issuer: 'http://idp.example.com', clientId: 'x', clientSecret: 'y' },
    });
    expect(bad.status).toBe(400);
    const saved = await admin.put('/api/settings/security', {
      requireTwoFactorFor: ['agent'],
      sso: {
        enabled: true,
        issuer: idp.issuer,
        clientId: 'koe-desk',
        clientSecret: 'idp-client-secret',
        label: '社内アカウント',
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.sso).toMatchObject({ enabled: true, issuer: idp.issuer, hasClientSecret: true });
    expect(JSON.stringify(saved.body)).not.toContain('idp-client-secret');
    expect(saved.body.callbackUrl).toBe(`${koe.base}/api/auth/sso/callback`);
    expect((await new Client(koe.base).get('/api/auth/options')).body).toEqual({
      sso: { enabled: true, label: '社内アカウント' },
      passwordSignIn: 'everyone',
    });
  });

  it('signs an existing agent in by their verified email and returns to the page they asked for', async () => {
    const browser = new RedirectBrowser();
    const landed = await browser.signIn(
      `${koe.base}/api/auth/sso/start?next=${encodeURIComponent('/conversations/abc')}`,
      'u-hana',
      koe.base,
    );
    expect(landed.pathname).toBe('/conversations/abc');
    const jar = browser.cookies(koe.base);
    expect(jar.get('koe_session')).toBeTruthy();
    const me = await fetch(`${koe.base}/api/me`, { headers: { cookie: `koe_session=${jar.get('koe_session')}` } });
    const body = (await me.json()) as any;
    expect(body.agent.email).toBe(HANA.email);
    // The provider did its own checks: the workspace's two-factor requirement applies to password sign-ins only.
    expect(body.twoFactorSetupRequired).toBe(false);
    const audit = ((await admin.get('/api/audit?limit=50')).body.items as any[]).find(
      (i) => i.action === 'auth.login' && i.detail.sso,
    );
    expect(audit.detail.sso).toBe(idp.issuer);
  });

  it('refuses an unknown person, an unverified email, a forged or replayed callback and an open redirect', async () => {
    expect((await new RedirectBrowser().signIn(`${koe.base}/api/auth/sso/start`, 'u-stranger', koe.base)).search).toBe(
      '?sso_error=no_account',
    );
    expect(
      (await new RedirectBrowser().signIn(`${koe.base}/api/auth/sso/start`, 'u-unverified', koe.base)).search,
    ).toBe('?sso_error=email_unverified');
    const forged = await new RedirectBrowser().request(`${koe.base}/api/auth/sso/callback?code=abc&state=xyz`);
    expect(forged.headers.get('location')).toBe('/login?sso_error=expired');
    expect(forged.headers.getSetCookie().join()).not.toContain('koe_session=');
    const denied = await new RedirectBrowser().request(
      `${koe.base}/api/auth/sso/callback?error=access_denied&state=xyz`,
    );
    expect(denied.headers.get('location')).toBe('/login?sso_error=denied');
    const away = await new RedirectBrowser().signIn(
      `${koe.base}/api/auth/sso/start?next=${encodeURIComponent('//evil.example/')}`,
      'u-hana',
      koe.base,
    );
    expect(away.origin).toBe(koe.base);
    expect(away.pathname).toBe('/');
  });

  it('can keep password sign-in for admins only', async () => {
    const s = (await admin.get('/api/settings/security')).body;
    expect(
      (
        await admin.put('/api/settings/security', {
          requireTwoFactorFor: [],
          sso: { ...s.sso, passwordSignIn: 'admins' },
        })
      ).status,
    ).toBe(200);
    const r = await new Client(koe.base).post('/api/auth/login', { email: HANA.email, password: HANA.password });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('sso_required');
    expect(
      (await new Client(koe.base).post('/api/auth/login', { email: ADMIN.adminEmail, password: ADMIN.adminPassword }))
        .status,
    ).toBe(200);
    expect((await new Client(koe.base).get('/api/auth/options')).body.passwordSignIn).toBe('admins');
  });

  it('does not keep agents out by password when single sign-on is switched on but not usable (no issuer)', async () => {
    const s = (await admin.get('/api/settings/security')).body;
    const { hasClientSecret: _kept, ...sso } = s.sso;
    const half = { ...sso, issuer: null, passwordSignIn: 'admins' };
    expect((await admin.put('/api/settings/security', { requireTwoFactorFor: [], sso: half })).status).toBe(200);
    expect((await new Client(koe.base).get('/api/auth/options')).body).toEqual({
      sso: { enabled: false, label: '社内アカウント' },
      passwordSignIn: 'everyone',
    });
    const r = await new Client(koe.base).post('/api/auth/login', { email: HANA.email, password: HANA.password });
    expect(r.status).toBe(200);
  });
});
