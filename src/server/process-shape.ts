import type { Logger } from 'pino';
import type { KoeConfig } from '../config/config';
import { RedisLeases, soleProcessLeases, type Leases } from '../jobs/lease';
import { InProcessBus, type RealtimeBus } from '../realtime/bus';
import { openRedis } from '../realtime/redis';
import { RedisBus } from '../realtime/redis-bus';

/**
 * What changes between the embedded shape and the scaled-out one, chosen by KOE_REDIS_URL: the realtime bus (in this
 * process, or Redis pub/sub) and the singleton leases (always ours, or Redis leases). Jobs are chosen in createKoe
 * (BullMQ with PostgreSQL and Redis) and stay recorded in the database table either way (docs/scale.md).
 */
export async function processShape(
  config: Pick<KoeConfig, 'redis' | 'leaseMs'>,
  log: Logger,
): Promise<{ bus: RealtimeBus; leases: Leases; ping?: () => Promise<void>; close(): Promise<void> }> {
  if (!config.redis.url) return { bus: new InProcessBus(), leases: soleProcessLeases, close: async () => {} };
  const redis = await openRedis(config.redis.url, config.redis.prefix, log);
  return {
    bus: new RedisBus(redis, log),
    leases: new RedisLeases(redis.commands, { prefix: config.redis.prefix, ttlMs: config.leaseMs, log }),
    // Readiness: a process whose Redis does not answer cannot fan out events or hold a lease.
    ping: async () => {
      await redis.commands.ping();
    },
    close: () => redis.close(),
  };
}
