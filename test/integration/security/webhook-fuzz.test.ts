import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../harness';
import { openPlatformDesk, samplePayload, type Platform, type PlatformDesk } from './platform-desk';

/**
 * What a careless (or compromised) platform can send with a valid signature: the documented payload with some values
 * replaced by other JSON — ids as objects or arrays, null events, numbers no Date can hold, NUL in text, non-array
 * lists — or cut short. Whatever arrives, Koe must answer below 500 (platforms redeliver 5xx and disable failing
 * webhooks) and nothing it acknowledges may fail in a job.
 */
const RUNS = Number(process.env.KOE_FUZZ_RUNS ?? 1000);

type Path = (string | number)[];
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

function setAt(root: unknown, path: Path, replacement: unknown, op: 'replace' | 'delete' | 'wrap'): unknown {
  if (path.length === 0) return op === 'wrap' ? [root] : op === 'delete' ? {} : replacement;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (op === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (op === 'wrap') parent[last] = [parent[last]];
  else parent[last] = replacement;
  return copy;
}

const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    null,
    {},
    [],
    [null],
    { $ne: null },
    1e20,
    -1e20,
    -1,
    0,
    2 ** 63,
    '',
    '\u0000',
    'a\u0000b',
    '\uD800',
    '9'.repeat(40),
    true,
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
);

const mutation = fc.record({
  seed: fc.nat(),
  edits: fc.array(
    fc.record({
      at: fc.nat(),
      op: fc.constantFrom('replace', 'replace', 'replace', 'delete', 'wrap') as fc.Arbitrary<
        'replace' | 'delete' | 'wrap'
      >,
      value: nasty,
    }),
    { minLength: 0, maxLength: 3 },
  ),
  truncate: fc.option(fc.nat(), { freq: 8 }),
});

describe.each(dialects)('signed webhook fuzzing (%s)', (dialect) => {
  let desk: PlatformDesk;
  beforeAll(async () => {
    desk = await openPlatformDesk(dialect);
  });
  afterAll(() => desk.close());

  it.each(['line', 'facebook', 'instagram', 'x'] as Platform[])(
    `%s: ${RUNS} mutated signed payloads, no 5xx, nothing acknowledged then failing`,
    async (platform) => {
      const statuses = new Map<number, number>();
      let n = 0;
      await fc.assert(
        fc.asyncProperty(mutation, async ({ seed, edits, truncate }) => {
          let body: unknown = samplePayload(platform, 100_000 + n++);
          for (const e of edits) {
            const paths = pathsOf(body);
            body = setAt(body, paths[(e.at + seed) % paths.length], e.value, e.op);
          }
          let raw = JSON.stringify(body) ?? 'null';
          if (truncate !== null) raw = raw.slice(0, truncate % (raw.length + 1));
          const res = await desk.deliver(platform, raw);
          await res.arrayBuffer();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          return res.status < 500;
        }),
        { numRuns: RUNS },
      );
      await desk.koe.koe.jobs.drain(60_000);

      const channelId = desk.channels[platform].id;
      const db = desk.koe.koe.db;
      // Every acknowledged event was either processed or parked at the edge with a reason; none failed in its job.
      const stuck = await db
        .selectFrom('inbound_events')
        .select(['external_id', 'status', 'error'])
        .where('channel_id', '=', channelId)
        .where((eb) =>
          eb.or([eb('status', '=', 'received'), eb.and([eb('status', '=', 'failed'), eb('kind', '!=', 'rejected')])]),
        )
        .execute();
      expect(stuck).toEqual([]);
      const retried = await db
        .selectFrom('jobs')
        .select(['name', 'last_error'])
        .where('name', '=', 'inbound.process')
        .where('last_error', 'is not', null)
        .execute();
      expect(retried).toEqual([]);
      const counts = await db
        .selectFrom('inbound_events')
        .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
        .where('channel_id', '=', channelId)
        .groupBy('kind')
        .execute();
      // The fuzzing reached both paths: events recorded and processed, and events parked with a reason.
      expect(Object.fromEntries(counts.map((c) => [c.kind, Number(c.n)]))).toMatchObject({
        message: expect.any(Number),
        rejected: expect.any(Number),
      });
      expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
      console.log(
        `fuzz ${dialect} ${platform}: ${RUNS} deliveries, statuses ${JSON.stringify(Object.fromEntries(statuses))}, stored ${JSON.stringify(Object.fromEntries(counts.map((c) => [c.kind, Number(c.n)])))}`,
      );
    },
    300_000,
  );

  it(`public endpoints: ${RUNS} random requests (widget, sign-in, set-up, platform handshakes), no 5xx`, async () => {
    const key = desk.channel.publicKey as string;
    const targets = [
      ['POST', `/api/widget/${key}/session`],
      ['POST', `/api/widget/${key}/messages`],
      ['GET', `/api/widget/${key}/messages`],
      ['POST', '/api/widget/no-such-key/messages'],
      ['POST', '/api/auth/login'],
      ['POST', '/api/auth/login/two-factor'],
      ['POST', '/api/setup'],
      ['GET', '/api/auth/options'],
      ['GET', `/webhooks/facebook/${desk.channels.facebook.id}`],
      ['GET', `/webhooks/x/${desk.channels.x.id}`],
    ] as const;
    const query = fc.dictionary(
      fc.constantFrom('visitorToken', 'crc_token', 'hub.mode', 'hub.verify_token', 'hub.challenge', 'limit', 'x'),
      fc.oneof(
        fc.string({ unit: 'binary', maxLength: 60 }),
        fc.constantFrom('subscribe', 'verify', '\u0000', '%00', 'a'.repeat(300)),
      ),
      { maxKeys: 4 },
    );
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record(
        {
          visitorToken: fc.oneof(fc.string({ maxLength: 40 }), fc.constant('t'.repeat(20)), nasty),
          clientMessageId: fc.oneof(fc.string({ maxLength: 40 }), nasty),
          text: fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), nasty),
          name: nasty,
        },
        { requiredKeys: [] },
      ),
      fc.record(
        {
          email: fc.oneof(fc.emailAddress(), nasty),
          password: fc.oneof(fc.string({ maxLength: 300 }), nasty),
          challenge: nasty,
          code: nasty,
        },
        { requiredKeys: [] },
      ),
    );
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.nat(targets.length - 1), query, body, fc.boolean(), async (t, q, b, rawText) => {
        const [method, path] = targets[t];
        const qs = new URLSearchParams(q as Record<string, string>).toString();
        const res = await fetch(`${desk.koe.base}${path}${qs ? `?${qs}` : ''}`, {
          method,
          ...(method === 'POST'
            ? {
                headers: { 'content-type': 'application/json' },
                body: rawText ? JSON.stringify(b).slice(0, 50) : JSON.stringify(b),
              }
            : {}),
        });
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        return res.status < 500;
      }),
      { numRuns: RUNS },
    );
    await desk.koe.koe.jobs.drain(60_000);
    const retried = await desk.koe.koe.db
      .selectFrom('jobs')
      .select(['name', 'last_error'])
      .where('last_error', 'is not', null)
      .execute();
    expect(retried).toEqual([]);
    console.log(
      `fuzz ${dialect} public endpoints: ${RUNS} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
  }, 300_000);
});
