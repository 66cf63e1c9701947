import type { Logger } from 'pino';

/**
 * Runs `round` every `everyMs` in this process, never two at once (a slow round skips the ticks it overlaps), with
 * failures logged and retried at the next tick. For upkeep that is safe in several processes at once and exact
 * without it (folding inbox-count moves, refreshing report facts). The timer does not keep the process alive.
 * Returns the stop function, which waits for a round in progress.
 */
export function startPeriodic(
  what: string,
  round: () => Promise<unknown>,
  deps: { log: Logger },
  everyMs: number,
): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = round()
      .catch((err: unknown) => deps.log.warn({ err }, `${what} failed; the next round retries`))
      .finally(() => (running = null));
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
