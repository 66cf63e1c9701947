import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import pino from 'pino';
import { BullJobQueue } from '../../../src/jobs/bullmq';
import { PermanentJobError, RetryLaterError } from '../../../src/jobs/queue';
import { migrateToLatest, openStore, type Store } from '../../../src/store/db';
import { freshDatabase, waitFor, type TestDatabase } from '../harness';

/**
 * Jobs on BullMQ with the `jobs` table as their durable record (src/jobs/bullmq.ts), against a real PostgreSQL and a
 * real Redis: what a job enqueued in a transaction does on commit and on rollback, several runners sharing the work,
 * retries, permanent failures, delays and dedupe keys, and a job Redis lost. A worker killed with SIGKILL is covered by
 * multi-process.test.ts, which runs the same runner in real processes.
 */
const PG = process.env.KOE_TEST_PG_URL;
const REDIS = process.env.KOE_TEST_REDIS_URL;
const runs = PG && REDIS && (!process.env.KOE_TEST_DIALECTS || process.env.KOE_TEST_DIALECTS.includes('postgres'));
if (!runs) console.log('scale/bullmq: skipped (set KOE_TEST_PG_URL and KOE_TEST_REDIS_URL)');

const log = pino({ level: 'silent' });

describe.skipIf(!runs)('jobs on BullMQ, recorded in PostgreSQL', () => {
  let db: TestDatabase;
  let store: Store;
  const prefix = `koe-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}:`;
  const queues: BullJobQueue[] = [];
  const make = (o: { work?: boolean; staleMs?: number; store?: Store; firstKinds?: string[] } = {}) => {
    const q = new BullJobQueue((o.store ?? store).db, log, {
      redisUrl: REDIS!,
      redisPrefix: prefix,
      databaseUrl: db.url!,
      lockMs: 3_000,
      work: o.work ?? true,
      concurrency: 4,
      sweepMs: 100,
      staleMs: o.staleMs,
      firstKinds: o.firstKinds,
    });
    queues.push(q);
    return q;
  };
  const row = (id: string) => store.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    db = await freshDatabase('postgres');
    store = openStore({ databaseUrl: db.url, dataDir: db.dataDir });
    await migrateToLatest(store.db);
  });
  afterAll(async () => {
    await Promise.all(queues.map((q) => q.stop()));
    const redis = new Redis(REDIS!);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    await store?.close();
    await db?.drop();
  });

  it('runs a job enqueued in a transaction once it commits, and never one whose transaction rolled back', async () => {
    const q = make();
    const ran: string[] = [];
    q.register<{ what: string }>('note', async ({ what }) => {
      ran.push(what);
    });
    q.start();
    let heldId = '';
    await store.db.transaction().execute(async (tx) => {
      heldId = await q.enqueue('note', { what: 'committed' }, {}, tx);
      // Not visible to any runner while the transaction is open.
      await new Promise((r) => setTimeout(r, 300));
      expect(ran).toEqual([]);
    });
    await waitFor(async () => ran.includes('committed'), 5_000);
    await expect(
      store.db.transaction().execute(async (tx) => {
        await q.enqueue('note', { what: 'rolled back' }, {}, tx);
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    await q.enqueue('note', { what: 'after' });
    await waitFor(async () => ran.includes('after'), 5_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(ran).toEqual(['committed', 'after']);
    expect((await row(heldId)).status).toBe('done');
    await q.stop();
  });

  it('shares 400 jobs between two runners and a web process that only hands them over, each run once', async () => {
    const web = make({ work: false });
    const stores = [
      openStore({ databaseUrl: db.url, dataDir: db.dataDir }),
      openStore({ databaseUrl: db.url, dataDir: db.dataDir }),
    ];
    const runners = stores.map((s) => make({ store: s }));
    const ran = new Map<number, number>();
    const by = [0, 0];
    runners.forEach((r, i) =>
      r.register<{ n: number }>('count', async ({ n }) => {
        ran.set(n, (ran.get(n) ?? 0) + 1);
        by[i]++;
        await new Promise((res) => setTimeout(res, Math.random() * 5));
      }),
    );
    web.register('count', async () => {
      throw new Error('a web process runs no job');
    });
    for (const r of [web, ...runners]) r.start();
    const total = 400;
    for (let i = 0; i < total; i += 50)
      await store.db.transaction().execute(async (tx) => {
        for (let k = 0; k < 50; k++) await web.enqueue('count', { n: i + k }, {}, tx);
      });
    await waitFor(async () => ran.size === total, 30_000);
    await runners[0].drain(10_000);
    expect([...ran.values()].filter((n) => n !== 1)).toEqual([]);
    expect(by[0]).toBeGreaterThan(0);
    expect(by[1]).toBeGreaterThan(0);
    for (const r of [web, ...runners]) await r.stop();
    await Promise.all(stores.map((s) => s.close()));
  }, 60_000);

  it('retries after a Retry-After, fails for good on a permanent error, and keeps the attempt count', async () => {
    const q = make();
    const attempts: number[] = [];
    q.register('flaky', async (_p, ctx) => {
      attempts.push(ctx.attempt);
      if (ctx.attempt < 3) throw new RetryLaterError('busy', 200);
    });
    q.register('doomed', async () => {
      throw new PermanentJobError('cannot');
    });
    q.start();
    const flaky = await q.enqueue('flaky', {}, { maxAttempts: 5 });
    const doomed = await q.enqueue('doomed', {}, { maxAttempts: 5 });
    await waitFor(async () => (await row(flaky)).status === 'done', 10_000);
    expect(attempts).toEqual([1, 2, 3]);
    await waitFor(async () => (await row(doomed)).status === 'failed', 5_000);
    expect(await row(doomed)).toMatchObject({ attempts: 1, last_error: 'cannot' });
    await q.stop();
  }, 20_000);

  it('runs a delayed job when due, and a dedupe key keeps the job that runs sooner', async () => {
    const q = make();
    const seen: Array<{ v: number; at: number }> = [];
    q.register<{ v: number }>('check', async ({ v }) => {
      seen.push({ v, at: Date.now() });
    });
    q.start();
    const started = Date.now();
    const first = await q.enqueue('check', { v: 1 }, { delayMs: 600, dedupeKey: 'clock-1' });
    const second = await q.enqueue('check', { v: 2 }, { delayMs: 5_000, dedupeKey: 'clock-1' });
    expect(second).toBe(first);
    await waitFor(async () => seen.length > 0, 5_000);
    expect(seen[0].v).toBe(1);
    expect(seen[0].at - started).toBeGreaterThanOrEqual(550);
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toHaveLength(1);
    await q.stop();
  }, 10_000);

  it('delivers the kinds that go first ahead of a backlog of others', async () => {
    const giver = make({ work: false, firstKinds: ['reply'] });
    // The runner starts after the backlog is handed over, with one slot: BullMQ alone decides the order.
    const order: string[] = [];
    giver.start();
    for (let i = 0; i < 30; i++) await giver.enqueue('bulk', { i });
    await giver.enqueue('reply', {});
    await waitFor(async () => {
      const r = await store.db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('name', 'in', ['bulk', 'reply'])
        .where('forwarded_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(r.n) === 0;
    }, 5_000);
    const runner = new BullJobQueue(store.db, log, {
      redisUrl: REDIS!,
      redisPrefix: prefix,
      databaseUrl: db.url!,
      lockMs: 3_000,
      work: true,
      concurrency: 1,
      sweepMs: 100,
      firstKinds: ['reply'],
    });
    queues.push(runner);
    runner.register('bulk', async () => {
      order.push('bulk');
    });
    runner.register('reply', async () => {
      order.push('reply');
    });
    runner.start();
    await waitFor(async () => order.length === 31, 10_000);
    expect(order[0]).toBe('reply');
    await giver.stop();
    await runner.stop();
  }, 20_000);

  it('hands over again a job Redis lost, once it has been handed over for longer than the stale period', async () => {
    const giver = make({ work: false, staleMs: 500 });
    giver.start();
    const id = await giver.enqueue('lost', { x: 1 });
    await waitFor(async () => (await row(id)).forwarded_at !== null, 5_000);
    // Redis loses everything it held for this desk's jobs (a restart without persistence).
    const redis = new Redis(REDIS!);
    const keys = await redis.keys(`${prefix}bull:*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.del(...keys);
    await redis.quit();
    const ran: number[] = [];
    const worker = make({ staleMs: 500 });
    worker.register<{ x: number }>('lost', async ({ x }) => {
      ran.push(x);
    });
    worker.start();
    await waitFor(async () => ran.length === 1, 10_000);
    expect((await row(id)).status).toBe('done');
    await giver.stop();
    await worker.stop();
  }, 20_000);
});
