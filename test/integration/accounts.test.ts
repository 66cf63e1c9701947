import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailRelay } from './mail-relay';
import {
  ADMIN,
  Client,
  dialects,
  freshDatabase,
  seededDesk,
  startKoe,
  waitFor,
  type RunningKoe,
  type TestDatabase,
} from './harness';

const PUBLIC_URL = 'https://desk.example.com';
const tokenOf = (url: string) => url.split('/').pop()!;

/** Issue 12 item 11: invitations by link, password resets, and sessions that end when a password changes. */
describe.each(dialects)('agent accounts: invitations, resets, password changes (%s)', (dialect) => {
  let db: TestDatabase;
  let koe: RunningKoe;
  let admin: Client;
  let relay: Awaited<ReturnType<typeof mailRelay>>;

  beforeAll(async () => {
    relay = await mailRelay();
    db = await freshDatabase(dialect);
    koe = await startKoe(db, {
      env: { KOE_SMTP_URL: `smtp://127.0.0.1:${relay.port}`, KOE_PUBLIC_URL: PUBLIC_URL },
    });
    admin = (await seededDesk(koe.base)).admin;
  });
  afterAll(async () => {
    await koe.stop();
    await db.drop();
    await relay.close();
  });

  const login = async (email: string, password: string) => {
    const c = new Client(koe.base);
    return { client: c, res: await c.post('/api/auth/login', { email, password }) };
  };

  it('invites an agent by email; the link sets their password once, and they sign in', async () => {
    const invited = await admin.post('/api/agents/invitations', {
      email: 'new.agent@koe.example',
      name: '新人 太郎',
      role: 'agent',
      level: 1,
    });
    expect(invited.status).toBe(201);
    expect(invited.body.agent).toMatchObject({ email: 'new.agent@koe.example', invitationPending: true });
    expect(invited.body.link.emailed).toBe(true);
    expect(invited.body.link.url).toMatch(new RegExp(`^${PUBLIC_URL}/invite/[A-Za-z0-9_-]{40,}$`));
    const mail = await waitFor(async () => relay.received.find((m) => m.to.includes('new.agent@koe.example')));
    expect(mail.mail.subject).toBe(`Koe「${ADMIN.workspaceName}」への招待`);
    expect(mail.mail.text).toContain(invited.body.link.url);
    // Before joining nobody can sign in as them.
    expect((await login('new.agent@koe.example', '')).res.status).toBe(400);
    expect((await login('new.agent@koe.example', 'anything-at-all-1')).res.status).toBe(401);

    const token = tokenOf(invited.body.link.url);
    const anyone = new Client(koe.base);
    expect((await anyone.get(`/api/auth/links/${token}`)).body).toMatchObject({
      kind: 'invitation',
      email: 'new.agent@koe.example',
      name: '新人 太郎',
      workspaceName: ADMIN.workspaceName,
    });
    const weak = await anyone.post(`/api/auth/links/${token}`, { password: 'password123' });
    expect(weak.status).toBe(400);
    expect(weak.body.code).toBe('weak_password');
    const set = await anyone.post(`/api/auth/links/${token}`, { password: 'kinmokusei-autumn-42' });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ email: 'new.agent@koe.example' });
    const again = await anyone.post(`/api/auth/links/${token}`, { password: 'another-long-pass-99' });
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('link_used');
    expect((await anyone.get(`/api/auth/links/${token}`)).body.code).toBe('link_used');

    expect((await login('new.agent@koe.example', 'kinmokusei-autumn-42')).res.status).toBe(200);
    const listed = ((await admin.get('/api/agents')).body.items as any[]).find(
      (a) => a.email === 'new.agent@koe.example',
    );
    expect(listed.invitationPending).toBe(false);
    const actions = ((await admin.get('/api/audit?limit=50')).body.items as any[]).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.invitation_created', 'auth.invitation_accepted']));
    expect((await anyone.get('/api/auth/links/not-a-real-token-at-all')).body.code).toBe('link_invalid');
  });

  it('a reset link ends every session of the agent; the old password stops working', async () => {
    const email = 'new.agent@koe.example';
    const a = await login(email, 'kinmokusei-autumn-42');
    const b = await login(email, 'kinmokusei-autumn-42');
    expect((await a.client.get('/api/me')).status).toBe(200);
    const agentId = (await a.client.get('/api/me')).body.agent.id;
    const made = await admin.post(`/api/agents/${agentId}/account-link`, {});
    expect(made.status).toBe(201);
    expect(made.body.kind).toBe('password_reset');
    expect(made.body.link.url).toContain('/reset-password/');
    const set = await new Client(koe.base).post(`/api/auth/links/${tokenOf(made.body.link.url)}`, {
      password: 'hanamizuki-spring-77',
    });
    expect(set.status).toBe(200);
    expect((await a.client.get('/api/me')).status).toBe(401);
    expect((await b.client.get('/api/me')).status).toBe(401);
    expect((await login(email, 'kinmokusei-autumn-42')).res.status).toBe(401);
    expect((await login(email, 'hanamizuki-spring-77')).res.status).toBe(200);
  });

  it('emails a reset link on request without saying whether the address exists; old and expired links fail', async () => {
    const before = relay.received.length;
    const unknown = await new Client(koe.base).post('/api/auth/password-reset', { email: 'nobody@koe.example' });
    const known = await new Client(koe.base).post('/api/auth/password-reset', { email: 'new.agent@koe.example' });
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    const mail = await waitFor(async () =>
      relay.received.slice(before).find((m) => m.to.includes('new.agent@koe.example')),
    );
    expect(relay.received.slice(before).some((m) => m.to.includes('nobody@koe.example'))).toBe(false);
    expect(mail.mail.subject).toBe('Koe パスワードの再設定');
    const url = /https:\/\/desk\.example\.com\/reset-password\/[A-Za-z0-9_-]+/.exec(mail.mail.text ?? '')![0];
    // A newer link retires the older one; an expired link is refused with its own reason.
    const second = await new Client(koe.base).post('/api/auth/password-reset', { email: 'new.agent@koe.example' });
    expect(second.status).toBe(202);
    await waitFor(async () => relay.received.filter((m) => m.to.includes('new.agent@koe.example')).length >= 4);
    expect((await new Client(koe.base).get(`/api/auth/links/${tokenOf(url)}`)).body.code).toBe('link_used');
    const latest = relay.received.filter((m) => m.to.includes('new.agent@koe.example')).at(-1)!;
    const latestUrl = /https:\/\/desk\.example\.com\/reset-password\/[A-Za-z0-9_-]+/.exec(latest.mail.text ?? '')![0];
    await koe.koe.db.updateTable('account_tokens').set({ expires_at: '2020-01-01T00:00:00.000Z' }).execute();
    expect((await new Client(koe.base).get(`/api/auth/links/${tokenOf(latestUrl)}`)).body.code).toBe('link_expired');
  });

  it('changing your password needs the current one and signs out your other browsers, not this one', async () => {
    const email = 'new.agent@koe.example';
    const here = await login(email, 'hanamizuki-spring-77');
    const elsewhere = await login(email, 'hanamizuki-spring-77');
    const wrong = await here.client.post('/api/me/password', {
      currentPassword: 'not-my-password',
      newPassword: 'ajisai-rainy-june-12',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('wrong_password');
    const ok = await here.client.post('/api/me/password', {
      currentPassword: 'hanamizuki-spring-77',
      newPassword: 'ajisai-rainy-june-12',
    });
    expect(ok.status).toBe(204);
    expect((await here.client.get('/api/me')).status).toBe(200);
    expect((await elsewhere.client.get('/api/me')).status).toBe(401);
    expect((await login(email, 'ajisai-rainy-june-12')).res.status).toBe(200);
  });

  it('only admins invite or make links', async () => {
    const agent = await login('new.agent@koe.example', 'ajisai-rainy-june-12');
    const r = await agent.client.post('/api/agents/invitations', {
      email: 'x@koe.example',
      name: 'x',
      role: 'agent',
      level: 1,
    });
    expect(r.status).toBe(403);
    const dup = await admin.post('/api/agents/invitations', {
      email: 'new.agent@koe.example',
      name: 'x',
      role: 'agent',
      level: 1,
    });
    expect(dup.status).toBe(409);
  });
});
