import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, Client, dialects, freshDatabase, startKoe, type RunningKoe, type TestDatabase } from './harness';

describe.each(dialects)('setup, sign-in and roles (%s)', (dialect) => {
  let db: TestDatabase;
  let koe: RunningKoe;
  let admin: Client;

  beforeAll(async () => {
    db = await freshDatabase(dialect);
    koe = await startKoe(db, { env: { KOE_LOGIN_MAX_PER_MINUTE: '5' } });
    admin = new Client(koe.base);
  });
  afterAll(async () => {
    await koe.stop();
    await db.drop();
  });

  it('reports readiness and serves the OpenAPI document', async () => {
    const c = new Client(koe.base);
    expect(await c.get('/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    const spec = await c.get('/api/openapi.json');
    expect(spec.status).toBe(200);
    expect(spec.body.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/setup',
        '/api/auth/login',
        '/api/conversations',
        '/api/conversations/{id}/messages',
      ]),
    );
    // Every operation documents its answer (the contracts in src/contracts), not only its request.
    const operations = Object.entries(
      spec.body.paths as Record<string, Record<string, { responses?: object }>>,
    ).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        name: `${method} ${path}`,
        codes: Object.keys(op.responses ?? {}),
      })),
    );
    expect(operations.filter((o) => !o.codes.some((code) => /^[23]/.test(code))).map((o) => o.name)).toEqual([]);
    expect(operations.length).toBeGreaterThanOrEqual(80);
  });

  it('serves the API docs page and Prometheus metrics', async () => {
    const c = new Client(koe.base);
    const docs = await fetch(`${koe.base}/api/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
    await c.get('/healthz');
    const m = await fetch(`${koe.base}/metrics`);
    const text = await m.text();
    expect(text).toContain('koe_http_request_duration_seconds_bucket');
    expect(text).toMatch(/koe_jobs|koe_outbox/);
  });

  it('rejects an invalid setup with a clear 400 and creates nothing', async () => {
    const r = await admin.post('/api/setup', {
      workspaceName: '',
      adminEmail: 'not-an-email',
      adminPassword: 'short',
      adminName: 'x',
    });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    const paths = r.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.workspaceName', 'body.adminEmail', 'body.adminPassword']));
    expect((await admin.get('/api/setup')).body).toEqual({ needsSetup: true });
  });

  it('sets up once; later calls conflict', async () => {
    const r = await admin.post('/api/setup', ADMIN);
    expect(r.status).toBe(201);
    expect(r.body.agent).toMatchObject({ email: ADMIN.adminEmail, role: 'admin' });
    expect(r.body.agent.passwordHash).toBeUndefined();
    expect((await new Client(koe.base).post('/api/setup', { ...ADMIN, adminEmail: 'other@koe.example' })).status).toBe(
      409,
    );
    expect((await admin.get('/api/setup')).body).toEqual({ needsSetup: false });
  });

  it('signs in with an HttpOnly SameSite session and a readable CSRF cookie; wrong password is 401', async () => {
    const c = new Client(koe.base);
    expect((await c.post('/api/auth/login', { email: ADMIN.adminEmail, password: 'wrong-password!' })).status).toBe(
      401,
    );
    const r = await c.post('/api/auth/login', { email: ADMIN.adminEmail.toUpperCase(), password: ADMIN.adminPassword });
    expect(r.status).toBe(200);
    const setCookies = r.headers.getSetCookie().join('\n');
    expect(setCookies).toMatch(/koe_session=[^;]+;.*HttpOnly/i);
    expect(setCookies).toMatch(/koe_session=[^;]+;.*SameSite=Lax/i);
    expect(setCookies).toMatch(/koe_csrf=/);
    expect((await c.get('/api/me')).body.agent.email).toBe(ADMIN.adminEmail);
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    expect((await c.get('/api/me')).status).toBe(401);
  });

  it('answers 401 to signed-out clients and 403 to cookie writes without the CSRF header', async () => {
    expect((await new Client(koe.base).get('/api/conversations')).status).toBe(401);
    const r = await admin.post('/api/channels', { kind: 'webchat', name: 'x' }, { 'x-csrf-token': 'forged' });
    expect(r.status).toBe(403);
    expect((await admin.get('/api/channels')).body.items).toHaveLength(0);
  });

  it('lets an admin create agents, but not an agent', async () => {
    const created = await admin.post('/api/agents', {
      email: 'sato@koe.example',
      name: '佐藤',
      displayName: 'Koeマート サポート担当の佐藤です',
      password: 'agent-password-1',
      role: 'agent',
      level: 2,
      skills: ['billing', 'shipping'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ role: 'agent', level: 2, skills: ['billing', 'shipping'] });
    expect(
      (
        await admin.post('/api/agents', {
          email: 'sato@koe.example',
          name: 'dup',
          password: 'agent-password-1',
          role: 'agent',
          level: 1,
        })
      ).status,
    ).toBe(409);

    const agent = new Client(koe.base);
    expect(
      (await agent.post('/api/auth/login', { email: 'sato@koe.example', password: 'agent-password-1' })).status,
    ).toBe(200);
    const denied = await agent.post('/api/agents', {
      email: 'x@koe.example',
      name: 'x',
      password: 'agent-password-1',
      role: 'admin',
      level: 3,
    });
    expect(denied.status).toBe(403);
    expect((await agent.patch(`/api/agents/${created.body.id}`, { role: 'admin' })).status).toBe(403);
    expect((await agent.get('/api/audit')).status).toBe(403);
    expect((await admin.get('/api/agents')).body.items).toHaveLength(2);
  });

  it('keeps at least one active admin', async () => {
    const me = (await admin.get('/api/me')).body.agent;
    const r = await admin.patch(`/api/agents/${me.id}`, { role: 'agent' });
    expect(r.status).toBe(409);
  });

  it('accepts API tokens for machine clients without CSRF', async () => {
    const t = await admin.post('/api/tokens', { name: 'reporting' });
    expect(t.status).toBe(201);
    const machine = new Client(koe.base, t.body.token);
    expect((await machine.get('/api/conversations')).status).toBe(200);
    expect((await machine.post('/api/channels', { kind: 'webchat', name: 'API-made chat' })).status).toBe(201);
    expect((await new Client(koe.base, 'koe_invalid').get('/api/conversations')).status).toBe(401);
  });

  it('rate-limits repeated sign-in attempts with 429', async () => {
    const c = new Client(koe.base);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await c.post('/api/auth/login', { email: 'victim@koe.example', password: `guess-${i}` })).status);
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(statuses[6]).toBe(429);
  });

  it('audits sign-ins and agent changes', async () => {
    const items = (await admin.get('/api/audit?limit=200')).body.items as { action: string }[];
    const actions = new Set(items.map((i) => i.action));
    for (const a of [
      'workspace.created',
      'auth.login',
      'auth.login_failed',
      'agent.created',
      'api_token.created',
      'channel.created',
    ])
      expect(actions).toContain(a);
  });
});
