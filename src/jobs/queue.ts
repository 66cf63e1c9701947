/**
 * The job seam. The embedded runner stores jobs in the database; a BullMQ runner implements the same
 * interface for the scaled-out shape (handlers are plain async functions keyed by name, payloads JSON).
 */
export interface JobContext {
  jobId: string;
  attempt: number;
  maxAttempts: number;
  isFinalAttempt: boolean;
}
export type JobHandler<P = unknown> = (payload: P, ctx: JobContext) => Promise<void>;

export interface EnqueueOptions {
  delayMs?: number;
  maxAttempts?: number;
  /**
   * At most one queued job per key: enqueueing again while one waits replaces it instead of adding another, keeping the
   * earlier run time (running early is harmless for a check that recomputes from stored state; running late is not).
   * A job that is already running does not count, so it may schedule its own next run. Used for one SLA check per
   * conversation clock.
   */
  dedupeKey?: string;
}

/** Throw from a handler to ask for a retry at a specific time (e.g. a platform's Retry-After). */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}

/** Throw from a handler when retrying cannot help; the job fails at once. */
export class PermanentJobError extends Error {}

export interface JobQueue {
  register<P>(name: string, handler: JobHandler<P>): void;
  /** Enqueue outside or inside a transaction; `db` lets the job commit atomically with the caller's writes. */
  enqueue(name: string, payload: unknown, opts?: EnqueueOptions, tx?: unknown): Promise<string>;
  start(): void;
  stop(): Promise<void>;
  /** Resolves when no job is due or running (tests, graceful shutdown). */
  drain(timeoutMs?: number): Promise<void>;
}

/** Exponential backoff with full jitter, capped: 1 s, 2 s, 4 s … 5 min. */
export function backoffMs(attempt: number, random = Math.random): number {
  const cap = 300_000;
  const base = Math.min(cap, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base / 2 + random() * (base / 2));
}
