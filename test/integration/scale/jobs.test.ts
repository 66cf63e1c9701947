import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { EmbeddedJobQueue } from '../../../src/jobs/embedded';
import { migrateToLatest, openStore, type Store } from '../../../src/store/db';
import { freshDatabase, type TestDatabase } from '../harness';

/**
 * Several job runners on one PostgreSQL job table (what several worker processes are): every job runs exactly once.
 * What a SIGKILLed worker leaves is covered by multi-process.test.ts.
 */
const PG = process.env.KOE_TEST_PG_URL;
const runs = PG && (!process.env.KOE_TEST_DIALECTS || process.env.KOE_TEST_DIALECTS.includes('postgres'));
if (!runs) console.log('scale/jobs: skipped (set KOE_TEST_PG_URL to a PostgreSQL server)');

describe.skipIf(!runs)('job runners sharing a PostgreSQL table', () => {
  let db: TestDatabase;
  const stores: Store[] = [];
  beforeAll(async () => {
    db = await freshDatabase('postgres');
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await db.drop();
  });

  it('runs each of 600 jobs exactly once across three runners, each with its own connection pool', async () => {
    const log = pino({ level: 'silent' });
    const ran = new Map<number, string[]>();
    const runners = ['a', 'b', 'c'].map((name) => {
      const store = openStore({ databaseUrl: db.url, dataDir: db.dataDir });
      stores.push(store);
      const q = new EmbeddedJobQueue(store.db, log, { concurrency: 4, pollMs: 20 });
      q.register<{ n: number }>('count', async ({ n }) => {
        ran.set(n, [...(ran.get(n) ?? []), name]);
        await new Promise((r) => setTimeout(r, Math.random() * 4));
      });
      return { name, q, store };
    });
    await migrateToLatest(stores[0].db);
    const total = 600;
    for (let i = 0; i < total; i += 100)
      await Promise.all(Array.from({ length: 100 }, (_, k) => runners[0].q.enqueue('count', { n: i + k })));
    const started = Date.now();
    for (const r of runners) r.q.start();
    await runners[0].q.drain(60_000);
    const seconds = (Date.now() - started) / 1000;
    await Promise.all(runners.map((r) => r.q.stop()));
    const twice = [...ran].filter(([, by]) => by.length > 1);
    expect(twice).toEqual([]);
    expect(ran.size).toBe(total);
    const share = Object.fromEntries(
      runners.map((r) => [r.name, [...ran.values()].filter((b) => b[0] === r.name).length]),
    );
    for (const r of runners) expect(share[r.name]).toBeGreaterThan(0);
    console.log(
      `scale/jobs: ${total} jobs, 3 runners × 4 slots, ${(total / seconds).toFixed(0)} jobs/s, by runner ${JSON.stringify(share)}`,
    );
  }, 90_000);

  it('runs a job enqueued inside a transaction soon after the commit, not at the next poll', async () => {
    const store = openStore({ databaseUrl: db.url, dataDir: db.dataDir });
    stores.push(store);
    await migrateToLatest(store.db);
    // A poll far away: only a wake can start the job in time. The transaction commits 20 ms after the enqueue, i.e.
    // after the immediate wake (the next tick) has looked and found nothing committed.
    const q = new EmbeddedJobQueue(store.db, pino({ level: 'silent' }), { pollMs: 5_000 });
    let ranAt = 0;
    q.register('after-commit', async () => {
      ranAt = Date.now();
    });
    q.start();
    await new Promise((r) => setTimeout(r, 100)); // the runner has looked once and sleeps
    const committedAt = await store.db.transaction().execute(async (tx) => {
      await q.enqueue('after-commit', {}, {}, tx);
      await new Promise((r) => setTimeout(r, 20));
      return Date.now();
    });
    for (let i = 0; i < 100 && !ranAt; i++) await new Promise((r) => setTimeout(r, 10));
    await q.stop();
    expect(ranAt).toBeGreaterThan(0);
    expect(ranAt - committedAt).toBeLessThan(200);
  }, 30_000);
});
