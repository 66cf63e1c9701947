import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** How long a process waits for Redis at start before giving up with a clear message. */
const CONNECT_TIMEOUT_MS = 10_000;
const ERROR_LOG_EVERY_MS = 10_000;

export interface RedisConnections {
  /** Commands and PUBLISH. Fails fast while Redis is away (nothing piles up in memory); callers log and carry on. */
  commands: Redis;
  /** SUBSCRIBE only (a subscribed connection takes no other commands); queues subscriptions until Redis is back. */
  subscriber: Redis;
  prefix: string;
  close(): Promise<void>;
}

/**
 * The two connections a process keeps to Redis. ioredis reconnects by itself (and subscribes again to every channel);
 * errors are logged at most every 10 s per connection so an outage neither crashes the process nor floods the log.
 */
export async function openRedis(url: string, prefix: string, log: Logger): Promise<RedisConnections> {
  const open = (name: string, offlineQueue: boolean) => {
    const client = new Redis(url, {
      lazyConnect: true,
      connectionName: `koe-${name}-${process.pid}`,
      enableOfflineQueue: offlineQueue,
      maxRetriesPerRequest: offlineQueue ? null : 1,
      connectTimeout: CONNECT_TIMEOUT_MS,
      retryStrategy: (times) => Math.min(100 * times, 2_000),
    });
    let lastLogged = 0;
    client.on('error', (err: Error) => {
      if (Date.now() - lastLogged < ERROR_LOG_EVERY_MS) return;
      lastLogged = Date.now();
      log.error({ err: err.message, connection: name }, 'Redis connection error; reconnecting');
    });
    return client;
  };
  const commands = open('commands', false);
  const subscriber = open('subscriber', true);
  const close = async () => {
    await Promise.all([commands, subscriber].map((c) => c.quit().catch(() => c.disconnect())));
  };
  try {
    await Promise.all([commands.connect(), subscriber.connect()]);
  } catch (err) {
    close().catch(() => {});
    throw new Error(
      `Redis at ${redactedUrl(url)} is not reachable: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  return { commands, subscriber, prefix, close };
}

function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'KOE_REDIS_URL';
  }
}
