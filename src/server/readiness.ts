import { pendingMigrations, ping } from '../store/db';
import type { Db } from '../store/repositories';

/**
 * What `/readyz` asks before a load balancer may send this process traffic. Each check throws when its dependency
 * is not usable; the database and migrations are added by the composition root, and a Redis bus or queue adds its own
 * `ping` with `add('redis', …)` when KOE_REDIS_URL is configured. While the process drains (SIGTERM) it is not ready,
 * whatever the checks say, so new traffic goes to the other processes.
 */
export type ReadinessCheck = () => Promise<void>;

export interface ReadinessReport {
  ready: boolean;
  draining: boolean;
  checks: Record<string, 'ok' | 'failed'>;
}

export class Readiness {
  private checks = new Map<string, ReadinessCheck>();
  private drainingSince: Date | null = null;

  constructor(private timeoutMs = 2_000) {}

  add(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  startDraining(): void {
    this.drainingSince ??= new Date();
  }

  get draining(): boolean {
    return this.drainingSince !== null;
  }

  /** Runs every check at once, each bounded by the timeout (a hung database must not hang the probe). */
  async report(): Promise<ReadinessReport> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => [name, (await this.passes(check)) ? 'ok' : 'failed'] as const),
    );
    const checks = Object.fromEntries(entries);
    const draining = this.draining;
    return { ready: !draining && entries.every(([, r]) => r === 'ok'), draining, checks };
  }

  private async passes(check: ReadinessCheck): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        check(),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), this.timeoutMs))),
      ]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The database answers, and every migration this build knows is applied (once seen applied, they stay so). */
export function storeReadiness(db: Db, readiness = new Readiness()): Readiness {
  let migrated = false;
  readiness.add('database', () => ping(db));
  readiness.add('migrations', async () => {
    if (migrated) return;
    const pending = await pendingMigrations(db);
    if (pending.length) throw new Error(`pending migrations: ${pending.join(', ')}`);
    migrated = true;
  });
  return readiness;
}
