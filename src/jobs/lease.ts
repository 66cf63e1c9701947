import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** Stops what a singleton started; resolves when it has stopped. */
export type Stop = () => Promise<void>;

/**
 * Work that must run in exactly one process at a time (X polling, the SMTP listener): `hold` starts it while this
 * process holds the lease called `name`, stops it if the lease is lost, and returns the function that stops it for good.
 */
export interface Leases {
  hold(name: string, start: () => Promise<Stop>): Promise<Stop>;
}

/** One process (the embedded shape, or no Redis): the lease is always ours. */
export const soleProcessLeases: Leases = {
  async hold(_name, start) {
    return start();
  },
};

/** Extends the lease only while it is still ours (another process may hold it after it lapsed). */
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * Leases in Redis: `SET <prefix>lease:<name> <token> NX PX <ttl>`, renewed every third of the time to live. A process
 * that dies stops renewing, its lease lapses after `ttlMs`, and the next process to try (every third of it) takes over.
 * A holder that cannot renew for two thirds of the time to live (Redis away) stops the work first, so two processes
 * never run it at once as long as their clocks run at the same rate.
 */
export class RedisLeases implements Leases {
  constructor(
    private redis: Redis,
    private opts: { prefix: string; ttlMs: number; log: Logger },
  ) {}

  async hold(name: string, start: () => Promise<Stop>): Promise<Stop> {
    const key = `${this.opts.prefix}lease:${name}`;
    const token = `${process.pid}:${randomUUID()}`;
    const { ttlMs, log } = this.opts;
    let running: Stop | null = null;
    let renewedAt = 0;
    let closed = false;

    const lose = async (why: string) => {
      log.warn({ lease: name, why }, 'singleton lease lost; stopping until it is taken again');
      const stop = running;
      running = null;
      await stop?.();
    };
    const tick = async () => {
      if (closed) return;
      try {
        if (!running) {
          if ((await this.redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') return;
          renewedAt = Date.now();
          log.info({ lease: name }, 'singleton lease taken');
          try {
            running = await start();
          } catch (err) {
            log.error({ err, lease: name }, 'singleton failed to start; lease given back');
            await this.redis.eval(RELEASE, 1, key, token);
          }
        } else if (Number(await this.redis.eval(RENEW, 1, key, token, ttlMs)) === 1) renewedAt = Date.now();
        else await lose('held by another process');
      } catch (err) {
        log.warn(
          { err: err instanceof Error ? err.message : String(err), lease: name },
          'singleton lease check failed',
        );
        if (running && Date.now() - renewedAt > (ttlMs * 2) / 3) await lose('not renewed in time');
      }
    };

    let busy = tick();
    await busy;
    const timer = setInterval(() => (busy = busy.then(tick)), ttlMs / 3);
    timer.unref();
    return async () => {
      closed = true;
      clearInterval(timer);
      await busy;
      if (!running) return;
      await running();
      running = null;
      await this.redis.eval(RELEASE, 1, key, token).catch(() => {});
    };
  }
}
