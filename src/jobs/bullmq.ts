import { randomUUID } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { Logger } from 'pino';
import { jobRows, type Db } from '../store/repositories';
import { executeClaimed } from './execute';
import type { EnqueueOptions, JobHandler, JobQueue } from './queue';

/** BullMQ's queue (one for every kind of job: a job's BullMQ name is its kind). */
const QUEUE = 'jobs';
/** Queued jobs handed to BullMQ per statement. */
const BATCH = 200;
/** How often every process looks for queued jobs nobody handed over (and, in workers, for lapsed locks). */
const SWEEP_MS = 1_000;
/**
 * A job handed over this many lock periods ago and still queued is handed over again: its process died between marking
 * it and adding it to BullMQ, or Redis lost it. (One still waiting in BullMQ is not added twice: same job id.)
 */
const STALE_LOCKS = 2;
const ERROR_LOG_EVERY_MS = 10_000;

export interface BullJobQueueOptions {
  redisUrl: string;
  /** KOE_REDIS_PREFIX: BullMQ's keys are `<prefix>bull:jobs:…`. */
  redisPrefix: string;
  /** PostgreSQL, for LISTEN: a job enqueued in a transaction is handed over when the transaction commits. */
  databaseUrl: string;
  /** The lock of a running job (KOE_LEASE_SECONDS): renewed while it runs; lapsed, the job is queued again. */
  lockMs: number;
  /** This process runs jobs (roles `all` and `worker`); web processes only hand theirs over. */
  work: boolean;
  /** Jobs run at once by this process. */
  concurrency?: number;
  /**
   * Kinds of job delivered before every other kind (an agent's reply to a customer waiting for it): in a burst, the
   * others wait in order behind them instead of the other way round.
   */
  firstKinds?: readonly string[];
  sweepMs?: number;
  staleMs?: number;
}

/**
 * Jobs on BullMQ, for several processes on PostgreSQL and Redis (docs/scale.md, "Jobs on BullMQ").
 *
 * The `jobs` table stays the durable record: `enqueue` writes the row in the caller's transaction, as the embedded
 * runner does, so an acknowledged event or a queued reply is never only in Redis. BullMQ carries the job from the
 * process that wrote it to a worker: when the transaction commits (PostgreSQL NOTIFY, delivered only on commit), the
 * writing process marks the row handed over and adds a BullMQ job holding the row's id. A worker's BullMQ delivery
 * claims the row with a conditional update and runs it; success, a retry (queued again at its backoff, handed over
 * again when due) or a failure is written to the row. So whatever BullMQ delivers twice (a stalled job moved back,
 * a hand-over repeated) runs once, and whatever Redis loses — or a process that died between its commit and the
 * hand-over — is handed over again by any process's sweep after `staleMs`.
 */
export class BullJobQueue implements JobQueue {
  private handlers = new Map<string, JobHandler>();
  private queue: Queue | null = null;
  private producer: Redis | null = null;
  private worker: Worker | null = null;
  private workerConnection: Redis | null = null;
  private listener: pg.Client | null = null;
  /** NOTIFY payload: this process's own commits wake its hand-over at once; others wait for the sweep. */
  private readonly origin = `${process.pid}:${randomUUID()}`;
  private readonly channel: string;
  private stopped = true;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private nudged = false;
  /** When jobs handed over long ago were last looked for (handOver). */
  private lastStaleLook = 0;
  private lastErrorLog = 0;

  constructor(
    private db: Db,
    private log: Logger,
    private o: BullJobQueueOptions,
  ) {
    this.channel = `koe_jobs_${o.redisPrefix.replace(/[^a-z0-9_]/gi, '_')}`.toLowerCase().slice(0, 60);
  }

  private get bullPrefix() {
    return `${this.o.redisPrefix}bull`;
  }

  register<P>(name: string, handler: JobHandler<P>): void {
    this.handlers.set(name, handler as JobHandler);
  }

  async enqueue(name: string, payload: unknown, opts: EnqueueOptions = {}, tx?: unknown): Promise<string> {
    const now = new Date();
    const runAt = new Date(now.getTime() + (opts.delayMs ?? 0));
    const id = await jobRows.insert((tx as Db | undefined) ?? this.db, {
      name,
      payload,
      maxAttempts: opts.maxAttempts ?? 8,
      runAt: runAt.toISOString(),
      dedupeKey: opts.dedupeKey ?? null,
      now: now.toISOString(),
    });
    if (opts.delayMs) return id; // handed over by a sweep once due
    // Inside a transaction the row is visible only after commit: NOTIFY is delivered then (and never on rollback).
    if (tx) await jobRows.notify(tx as Db, this.channel, this.origin);
    else this.nudge();
    return id;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    // No connection to Redis before start: a queue that is never started (enqueue only) leaves its rows to the others'
    // sweep. Adding fails fast while Redis is away (the row stays queued for the sweep) instead of piling up in memory.
    this.producer = new Redis(this.o.redisUrl, {
      connectionName: `koe-jobs-${process.pid}`,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: (times) => Math.min(100 * times, 2_000),
    });
    this.producer.on('error', (err: Error) => this.logError('Redis connection error (jobs); reconnecting', err));
    this.queue = new Queue(QUEUE, { connection: this.producer, prefix: this.bullPrefix });
    this.queue.on('error', (err: Error) => this.logError('BullMQ queue error', err));
    if (this.o.work) {
      this.workerConnection = new Redis(this.o.redisUrl, {
        connectionName: `koe-jobs-worker-${process.pid}`,
        maxRetriesPerRequest: null,
        retryStrategy: (times) => Math.min(100 * times, 2_000),
      });
      this.workerConnection.on('error', (err: Error) =>
        this.logError('Redis connection error (worker); reconnecting', err),
      );
      this.worker = new Worker<{ id: string }>(QUEUE, (job) => this.deliver(job.data.id), {
        connection: this.workerConnection,
        prefix: this.bullPrefix,
        concurrency: this.o.concurrency ?? 8,
        lockDuration: this.o.lockMs,
        // A delivery cut off by a dying worker (taken from BullMQ, perhaps not yet claimed in the table) comes back
        // within about two lock periods, as the table's own lapsed locks do; the row decides whether it runs again.
        stalledInterval: this.o.lockMs,
        maxStalledCount: 100,
        removeOnComplete: { count: 0 },
        removeOnFail: { count: 1000 },
      });
      this.worker.on('error', (err: Error) => this.logError('BullMQ worker error', err));
    }
    void this.listen();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.wake?.();
    await this.loop;
    // Waits for the jobs this worker is running to finish.
    await this.worker?.close();
    await this.queue?.close();
    await this.listener?.end().catch(() => {});
    this.listener = null;
    for (const c of [this.workerConnection, this.producer]) await c?.quit().catch(() => c.disconnect());
  }

  async drain(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!(await jobRows.anyDueOrRunning(this.db, new Date().toISOString()))) return;
      if (Date.now() > deadline) throw new Error('Jobs did not drain in time');
      this.nudge();
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Hand over due jobs soon (this process committed some). */
  private nudge(): void {
    this.nudged = true;
    setImmediate(() => this.wake?.());
  }

  private async run(): Promise<void> {
    const sweepMs = this.o.sweepMs ?? SWEEP_MS;
    let lastRecovery = 0;
    while (!this.stopped) {
      this.nudged = false;
      try {
        // A worker that died mid-job stops renewing its lock; its job is queued again and handed over anew.
        if (this.o.work && Date.now() - lastRecovery >= this.o.lockMs / 3) {
          lastRecovery = Date.now();
          await jobRows.requeueExpired(this.db, new Date().toISOString());
        }
        while (!this.stopped && (await this.handOver()) === BATCH);
      } catch (err) {
        this.logError('handing jobs to BullMQ failed', err);
      }
      if (this.nudged || this.stopped) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, sweepMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  /**
   * One batch of due queued jobs marked handed over and added to BullMQ; how many. Jobs handed over long ago and still
   * queued are looked for once per sweep period, not at every nudge (each commit that wrote a job).
   */
  private async handOver(): Promise<number> {
    const now = Date.now();
    const sweep = now - this.lastStaleLook >= (this.o.sweepMs ?? SWEEP_MS);
    const rows = await jobRows.forwardDue(this.db, {
      now: new Date(now).toISOString(),
      staleBefore: sweep ? new Date(now - (this.o.staleMs ?? STALE_LOCKS * this.o.lockMs)).toISOString() : null,
      limit: BATCH,
    });
    // A full batch of new jobs leaves the stale ones unread: they are looked for at the next call.
    if (sweep && rows.length < BATCH) this.lastStaleLook = now;
    if (rows.length === 0) return 0;
    try {
      if (!this.queue) throw new Error('the job queue is not started');
      // One BullMQ job per attempt of a row: a hand-over repeated while the job waits in BullMQ adds nothing.
      await this.queue.addBulk(
        rows.map((r) => ({
          name: r.name,
          data: { id: r.id },
          opts: {
            jobId: `${r.id}-${r.attempts}`,
            removeOnComplete: true,
            removeOnFail: 1000,
            // BullMQ delivers jobs without a priority first, then by priority.
            ...(this.o.firstKinds?.includes(r.name) ? {} : { priority: 1 }),
          },
        })),
      );
    } catch (err) {
      await jobRows.unforward(
        this.db,
        rows.map((r) => r.id),
      );
      throw err;
    }
    return rows.length;
  }

  /** A BullMQ delivery: run the row if it is still queued and due (it may have run already, or been retried). */
  private async deliver(id: string): Promise<void> {
    const now = Date.now();
    const job = await jobRows.claimById(
      this.db,
      id,
      new Date(now).toISOString(),
      new Date(now + this.o.lockMs).toISOString(),
    );
    if (!job) return;
    await executeClaimed(this.db, this.log, this.handlers, job, this.o.lockMs);
  }

  /** LISTEN for this process's commits; on a lost connection, again after a pause (the sweep covers the gap). */
  private async listen(): Promise<void> {
    while (!this.stopped) {
      const client = new pg.Client({ connectionString: this.o.databaseUrl });
      const lost = new Promise<void>((resolve) => {
        client.once('error', (err: Error) => {
          this.logError('job notifications: PostgreSQL connection lost', err);
          resolve();
        });
        client.once('end', () => resolve());
      });
      try {
        await client.connect();
        client.on('notification', (n) => {
          if (n.payload === this.origin) this.nudge();
        });
        await client.query(`LISTEN ${this.channel}`);
        this.listener = client;
        if (this.stopped) await client.end();
        await lost;
      } catch (err) {
        this.logError('job notifications: cannot LISTEN', err);
        await client.end().catch(() => {});
      }
      this.listener = null;
      if (!this.stopped) await new Promise((r) => setTimeout(r, 1_000));
    }
  }

  private logError(message: string, err: unknown): void {
    if (Date.now() - this.lastErrorLog < ERROR_LOG_EVERY_MS) return;
    this.lastErrorLog = Date.now();
    this.log.error({ err: err instanceof Error ? err.message : String(err) }, message);
  }
}
