import { ConfigError, type KoeConfig } from './config';

/**
 * A web or worker process is one of several sharing a database and Redis: SQLite serves one process, and without Redis
 * a worker's realtime events (a message processed, a reply sent) would never reach the agents connected to a web
 * process. Refused at start with what to set, rather than running a desk that silently misses events.
 */
export function checkRole(config: Pick<KoeConfig, 'role' | 'databaseUrl' | 'redis'>): void {
  if (config.role === 'all') return;
  if (!config.databaseUrl)
    throw new ConfigError(
      `koe start --role ${config.role} runs one of several processes, which must share a PostgreSQL database: set KOE_DATABASE_URL (the SQLite default serves a single process; use --role all).`,
    );
  if (!config.redis.url)
    throw new ConfigError(
      `koe start --role ${config.role} needs KOE_REDIS_URL: realtime events travel between web and worker processes through Redis.`,
    );
}
