import { sql } from 'kysely';
import type { Logger } from 'pino';
import { newId } from '../domain/ids';
import type { Db } from '../store/repositories';
import type { JobTable } from '../store/schema';
import {
  backoffMs,
  PermanentJobError,
  RetryLaterError,
  type EnqueueOptions,
  type JobHandler,
  type JobQueue,
} from './queue';

/** A claimed job's lock; renewed every third of it while the job runs, so only a dead process lets it lapse. */
const LOCK_MS = 15_000;
const DONE_RETENTION_MS = 7 * 86_400_000;
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * Jobs live in the `jobs` table, so an acknowledged event or a queued reply survives a crash. One poller
 * per process claims due jobs with a conditional update (safe with several processes on PostgreSQL too).
 */
export class EmbeddedJobQueue implements JobQueue {
  private handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | null = null;
  private running = 0;
  private stopped = true;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;

  /**
   * `soleRunner`: no other process runs this database's jobs (the embedded SQLite shape), so a job left `running` at
   * start belonged to a process that died and is queued again at once instead of after its lock lapses.
   */
  constructor(
    private db: Db,
    private log: Logger,
    private opts: { concurrency?: number; pollMs?: number; soleRunner?: boolean; lockMs?: number } = {},
  ) {}

  private get lockMs() {
    return this.opts.lockMs ?? LOCK_MS;
  }

  register<P>(name: string, handler: JobHandler<P>): void {
    this.handlers.set(name, handler as JobHandler);
  }

  async enqueue(name: string, payload: unknown, opts: EnqueueOptions = {}, tx?: unknown): Promise<string> {
    const db = (tx as Db | undefined) ?? this.db;
    const id = newId();
    const now = new Date();
    const row = {
      id,
      queue: 'default',
      name,
      payload: JSON.stringify(payload ?? null),
      status: 'queued',
      attempts: 0,
      max_attempts: opts.maxAttempts ?? 8,
      run_at: new Date(now.getTime() + (opts.delayMs ?? 0)).toISOString(),
      locked_until: null,
      last_error: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      dedupe_key: opts.dedupeKey ?? null,
    };
    if (opts.dedupeKey) {
      // The conflict target repeats the partial unique index's predicate as literals, so PostgreSQL can match the index.
      await db
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
        .execute();
      const kept = await db
        .selectFrom('jobs')
        .select('id')
        .where('dedupe_key', '=', opts.dedupeKey)
        .where('status', '=', 'queued')
        .executeTakeFirst();
      setImmediate(() => this.wake?.());
      return kept?.id ?? id;
    } else {
      await db.insertInto('jobs').values(row).execute();
    }
    // A job enqueued inside a transaction is visible only after commit; the next poll picks it up then.
    setImmediate(() => this.wake?.());
    return id;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = (this.opts.soleRunner ? this.requeueAbandoned() : Promise.resolve()).then(() => this.run());
  }

  private async requeueAbandoned(): Promise<void> {
    const r = await this.db
      .updateTable('jobs')
      .set({ status: 'queued', locked_until: null })
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) > 0)
      this.log.warn({ jobs: Number(r.numUpdatedRows) }, 'jobs left running by a stopped process queued again');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    while (this.running > 0) await sleep(20);
  }

  async drain(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const due = await this.db
        .selectFrom('jobs')
        .select('id')
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', new Date().toISOString())]),
            eb('status', '=', 'running'),
          ]),
        )
        .limit(1)
        .executeTakeFirst();
      if (!due && this.running === 0) return;
      if (Date.now() > deadline) throw new Error('Jobs did not drain in time');
      this.wake?.();
      await sleep(25);
    }
  }

  /** Finished jobs are kept a while for inspection, then removed so the table does not grow without end. */
  async pruneDone(olderThanMs = DONE_RETENTION_MS): Promise<number> {
    const r = await this.db
      .deleteFrom('jobs')
      .where('status', '=', 'done')
      .where('updated_at', '<', new Date(Date.now() - olderThanMs).toISOString())
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  private async run(): Promise<void> {
    const concurrency = this.opts.concurrency ?? 4;
    let lastPrune = 0;
    while (!this.stopped) {
      let claimed = false;
      try {
        await this.recoverExpiredLocks();
        if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
          lastPrune = Date.now();
          await this.pruneDone();
        }
        while (!this.stopped && this.running < concurrency) {
          const job = await this.claim();
          if (!job) break;
          claimed = true;
          this.running++;
          void this.execute(job).finally(() => {
            this.running--;
            this.wake?.();
          });
        }
      } catch (err) {
        this.log.error({ err }, 'job poller failed');
      }
      if (!claimed)
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          this.timer = setTimeout(resolve, this.opts.pollMs ?? 250);
        });
      if (this.timer) clearTimeout(this.timer);
      this.wake = null;
    }
  }

  private async claim(): Promise<JobTable | undefined> {
    const now = new Date().toISOString();
    const candidate = await this.db
      .selectFrom('jobs')
      .select('id')
      .where('status', '=', 'queued')
      .where('run_at', '<=', now)
      .orderBy('run_at')
      .limit(1)
      .executeTakeFirst();
    if (!candidate) return undefined;
    const lockedUntil = new Date(Date.now() + this.lockMs).toISOString();
    const r = await this.db
      .updateTable('jobs')
      .set((eb) => ({
        status: 'running',
        locked_until: lockedUntil,
        attempts: eb('attempts', '+', 1),
        updated_at: now,
      }))
      .where('id', '=', candidate.id)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return this.claim(); // another worker won the race
    return this.db.selectFrom('jobs').selectAll().where('id', '=', candidate.id).executeTakeFirstOrThrow();
  }

  /** A process that died mid-job leaves it running; after the lock expires it is retried. */
  private async recoverExpiredLocks(): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ status: 'queued', locked_until: null })
      .where('status', '=', 'running')
      .where('locked_until', '<', new Date().toISOString())
      .execute();
  }

  private async execute(job: {
    id: string;
    name: string;
    payload: string;
    attempts: number;
    max_attempts: number;
  }): Promise<void> {
    const handler = this.handlers.get(job.name);
    const attempt = Number(job.attempts);
    const maxAttempts = Number(job.max_attempts);
    const now = () => new Date().toISOString();
    // A slow job (a platform call near its timeout) keeps its lock; a process that dies stops renewing it.
    const heartbeat = setInterval(() => {
      void this.db
        .updateTable('jobs')
        .set({ locked_until: new Date(Date.now() + this.lockMs).toISOString() })
        .where('id', '=', job.id)
        .where('status', '=', 'running')
        .execute()
        .catch((err: unknown) => this.log.warn({ err, jobId: job.id }, 'job lock not renewed'));
    }, this.lockMs / 3);
    heartbeat.unref();
    try {
      if (!handler) throw new PermanentJobError(`No handler for job ${job.name}`);
      await handler(JSON.parse(job.payload), {
        jobId: job.id,
        attempt,
        maxAttempts,
        isFinalAttempt: attempt >= maxAttempts,
      });
      await this.db
        .updateTable('jobs')
        .set({ status: 'done', locked_until: null, last_error: null, updated_at: now() })
        .where('id', '=', job.id)
        .execute();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const permanent = err instanceof PermanentJobError || attempt >= maxAttempts;
      const delay = err instanceof RetryLaterError ? err.retryAfterMs : backoffMs(attempt);
      this.log.warn({ job: job.name, jobId: job.id, attempt, err: message, permanent }, 'job failed');
      await this.db
        .updateTable('jobs')
        .set({
          status: permanent ? 'failed' : 'queued',
          locked_until: null,
          last_error: message,
          updated_at: now(),
          run_at: new Date(Date.now() + (permanent ? 0 : delay)).toISOString(),
        })
        .where('id', '=', job.id)
        .execute();
    } finally {
      clearInterval(heartbeat);
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
