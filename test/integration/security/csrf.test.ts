import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEntry } from '../../../src/server/route-table';
import { Client, dialects, openDesk, type OpenDesk } from '../harness';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, 'x0000000000000000000000000').replace(/\*$/, 'anything');

/** The same path written the ways a router decodes to it: a percent-encoded letter in the first and second place. */
function spellings(path: string): string[] {
  const enc = (c: string) => `%${c.charCodeAt(0).toString(16)}`;
  const [, first, ...rest] = path.split('/');
  return [
    path,
    `/${enc(first[0])}${first.slice(1)}/${rest.join('/')}`,
    `/${first.slice(0, -1)}${enc(first.at(-1)!)}/${rest.join('/')}`,
  ];
}

describe.each(dialects)('CSRF on every unsafe cookie-authenticated route (%s)', (dialect) => {
  let desk: OpenDesk;
  let routes: RouteEntry[];
  beforeAll(async () => {
    desk = await openDesk(dialect);
    routes = desk.koe.app.routeTable.filter((r) => UNSAFE.has(r.method));
  });
  afterAll(() => desk.close());

  it('covers the routes that matter (the table is complete)', () => {
    const urls = routes.map((r) => `${r.method} ${r.url}`);
    for (const must of [
      'POST /api/tokens',
      'POST /api/agents',
      'PUT /api/triage/phrases',
      'PATCH /api/conversations/:id',
      'POST /api/channels',
    ]) {
      expect(urls.some((u) => u === must || u.startsWith(must.split(' ')[0] + ' ' + must.split(' ')[1]))).toBe(true);
    }
    expect(routes.filter((r) => r.csrf).length).toBeGreaterThan(30);
  });

  it('refuses a session cookie without the CSRF token on every route, however the path is spelled', async () => {
    const tokensBefore = await desk.koe.koe.db.selectFrom('api_tokens').select('id').execute();
    const agentsBefore = await desk.koe.koe.db.selectFrom('agents').select('id').execute();
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.csrf)) {
      for (const path of spellings(concrete(route.url))) {
        for (const header of [undefined, 'wrong-token']) {
          const res = await desk.admin.req(
            route.method,
            path,
            {
              name: 'csrf-probe',
              email: 'csrf@koe.example',
              password: 'Very-long passphrase 2026',
              role: 'admin',
              level: 3,
            },
            header === undefined ? { 'x-csrf-token': '' } : { 'x-csrf-token': header },
          );
          if (res.status !== 403) failures.push(`${route.method} ${path} (${header ?? 'no token'}) → ${res.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await desk.koe.koe.db.selectFrom('api_tokens').select('id').execute()).toEqual(tokensBefore);
    expect(await desk.koe.koe.db.selectFrom('agents').select('id').execute()).toEqual(agentsBefore);
  });

  it('still accepts the token, and exempts only routes that never act on the session', async () => {
    const ok = await desk.admin.post('/%61pi/tokens', { name: 'with the token' });
    expect(ok.status).toBe(201);
    const exempt = routes.filter((r) => !r.csrf).map((r) => r.url);
    expect(exempt.length).toBeGreaterThan(0);
    // Platforms' webhooks, the chat widget (visitor token) and a customer's survey page (token in the address).
    for (const url of exempt)
      expect(url.startsWith('/webhooks/') || url.startsWith('/api/widget/') || url.startsWith('/rate/'), url).toBe(
        true,
      );
    // A bearer token is not ambient authority, so it needs no CSRF token.
    const bearer = new Client(desk.koe.base, ok.body.token);
    expect((await bearer.post('/api/tokens', { name: 'by token' })).status).toBe(201);
  });
});
