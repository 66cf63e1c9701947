import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openStore, type Store } from '../store/db';
import { EmbeddedJobQueue } from './embedded';
import { backoffMs, PermanentJobError, RetryLaterError } from './queue';

const log = pino({ level: 'silent' });
let store: Store;

async function queue() {
  store = openStore({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'koe-jobs-')) });
  await migrateToLatest(store.db);
  return new EmbeddedJobQueue(store.db, log, { pollMs: 10 });
}

afterEach(async () => {
  await store?.close();
});

describe('embedded job queue', () => {
  it('runs a job with its payload', async () => {
    const q = await queue();
    const seen: unknown[] = [];
    q.register('greet', async (p) => {
      seen.push(p);
    });
    q.start();
    await q.enqueue('greet', { name: '花子' });
    await q.drain();
    await q.stop();
    expect(seen).toEqual([{ name: '花子' }]);
  });

  it('keeps one queued job per dedupe key, at the earliest requested time; a running job may queue its next run', async () => {
    const q = await queue();
    const first = await q.enqueue('check', { n: 1 }, { delayMs: 60_000, dedupeKey: 'sla.check:c1' });
    const second = await q.enqueue('check', { n: 2 }, { delayMs: 10_000, dedupeKey: 'sla.check:c1' });
    const third = await q.enqueue('check', { n: 3 }, { delayMs: 120_000, dedupeKey: 'sla.check:c1' });
    await q.enqueue('check', { n: 4 }, { delayMs: 60_000, dedupeKey: 'sla.check:c2' });
    expect(new Set([first, second, third]).size).toBe(1);
    const rows = await store.db
      .selectFrom('jobs')
      .select(['dedupe_key', 'payload', 'run_at'])
      .orderBy('dedupe_key')
      .execute();
    expect(rows.map((r) => [r.dedupe_key, JSON.parse(r.payload).n])).toEqual([
      ['sla.check:c1', 2],
      ['sla.check:c2', 4],
    ]);
    expect(Date.parse(rows[0].run_at) - Date.now()).toBeLessThan(11_000);

    const seen: number[] = [];
    q.register('again', async (p: { n: number }) => {
      seen.push(p.n);
      if (p.n === 1) await q.enqueue('again', { n: 2 }, { dedupeKey: 'again' });
    });
    q.start();
    await q.enqueue('again', { n: 1 }, { dedupeKey: 'again' });
    await q.drain();
    await q.stop();
    expect(seen).toEqual([1, 2]);
  });

  it('as the sole runner, queues again at start a job a killed process left running (no wait for its lock)', async () => {
    const q = await queue();
    const id = await q.enqueue('resume', { n: 1 });
    await store.db
      .updateTable('jobs')
      .set({ status: 'running', locked_until: new Date(Date.now() + 60_000).toISOString() })
      .where('id', '=', id)
      .execute();
    const sole = new EmbeddedJobQueue(store.db, log, { pollMs: 10, soleRunner: true });
    const seen: unknown[] = [];
    sole.register('resume', async (p) => {
      seen.push(p);
    });
    sole.start();
    await sole.drain();
    await sole.stop();
    expect(seen).toEqual([{ n: 1 }]);
  });

  it('renews the lock of a job that runs longer than the lock, so another runner does not start it twice', async () => {
    const q = await queue();
    const first = new EmbeddedJobQueue(store.db, log, { pollMs: 10, lockMs: 300 });
    const second = new EmbeddedJobQueue(store.db, log, { pollMs: 10, lockMs: 300 });
    let runs = 0;
    for (const runner of [first, second])
      runner.register('slow', async () => {
        runs++;
        await new Promise((r) => setTimeout(r, 1200));
      });
    await q.enqueue('slow', {});
    first.start();
    await new Promise((r) => setTimeout(r, 100));
    second.start();
    await first.drain();
    await Promise.all([first.stop(), second.stop()]);
    expect(runs).toBe(1);
  });

  it('retries a failing job and records the error, then fails it visibly after max attempts', async () => {
    const q = await queue();
    let calls = 0;
    q.register('flaky', async () => {
      calls++;
      throw new RetryLaterError('platform busy', 1);
    });
    q.start();
    const id = await q.enqueue('flaky', {}, { maxAttempts: 3 });
    await q.drain();
    await q.stop();
    const row = await store.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(calls).toBe(3);
    expect(row).toMatchObject({ status: 'failed', last_error: 'platform busy' });
    expect(Number(row.attempts)).toBe(3);
  });

  it('stops at once on a permanent error', async () => {
    const q = await queue();
    let calls = 0;
    q.register('bad', async () => {
      calls++;
      throw new PermanentJobError('malformed');
    });
    q.start();
    const id = await q.enqueue('bad', {}, { maxAttempts: 5 });
    await q.drain();
    await q.stop();
    expect(calls).toBe(1);
    expect(
      (await store.db.selectFrom('jobs').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status,
    ).toBe('failed');
  });

  it('schedules retries with growing, capped backoff', () => {
    expect(backoffMs(1, () => 1)).toBe(1000);
    expect(backoffMs(4, () => 1)).toBe(8000);
    expect(backoffMs(30, () => 1)).toBe(300_000);
    expect(backoffMs(3, () => 0)).toBe(2000);
  });

  it('picks up a job left running by a crashed process once its lock expires', async () => {
    const q = await queue();
    const id = await q.enqueue('orphan', {});
    await store.db
      .updateTable('jobs')
      .set({ status: 'running', locked_until: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', id)
      .execute();
    let ran = false;
    q.register('orphan', async () => {
      ran = true;
    });
    q.start();
    await q.drain();
    await q.stop();
    expect(ran).toBe(true);
  });

  it('prunes finished jobs after the retention period, keeping failed and recent ones', async () => {
    const q = await queue();
    q.register('quick', async () => {});
    q.register('broken', async () => {
      throw new PermanentJobError('nope');
    });
    q.start();
    const old = await q.enqueue('quick', {});
    const recent = await q.enqueue('quick', {});
    const failed = await q.enqueue('broken', {});
    await q.drain();
    await q.stop();
    const weekAgo = new Date(Date.now() - 8 * 86_400_000).toISOString();
    await store.db.updateTable('jobs').set({ updated_at: weekAgo }).where('id', 'in', [old, failed]).execute();
    expect(await q.pruneDone()).toBe(1);
    const left = (await store.db.selectFrom('jobs').select('id').execute()).map((r) => r.id).sort();
    expect(left).toEqual([recent, failed].sort());
  });
});
