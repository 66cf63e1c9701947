import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasRole, type Role } from '../../../src/domain/permissions';
import type { RouteEntry } from '../../../src/server/route-table';
import { totpCode } from '../../../src/security/totp';
import { Client, dialects, openDesk, type OpenDesk } from '../harness';

/**
 * Every route the server registers × every kind of caller, generated from the route table: a route added later is
 * covered without being listed here. Guarded routes must refuse the anonymous (401) and the too-junior (403) and must
 * not refuse a caller who has the role; no caller may ever cause a 5xx.
 */
type Caller = { name: string; client: Client; role: Role | null; expect?: 'unauthenticated' | 'setup_only' };
const SETUP_ROUTES = ['/api/me', '/api/me/two-factor', '/api/me/two-factor/setup', '/api/me/two-factor/confirm'];

const PUBLIC_ROUTES = new Set([
  'GET /healthz',
  // Readiness for load balancers: says only which dependency is down (no addresses, versions or errors).
  'GET /readyz',
  'GET /metrics',
  'GET /api/openapi.json',
  'GET /api/setup',
  'POST /api/setup',
  'GET /api/auth/options',
  'POST /api/auth/login',
  'POST /api/auth/login/two-factor',
  'POST /api/auth/logout',
  'GET /api/auth/sso/start',
  'GET /api/auth/sso/callback',
  // Account links carry their own long random token; the reset request answers the same for every address.
  'GET /api/auth/links/:token',
  'POST /api/auth/links/:token',
  'POST /api/auth/password-reset',
  // A customer's survey page: the token in the address (survey id + HMAC) is its only key.
  'GET /rate/:token',
  'POST /rate/:token',
  // The public help center: published articles only, 404 while a workspace's help center is off.
  'GET /help/:slug',
  'GET /help/:slug/:lang',
  'GET /help/:slug/:lang/categories/:category',
  'GET /help/:slug/:lang/articles/:id',
  'GET /help/:slug/:lang/search',
  'GET /help/:slug/sitemap.xml',
  'GET /robots.txt',
]);
const concrete = (url: string) =>
  url.replace(/:publicKey/g, 'no-such-key').replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');

/** Status only; event streams answer at once with their headers and are then closed. */
async function hit(c: Client, method: string, url: string): Promise<{ status: number; code?: string }> {
  const ctrl = new AbortController();
  const res = await c.raw(method, url, method === 'GET' || method === 'DELETE' ? undefined : {}, ctrl.signal);
  let code: string | undefined;
  if ((res.headers.get('content-type') ?? '').includes('event-stream')) ctrl.abort();
  else {
    try {
      code = (JSON.parse(await res.text()) as { code?: string }).code;
    } catch {
      /* not JSON */
    }
  }
  return { status: res.status, code };
}

describe.each(dialects)('route × role × authentication matrix (%s)', (dialect) => {
  let desk: OpenDesk;
  let callers: Caller[];
  let routes: RouteEntry[];

  beforeAll(async () => {
    desk = await openDesk(dialect);
    const base = desk.koe.base;
    const make = async (email: string, role: Role) => {
      expect(
        (
          await desk.admin.post('/api/agents', {
            email,
            name: email.split('@')[0],
            password: 'matrix passphrase 2026 kettle',
            role,
            level: 2,
          })
        ).status,
      ).toBe(201);
      const c = new Client(base);
      expect((await c.post('/api/auth/login', { email, password: 'matrix passphrase 2026 kettle' })).status).toBe(200);
      return c;
    };
    const agent = await make('agent@koe.example', 'agent');
    const supervisor = await make('supervisor@koe.example', 'supervisor');
    const gone = await make('gone@koe.example', 'agent');
    const goneId = (await gone.get('/api/me')).body.agent.id;
    // A signed-in agent whose account is then deactivated; their session cookie stays in the browser.
    const deactivated = new Client(base);
    expect(
      (
        await deactivated.post('/api/auth/login', {
          email: 'gone@koe.example',
          password: 'matrix passphrase 2026 kettle',
        })
      ).status,
    ).toBe(200);
    expect((await desk.admin.patch(`/api/agents/${goneId}`, { active: false })).status).toBe(200);
    const token = (await desk.admin.post('/api/tokens', { name: 'matrix' })).body.token as string;
    const revokedToken = 'koe_' + 'x'.repeat(40);
    // A supervisor whose workspace requires two-factor sign-in they have not set up yet.
    const pending = await make('pending@koe.example', 'supervisor');
    const adminWith2fa = await make('admin2fa@koe.example', 'admin');
    for (const c of [adminWith2fa, supervisor]) {
      const secret = (await c.post('/api/me/two-factor/setup')).body.secret;
      expect((await c.post('/api/me/two-factor/confirm', { code: totpCode(secret) })).status).toBe(200);
    }
    expect(
      (
        await desk.admin.put('/api/settings/security', {
          requireTwoFactorFor: ['supervisor'],
          sso: { enabled: false, issuer: null, clientId: null },
        })
      ).status,
    ).toBe(200);
    callers = [
      { name: 'anonymous', client: new Client(base), role: null, expect: 'unauthenticated' },
      { name: 'agent (session)', client: agent, role: 'agent' },
      { name: 'supervisor with two-factor (session)', client: supervisor, role: 'supervisor' },
      { name: 'admin (session)', client: desk.admin, role: 'admin' },
      { name: 'admin with two-factor (session)', client: adminWith2fa, role: 'admin' },
      { name: 'admin (API token)', client: new Client(base, token), role: 'admin' },
      { name: 'deactivated agent (session)', client: deactivated, role: null, expect: 'unauthenticated' },
      { name: 'revoked token', client: new Client(base, revokedToken), role: null, expect: 'unauthenticated' },
      {
        name: 'supervisor without required two-factor (session)',
        client: pending,
        role: 'supervisor',
        expect: 'setup_only',
      },
    ];
    routes = desk.koe.app.routeTable.filter(
      (r) =>
        r.url.startsWith('/api/') ||
        r.url.startsWith('/rate/') ||
        r.url.startsWith('/help/') ||
        ['/healthz', '/metrics', '/robots.txt'].includes(r.url),
    );
  });
  afterAll(() => desk.close());

  it('lists every unguarded API route as deliberately public (widget routes authenticate by visitor token)', () => {
    const unguarded = routes
      .filter((r) => r.role === null && !r.url.startsWith('/api/widget/') && !r.url.startsWith('/api/docs'))
      .map((r) => `${r.method} ${r.url}`);
    expect(unguarded.filter((r) => !PUBLIC_ROUTES.has(r))).toEqual([]);
  });

  it('refuses and admits exactly by role, for every caller, with no 5xx', async () => {
    const wrong: string[] = [];
    let requests = 0;
    for (const route of routes) {
      if (route.url === '/api/auth/logout' || route.url.startsWith('/api/docs')) continue; // logout would end the callers' sessions
      for (const caller of callers) {
        const { status, code } = await hit(caller.client, route.method, concrete(route.url));
        requests++;
        const label = `${route.method} ${route.url} as ${caller.name} → ${status}${code ? ` ${code}` : ''}`;
        if (status >= 500) {
          wrong.push(label);
          continue;
        }
        if (route.role === null) {
          if (caller.name === 'revoked token' ? status !== 401 : status === 403) wrong.push(label);
          continue;
        }
        if (caller.expect === 'unauthenticated') {
          if (status !== 401) wrong.push(label);
          continue;
        }
        if (!hasRole(caller.role!, route.role)) {
          if (status !== 403) wrong.push(label);
          continue;
        }
        if (caller.expect === 'setup_only' && !SETUP_ROUTES.includes(route.url)) {
          if (status !== 403 || code !== 'two_factor_setup_required') wrong.push(label);
          continue;
        }
        if (status === 401 || status === 403) wrong.push(label);
      }
    }
    expect(wrong).toEqual([]);
    expect(requests).toBeGreaterThan(500);
    console.log(
      `matrix ${dialect}: ${routes.length} routes × ${callers.length} callers = ${requests} requests, 0 wrongful`,
    );
  }, 120_000);
});
