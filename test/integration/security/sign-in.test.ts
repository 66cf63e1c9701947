import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../../src/security/totp';
import {
  ADMIN,
  Client,
  dialects,
  freshDatabase,
  seededDesk,
  startKoe,
  Visitor,
  waitFor,
  type RunningKoe,
  type TestDatabase,
} from '../harness';
import { mailRelay } from '../mail-relay';

const audit = async (admin: Client, action: string) =>
  ((await admin.get('/api/audit?limit=500')).body.items as any[]).filter((i) => i.action === action);

describe.each(dialects)('sign-in limits behind a public URL (%s)', (dialect) => {
  let db: TestDatabase;
  let koe: RunningKoe;
  let admin: Client;
  beforeAll(async () => {
    db = await freshDatabase(dialect);
    // A public URL no longer means "trust every proxy": with KOE_TRUST_PROXY unset, X-Forwarded-For is the client's own words.
    koe = await startKoe(db, { env: { KOE_PUBLIC_URL: 'https://support.koe.example' } });
    ({ admin } = await seededDesk(koe.base));
  });
  afterAll(async () => {
    await koe.stop();
    await db.drop();
  });

  it('does not let a client choose its address with X-Forwarded-For (login limit, audit, widget limit)', async () => {
    const c = new Client(koe.base);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      statuses.push(
        (
          await c.post(
            '/api/auth/login',
            { email: ADMIN.adminEmail, password: `guess-${i}` },
            { 'x-forwarded-for': `203.0.113.${i + 1}` },
          )
        ).status,
      );
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20);
    const failures = await audit(admin, 'auth.login_failed');
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((f) => !String(f.detail.ip).startsWith('203.0.113.'))).toBe(true);

    const channel = (await admin.get('/api/channels')).body.items[0];
    const widget = [] as number[];
    for (let i = 0; i < 35; i++) {
      const v = new Visitor(koe.base, channel.publicKey);
      await v.open();
      widget.push(
        (
          await new Client(koe.base).post(
            `/api/widget/${channel.publicKey}/messages`,
            { visitorToken: v.token, clientMessageId: `cm-spoof-${i}`, text: 'spam' },
            { 'x-forwarded-for': `198.51.100.${i + 1}` },
          )
        ).status,
      );
    }
    expect(widget.filter((s) => s === 429).length).toBeGreaterThan(0);
  });
});

describe.each(dialects)('per-account sign-in lock (%s)', (dialect) => {
  let db: TestDatabase;
  let koe: RunningKoe;
  let admin: Client;
  let relay: Awaited<ReturnType<typeof mailRelay>>;
  const VICTIM = { email: 'victim@koe.example', name: '被害 太郎', password: 'Victim passphrase: blue kettle 42' };
  beforeAll(async () => {
    db = await freshDatabase(dialect);
    relay = await mailRelay();
    // One trusted hop: the test client plays the reverse proxy, so each X-Forwarded-For is a distinct real address.
    koe = await startKoe(db, { env: { KOE_TRUST_PROXY: '1', KOE_SMTP_URL: `smtp://127.0.0.1:${relay.port}` } });
    ({ admin } = await seededDesk(koe.base));
    expect((await admin.post('/api/agents', { ...VICTIM, role: 'agent', level: 1 })).status).toBe(201);
  });
  afterAll(async () => {
    await koe.stop();
    await db.drop();
    await relay.close();
  });

  it('locks an account guessed from many addresses for new browsers only, and tells the owner', async () => {
    // The desk works in New York time: the notice and the mail both give the lock's end in it.
    const desk = (await admin.get('/api/settings/desk')).body;
    const put = await admin.req('PUT', '/api/settings/desk', {
      ...desk,
      sla: { ...desk.sla, timeZone: 'America/New_York' },
    });
    expect(put.status).toBe(200);
    // The owner's usual browser has signed in before.
    const owner = new Client(koe.base);
    expect(
      (
        await owner.post(
          '/api/auth/login',
          { email: VICTIM.email, password: VICTIM.password },
          { 'x-forwarded-for': '192.0.2.10' },
        )
      ).status,
    ).toBe(200);
    await owner.post('/api/auth/logout');

    const attacker = new Client(koe.base);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      statuses.push(
        (
          await attacker.post(
            '/api/auth/login',
            { email: VICTIM.email, password: `guess-${i}` },
            { 'x-forwarded-for': `203.0.113.${i + 1}` },
          )
        ).status,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    // Even the right password from a new browser waits out the lock…
    const fresh = await new Client(koe.base).post(
      '/api/auth/login',
      { email: VICTIM.email, password: VICTIM.password },
      { 'x-forwarded-for': '203.0.113.99' },
    );
    expect(fresh.status).toBe(429);
    expect(fresh.body.code).toBe('account_locked');
    // …while the owner's own browser signs in as usual: guessing cannot lock the owner out.
    const own = await owner.post(
      '/api/auth/login',
      { email: VICTIM.email, password: VICTIM.password },
      { 'x-forwarded-for': '192.0.2.10' },
    );
    expect(own.status).toBe(200);

    const notices = (await owner.get('/api/notifications')).body.items as any[];
    expect(notices.filter((n) => n.kind === 'security')).toHaveLength(1);
    expect(notices[0].body).toContain('203.0.113.10');
    await koe.koe.jobs.drain();
    const mails = await waitFor(
      async () =>
        relay.received.filter((m) => m.to.includes(VICTIM.email)).length > 0 &&
        relay.received.filter((m) => m.to.includes(VICTIM.email)),
    );
    expect(mails).toHaveLength(1);
    expect(mails[0].mail.text).toContain('203.0.113.10');
    expect(mails[0].mail.text).toContain(notices[0].body);
    const locks = await audit(admin, 'auth.account_locked');
    expect(locks).toHaveLength(1);
    expect(locks[0].detail.ip).toBe('203.0.113.10');

    // An admin can end the lock at once.
    expect((await admin.post(`/api/agents/${own.body.agent.id}/unlock-sign-in`)).status).toBe(204);
    expect(
      (
        await new Client(koe.base).post(
          '/api/auth/login',
          { email: VICTIM.email, password: VICTIM.password },
          { 'x-forwarded-for': '203.0.113.100' },
        )
      ).status,
    ).toBe(200);
  });
});

describe.each(dialects)('passwords and two-factor sign-in (%s)', (dialect) => {
  let db: TestDatabase;
  let koe: RunningKoe;
  let admin: Client;
  let adminId: string;
  beforeAll(async () => {
    db = await freshDatabase(dialect);
    koe = await startKoe(db);
  });
  afterAll(async () => {
    await koe.stop();
    await db.drop();
  });

  it('refuses weak passwords at set-up and when adding agents', async () => {
    const c = new Client(koe.base);
    for (const adminPassword of ['1234567890', '          ', ADMIN.adminEmail, 'qwertyuiop', 'password123']) {
      const r = await c.post('/api/setup', { ...ADMIN, adminPassword });
      expect(r.status, adminPassword).toBe(400);
      expect(r.body.code, adminPassword).toBe('weak_password');
    }
    ({ admin } = await seededDesk(koe.base));
    adminId = (await admin.get('/api/me')).body.agent.id;
    for (const [password, name] of [
      ['1234567890', '鈴木'],
      ['suzuki@koe.example', '鈴木'],
      ['Suzuki Ichiro', 'Suzuki Ichiro'],
    ]) {
      const r = await admin.post('/api/agents', {
        email: 'suzuki@koe.example',
        name,
        password,
        role: 'agent',
        level: 1,
      });
      expect(r.status, password).toBe(400);
      expect(r.body.code).toBe('weak_password');
    }
    expect(
      (
        await admin.post('/api/agents', {
          email: 'suzuki@koe.example',
          name: '鈴木',
          password: 'maple syrup on a tuesday',
          role: 'agent',
          level: 1,
        })
      ).status,
    ).toBe(201);
  });

  it('sets up TOTP, then asks for a code at sign-in; codes cannot be replayed; recovery codes work once', async () => {
    const setup = await admin.post('/api/me/two-factor/setup');
    expect(setup.status).toBe(200);
    expect(setup.body.uri).toMatch(/^otpauth:\/\/totp\/Koe:/);
    expect(setup.body.qrSvg).toContain('<svg');
    const secret = setup.body.secret as string;
    expect((await admin.post('/api/me/two-factor/confirm', { code: '000000' })).body.code).toBe('wrong_code');
    // Kept, not recomputed: a 30-second step may end between the set-up and the sign-in below.
    const confirmCode = totpCode(secret);
    const confirmed = await admin.post('/api/me/two-factor/confirm', { code: confirmCode });
    expect(confirmed.status).toBe(200);
    const recovery = confirmed.body.recoveryCodes as string[];
    expect(recovery).toHaveLength(10);
    expect((await admin.get('/api/me')).body.agent.twoFactor).toBe(true);

    const browser = new Client(koe.base);
    const step1 = await browser.post('/api/auth/login', { email: ADMIN.adminEmail, password: ADMIN.adminPassword });
    expect(step1.status).toBe(200);
    expect(step1.body.agent).toBeUndefined();
    expect(browser.cookie('koe_session')).toBeUndefined();
    const challenge = step1.body.twoFactor.challenge;
    expect((await browser.get('/api/me')).status).toBe(401);
    expect((await browser.post('/api/auth/login/two-factor', { challenge, code: '123456' })).status).toBe(401);
    // The code that confirmed the set-up was already used in this time step.
    expect((await browser.post('/api/auth/login/two-factor', { challenge, code: confirmCode })).body.code).toBe(
      'wrong_code',
    );
    const next = totpCode(secret, Date.now() + 30_000);
    const step2 = await browser.post('/api/auth/login/two-factor', { challenge, code: next });
    expect(step2.status).toBe(200);
    expect((await browser.get('/api/me')).status).toBe(200);

    const other = new Client(koe.base);
    const c2 = (await other.post('/api/auth/login', { email: ADMIN.adminEmail, password: ADMIN.adminPassword })).body
      .twoFactor.challenge;
    expect((await other.post('/api/auth/login/two-factor', { challenge: c2, code: next })).status).toBe(401);
    expect(
      (await other.post('/api/auth/login/two-factor', { challenge: c2, code: recovery[0].toLowerCase() })).status,
    ).toBe(200);
    const third = new Client(koe.base);
    const c3 = (await third.post('/api/auth/login', { email: ADMIN.adminEmail, password: ADMIN.adminPassword })).body
      .twoFactor.challenge;
    expect((await third.post('/api/auth/login/two-factor', { challenge: c3, code: recovery[0] })).status).toBe(401);
    expect((await admin.get('/api/me/two-factor')).body).toMatchObject({ enabled: true, recoveryCodesLeft: 9 });

    const actions = new Set(((await admin.get('/api/audit?limit=500')).body.items as any[]).map((i) => i.action));
    for (const a of ['auth.two_factor_enabled', 'auth.two_factor_failed', 'auth.recovery_code_used'])
      expect(actions).toContain(a);
  });

  it('a challenge allows five tries, then the password is needed again', async () => {
    const c = new Client(koe.base);
    const challenge = (await c.post('/api/auth/login', { email: ADMIN.adminEmail, password: ADMIN.adminPassword })).body
      .twoFactor.challenge;
    for (let i = 0; i < 5; i++)
      expect((await c.post('/api/auth/login/two-factor', { challenge, code: `00000${i}` })).status).toBe(401);
    const r = await c.post('/api/auth/login/two-factor', { challenge, code: '999999' });
    expect(r.body.code).toBe('challenge_expired');
  });

  it('expired challenges are deleted when a new one is made', async () => {
    const db = koe.koe.db;
    const stale = new Date(Date.now() - 60_000).toISOString();
    await db
      .insertInto('login_challenges')
      .values({ id: 'stale-challenge', agent_id: adminId, created_at: stale, expires_at: stale })
      .execute();
    const c = new Client(koe.base);
    const r = await c.post('/api/auth/login', { email: ADMIN.adminEmail, password: ADMIN.adminPassword });
    expect(r.body.twoFactor.challenge).toEqual(expect.any(String));
    const ids = (await db.selectFrom('login_challenges').select(['id', 'expires_at']).execute()).map((x) => x.id);
    expect(ids).not.toContain('stale-challenge');
    expect(ids.length).toBeGreaterThan(0);
  });

  it('admins can require it for a role: such agents may only set it up until they do', async () => {
    const settings = (await admin.get('/api/settings/security')).body;
    expect(settings.requireTwoFactorFor).toEqual([]);
    expect(
      (
        await admin.put('/api/settings/security', {
          requireTwoFactorFor: ['agent'],
          sso: { enabled: false, issuer: null, clientId: null },
        })
      ).status,
    ).toBe(200);

    const agent = new Client(koe.base);
    const login = await agent.post('/api/auth/login', {
      email: 'suzuki@koe.example',
      password: 'maple syrup on a tuesday',
    });
    expect(login.body.twoFactorSetupRequired).toBe(true);
    expect((await agent.get('/api/me')).body.twoFactorSetupRequired).toBe(true);
    const blocked = await agent.get('/api/conversations');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('two_factor_setup_required');
    const secret = (await agent.post('/api/me/two-factor/setup')).body.secret;
    expect((await agent.post('/api/me/two-factor/confirm', { code: totpCode(secret) })).status).toBe(200);
    expect((await agent.get('/api/conversations')).status).toBe(200);
    // Required: it cannot be turned off by the agent, but an admin can reset it (lost phone).
    expect((await agent.post('/api/me/two-factor/disable', { password: 'maple syrup on a tuesday' })).body.code).toBe(
      'two_factor_required',
    );
    const suzuki = (await agent.get('/api/me')).body.agent.id;
    expect((await admin.del(`/api/agents/${suzuki}/two-factor`)).body.twoFactor).toBe(false);
    expect((await agent.get('/api/conversations')).status).toBe(401); // signed out everywhere
  });

  it('turning it off needs the password', async () => {
    await admin.put('/api/settings/security', {
      requireTwoFactorFor: [],
      sso: { enabled: false, issuer: null, clientId: null },
    });
    expect((await admin.post('/api/me/two-factor/disable', { password: 'not it at all' })).body.code).toBe(
      'wrong_password',
    );
    expect((await admin.post('/api/me/two-factor/disable', { password: ADMIN.adminPassword })).status).toBe(204);
    expect((await admin.get(`/api/agents`)).body.items.find((a: any) => a.id === adminId).twoFactor).toBe(false);
  });
});
