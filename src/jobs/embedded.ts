import type { Logger } from 'pino';
import { jobRows, type Db } from '../store/repositories';
import type { JobTable } from '../store/schema';
import { executeClaimed, type ClaimedJob } from './execute';
import type { EnqueueOptions, JobHandler, JobQueue } from './queue';

/** A claimed job's lock; renewed every third of it while the job runs, so only a dead process lets it lapse. */
const LOCK_MS = 15_000;
const DONE_RETENTION_MS = 7 * 86_400_000;
const PRUNE_EVERY_MS = 10 * 60_000;
/**
 * After a job is enqueued inside a transaction, the runner looks again this long after each previous look: the job is
 * visible only once the transaction commits, which the queue cannot see (on PostgreSQL the commit is a round trip after
 * `enqueue` returns), and the next poll is up to 250 ms away in the `all` role.
 */
const AFTER_COMMIT_LOOKS_MS = [2, 5, 10, 25];

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
  private afterCommit: { timer: NodeJS.Timeout | null; step: number } = { timer: null, step: 0 };

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
    const now = new Date();
    const id = await jobRows.insert((tx as Db | undefined) ?? this.db, {
      name,
      payload,
      maxAttempts: opts.maxAttempts ?? 8,
      runAt: new Date(now.getTime() + (opts.delayMs ?? 0)).toISOString(),
      dedupeKey: opts.dedupeKey ?? null,
      now: now.toISOString(),
    });
    // A job enqueued inside a transaction is visible only after commit: the wake at once finds it when the commit has
    // happened by then (SQLite's, in the same tick); later looks find it after a PostgreSQL commit's round trip.
    setImmediate(() => this.wake?.());
    if (tx) this.lookAfterCommit();
    return id;
  }

  /** Wakes the runner at AFTER_COMMIT_LOOKS_MS, counted again from the start by each enqueue inside a transaction. */
  private lookAfterCommit(): void {
    this.afterCommit.step = 0;
    if (this.afterCommit.timer) return;
    const next = () => {
      const delay = AFTER_COMMIT_LOOKS_MS[this.afterCommit.step++];
      if (delay === undefined || this.stopped) return void (this.afterCommit.timer = null);
      this.afterCommit.timer = setTimeout(() => {
        this.wake?.();
        next();
      }, delay);
      this.afterCommit.timer.unref();
    };
    next();
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = (this.opts.soleRunner ? this.requeueAbandoned() : Promise.resolve()).then(() => this.run());
  }

  private async requeueAbandoned(): Promise<void> {
    const n = await jobRows.requeueRunning(this.db);
    if (n > 0) this.log.warn({ jobs: n }, 'jobs left running by a stopped process queued again');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.afterCommit.timer) clearTimeout(this.afterCommit.timer);
    this.afterCommit.timer = null;
    this.wake?.();
    await this.loop;
    while (this.running > 0) await sleep(20);
  }

  async drain(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const due = await jobRows.anyDueOrRunning(this.db, new Date().toISOString());
      if (!due && this.running === 0) return;
      if (Date.now() > deadline) throw new Error('Jobs did not drain in time');
      this.wake?.();
      await sleep(25);
    }
  }

  /** Finished jobs are kept a while for inspection, then removed so the table does not grow without end. */
  async pruneDone(olderThanMs = DONE_RETENTION_MS): Promise<number> {
    return jobRows.pruneDone(this.db, new Date(Date.now() - olderThanMs).toISOString());
  }

  private async run(): Promise<void> {
    const concurrency = this.opts.concurrency ?? 4;
    let lastPrune = 0;
    let lastRecovery = 0;
    while (!this.stopped) {
      let claimed = false;
      try {
        // The loop wakes on every enqueue and every finished job; a lapsed lock (a dead process) needs looking for only
        // as often as locks are renewed. On SQLite each look was a write on the one connection acknowledgements need.
        if (Date.now() - lastRecovery >= this.lockMs / 3) {
          lastRecovery = Date.now();
          await this.recoverExpiredLocks();
        }
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
      // Not when stopping: stop() woke the runner while it was busy (a claim), and nothing would wake it again.
      if (!claimed && !this.stopped)
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          this.timer = setTimeout(resolve, this.opts.pollMs ?? 250);
        });
      if (this.timer) clearTimeout(this.timer);
      this.wake = null;
    }
  }

  private claim(): Promise<JobTable | undefined> {
    return jobRows.claimNext(this.db, new Date().toISOString(), new Date(Date.now() + this.lockMs).toISOString());
  }

  /** A process that died mid-job leaves it running; after the lock expires it is retried. */
  private async recoverExpiredLocks(): Promise<void> {
    await jobRows.requeueExpired(this.db, new Date().toISOString());
  }

  private execute(job: ClaimedJob): Promise<void> {
    return executeClaimed(this.db, this.log, this.handlers, job, this.lockMs);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
