import type { Logger } from 'pino';
import { jobRows, type Db } from '../store/repositories';
import { backoffMs, PermanentJobError, RetryLaterError, type JobHandler } from './queue';

/** A job row as claimed from the `jobs` table. */
export interface ClaimedJob {
  id: string;
  name: string;
  payload: string;
  attempts: number;
  max_attempts: number;
}

/**
 * Runs a claimed job's handler and records the outcome in the `jobs` table: done, queued again after a backoff (or the
 * handler's Retry-After), or failed for good. Its lock is renewed every third of `lockMs` while it runs, so only a
 * process that died lets it lapse. Shared by the embedded runner and the BullMQ runner: whichever carried the job to
 * this process, the table holds its state.
 */
export async function executeClaimed(
  db: Db,
  log: Logger,
  handlers: ReadonlyMap<string, JobHandler>,
  job: ClaimedJob,
  lockMs: number,
): Promise<void> {
  const handler = handlers.get(job.name);
  const attempt = Number(job.attempts);
  const maxAttempts = Number(job.max_attempts);
  const now = () => new Date().toISOString();
  const heartbeat = setInterval(() => {
    void jobRows
      .renewLock(db, job.id, new Date(Date.now() + lockMs).toISOString())
      .catch((err: unknown) => log.warn({ err, jobId: job.id }, 'job lock not renewed'));
  }, lockMs / 3);
  heartbeat.unref();
  try {
    if (!handler) throw new PermanentJobError(`No handler for job ${job.name}`);
    await handler(JSON.parse(job.payload), {
      jobId: job.id,
      attempt,
      maxAttempts,
      isFinalAttempt: attempt >= maxAttempts,
    });
    await jobRows.done(db, job.id, now());
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const permanent = err instanceof PermanentJobError || attempt >= maxAttempts;
    const delay = err instanceof RetryLaterError ? err.retryAfterMs : backoffMs(attempt);
    log.warn({ job: job.name, jobId: job.id, attempt, err: message, permanent }, 'job failed');
    await jobRows.failed(db, job.id, {
      permanent,
      error: message,
      runAt: new Date(Date.now() + (permanent ? 0 : delay)).toISOString(),
      now: now(),
    });
  } finally {
    clearInterval(heartbeat);
  }
}
