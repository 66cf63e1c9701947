import { PostgresAdapter, sql } from 'kysely';
import { newId } from '../../domain/ids';
import type { JobTable } from '../schema';
import type { Db } from './types';

/**
 * The `jobs` table as the embedded runner (jobs/embedded.ts), the BullMQ runner (jobs/bullmq.ts) and the admin pages use
 * it. Claims are conditional
 * updates, so several processes on PostgreSQL can share the table.
 */
export const jobRows = {
  /** A new queued job; with a dedupe key, replaces the queued one of that key, keeping the earlier run time. */
  async insert(
    db: Db,
    j: { name: string; payload: unknown; maxAttempts: number; runAt: string; dedupeKey: string | null; now: string },
  ): Promise<string> {
    const id = newId();
    const row = {
      id,
      queue: 'default',
      name: j.name,
      payload: JSON.stringify(j.payload ?? null),
      status: 'queued',
      attempts: 0,
      max_attempts: j.maxAttempts,
      run_at: j.runAt,
      locked_until: null,
      last_error: null,
      created_at: j.now,
      updated_at: j.now,
      dedupe_key: j.dedupeKey,
      forwarded_at: null,
    };
    if (!j.dedupeKey) {
      await db.insertInto('jobs').values(row).execute();
      return id;
    }
    // The conflict target repeats the partial unique index's predicate as literals, so PostgreSQL can match the index.
    // A new or moved row comes back; only a queued twin left as it was (it runs sooner) needs looking up.
    const written = await db
      .insertInto('jobs')
      .values(row)
      .onConflict((oc) =>
        oc
          .column('dedupe_key')
          .where(sql.ref('status'), '=', sql.lit('queued'))
          .where(sql.ref('dedupe_key'), 'is not', sql.lit(null))
          .doUpdateSet({ run_at: row.run_at, payload: row.payload, updated_at: row.updated_at })
          .where('jobs.run_at', '>', row.run_at),
      )
      .returning('id')
      .executeTakeFirst();
    if (written) return written.id;
    const kept = await db
      .selectFrom('jobs')
      .select('id')
      .where('dedupe_key', '=', j.dedupeKey)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    return kept?.id ?? id;
  },
  /** Whether any job is due now or running (drain waits for none). */
  async anyDueOrRunning(db: Db, now: string): Promise<boolean> {
    const r = await db
      .selectFrom('jobs')
      .select('id')
      .where((eb) =>
        eb.or([eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]), eb('status', '=', 'running')]),
      )
      .limit(1)
      .executeTakeFirst();
    return Boolean(r);
  },
  /**
   * The next due job, claimed for this runner in one statement (undefined when none is due). The conditional update is
   * what makes a claim safe with several runners on PostgreSQL: when another runner took the chosen row first, no row
   * is updated, and the next due one is tried if there is one. On PostgreSQL the choice skips rows another runner has
   * locked (FOR UPDATE SKIP LOCKED), so runners do not queue behind each other's claims: 2–2.5× the claims per second
   * with three runners (test/integration/scale/jobs.test.ts, docs/scale.md).
   */
  async claimNext(db: Db, now: string, lockedUntil: string): Promise<JobTable | undefined> {
    for (;;) {
      const claimed = await claiming(db, now, lockedUntil)
        .where('id', '=', (eb) => {
          const next = eb
            .selectFrom('jobs as due')
            .select('due.id')
            .where('due.status', '=', 'queued')
            .where('due.run_at', '<=', now)
            .orderBy('due.run_at')
            .limit(1);
          // PostgreSQL: runners pass over rows another runner is claiming instead of queueing behind it.
          return isPostgres(db) ? next.forUpdate().skipLocked() : next;
        })
        .where('status', '=', 'queued')
        .returningAll()
        .executeTakeFirst();
      if (claimed) return claimed;
      const due = await db
        .selectFrom('jobs')
        .select('id')
        .where('status', '=', 'queued')
        .where('run_at', '<=', now)
        .limit(1)
        .executeTakeFirst();
      if (!due) return undefined;
    }
  },
  /** One job claimed by id, when it is queued and due (a BullMQ delivery); undefined when it is not (any more). */
  async claimById(db: Db, id: string, now: string, lockedUntil: string): Promise<JobTable | undefined> {
    return claiming(db, now, lockedUntil)
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .where('run_at', '<=', now)
      .returningAll()
      .executeTakeFirst();
  },
  /**
   * Due queued jobs to hand to BullMQ, marked as handed over now: those never handed over and, when `staleBefore` is
   * given, those handed over before it that are still queued (their process died after the commit, or Redis lost
   * them). Oldest first, at most `limit`; on PostgreSQL rows another process is marking are skipped, so each goes out
   * once. The two kinds are looked up apart, each through its own partial index (migration 030): jobs already handed
   * over and waiting for a worker are never read on the way to new ones, however long that queue is.
   */
  async forwardDue(
    db: Db,
    o: { now: string; staleBefore: string | null; limit: number },
  ): Promise<Array<{ id: string; name: string; attempts: number }>> {
    const mark = async (
      staleBefore: string | null,
      limit: number,
    ): Promise<Array<{ id: string; name: string; attempts: number }>> => {
      const rows = await db
        .updateTable('jobs')
        .set({ forwarded_at: o.now })
        .where('id', 'in', (eb) => {
          let due = eb
            .selectFrom('jobs as due')
            .select('due.id')
            // A literal, not a parameter, so a prepared (generic) plan can still use the partial indexes.
            .where('due.status', '=', sql.lit('queued'))
            .where('due.run_at', '<=', o.now)
            .orderBy('due.run_at')
            .limit(limit);
          due =
            staleBefore === null
              ? due.where('due.forwarded_at', 'is', null)
              : due.where('due.forwarded_at', 'is not', null).where('due.forwarded_at', '<', staleBefore);
          return isPostgres(db) ? due.forUpdate().skipLocked() : due;
        })
        .where('status', '=', 'queued')
        .returning(['id', 'name', 'attempts'])
        .execute();
      return rows.map((r) => ({ ...r, attempts: Number(r.attempts) }));
    };
    const fresh = await mark(null, o.limit);
    if (o.staleBefore === null || fresh.length >= o.limit) return fresh;
    return [...fresh, ...(await mark(o.staleBefore, o.limit - fresh.length))];
  },
  /**
   * PostgreSQL NOTIFY on `channel`: inside a transaction it is delivered when the transaction commits, never on
   * rollback — how the BullMQ runner learns that jobs it wrote are visible.
   */
  async notify(db: Db, channel: string, payload: string): Promise<void> {
    await sql`select pg_notify(${channel}, ${payload})`.execute(db);
  },
  /** Jobs whose hand-over failed (Redis away) are left for the next sweep. */
  async unforward(db: Db, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await db
      .updateTable('jobs')
      .set({ forwarded_at: null })
      .where('id', 'in', ids)
      .where('status', '=', 'queued')
      .execute();
  },
  async renewLock(db: Db, id: string, lockedUntil: string): Promise<void> {
    await db
      .updateTable('jobs')
      .set({ locked_until: lockedUntil })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .execute();
  },
  async done(db: Db, id: string, now: string): Promise<void> {
    await db
      .updateTable('jobs')
      .set({ status: 'done', locked_until: null, last_error: null, updated_at: now })
      .where('id', '=', id)
      .execute();
  },
  /** A failed attempt: queued again at `runAt`, or failed for good with its last error. */
  async failed(
    db: Db,
    id: string,
    o: { permanent: boolean; error: string; runAt: string; now: string },
  ): Promise<void> {
    await db
      .updateTable('jobs')
      .set({
        status: o.permanent ? 'failed' : 'queued',
        locked_until: null,
        forwarded_at: null,
        last_error: o.error,
        updated_at: o.now,
        run_at: o.runAt,
      })
      .where('id', '=', id)
      .execute();
  },
  /** Jobs whose lock lapsed (their process died) are queued again; how many. */
  async requeueExpired(db: Db, now: string): Promise<number> {
    const r = await db
      .updateTable('jobs')
      .set({ status: 'queued', locked_until: null, forwarded_at: null })
      .where('status', '=', 'running')
      .where('locked_until', '<', now)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  },
  /** Every running job queued again (only safe for the sole runner of a database). */
  async requeueRunning(db: Db): Promise<number> {
    const r = await db
      .updateTable('jobs')
      .set({ status: 'queued', locked_until: null, forwarded_at: null })
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  },
  async pruneDone(db: Db, olderThan: string): Promise<number> {
    const r = await db
      .deleteFrom('jobs')
      .where('status', '=', 'done')
      .where('updated_at', '<', olderThan)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  },
  /** Jobs per status (metrics). */
  async countsByStatus(db: Db): Promise<Record<string, number>> {
    const rows = await db
      .selectFrom('jobs')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  },
  /**
   * Queued jobs per kind (name): how many wait, how many are due, and when the oldest due one was due (its lag), for
   * /metrics.
   */
  async queueByName(
    db: Db,
    now: string,
  ): Promise<Array<{ name: string; queued: number; due: number; oldestDue: string | null }>> {
    const rows = await db
      .selectFrom('jobs')
      .select((eb) => [
        'name',
        eb.fn.countAll<number>().as('queued'),
        eb.fn.sum<number>(eb.case().when('run_at', '<=', now).then(1).else(0).end()).as('due'),
        eb.fn.min<string>(eb.case().when('run_at', '<=', now).then(eb.ref('run_at')).end()).as('oldest_due'),
      ])
      .where('status', '=', 'queued')
      .groupBy('name')
      .execute();
    return rows.map((r) => ({
      name: r.name,
      queued: Number(r.queued),
      due: Number(r.due ?? 0),
      oldestDue: r.oldest_due ?? null,
    }));
  },
  /** For admins: jobs by status, newest first, and how many there are of each status. */
  async list(db: Db, status: string, limit: number) {
    const rows = await db
      .selectFrom('jobs')
      .selectAll()
      .where('status', '=', status)
      .orderBy('updated_at', 'desc')
      .limit(limit)
      .execute();
    return { rows, counts: await this.countsByStatus(db) };
  },
  /** A failed job runs again from its first attempt; false when it was not failed. */
  async retryFailed(db: Db, id: string, now: string): Promise<boolean> {
    const r = await db
      .updateTable('jobs')
      .set({ status: 'queued', attempts: 0, run_at: now, updated_at: now, forwarded_at: null })
      .where('id', '=', id)
      .where('status', '=', 'failed')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },
};

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

/** A claim's update: running, locked until `lockedUntil`, one more attempt (the caller picks the row). */
const claiming = (db: Db, now: string, lockedUntil: string) =>
  db.updateTable('jobs').set((eb) => ({
    status: 'running',
    locked_until: lockedUntil,
    attempts: eb('attempts', '+', 1),
    updated_at: now,
  }));
