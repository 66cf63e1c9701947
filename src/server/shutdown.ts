import type { FastifyInstance } from 'fastify';
import type { Koe } from './context';

/**
 * A graceful stop (SIGTERM from an orchestrator, Ctrl-C): not ready at once, so load balancers send new traffic
 * elsewhere; the HTTP server stops accepting connections, ends event streams and lets in-flight requests finish; then
 * background work stops and the job runner waits for the jobs it is running; the database closes last. Jobs still
 * queued stay in the database for the next process. Returns false when the deadline passed first: the caller exits
 * anyway, and a job cut short is retried when its lock lapses (or at once on the next start of an SQLite desk).
 */
export async function shutDown(
  parts: { app: FastifyInstance; koe: Koe; before?: () => Promise<void> },
  timeoutMs: number,
): Promise<boolean> {
  const { app, koe } = parts;
  koe.readiness.startDraining();
  let step = 'starting';
  const steps = async () => {
    step = 'stopping the sandbox';
    await parts.before?.();
    step = 'finishing in-flight requests';
    // server.close() closes the connections idle at that moment; one whose request finishes later stays open as an
    // idle keep-alive until its timeout (72 s in Fastify), holding the drain. Close those as they become idle.
    const reap = setInterval(() => app.server.closeIdleConnections(), 100);
    try {
      await app.close();
    } finally {
      clearInterval(reap);
    }
    step = 'finishing running jobs';
    await koe.close();
  };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  const finished = steps().then(
    () => true as const,
    (err: unknown) => {
      koe.log.error({ err, step }, 'shutdown failed');
      return false as const;
    },
  );
  const done = await Promise.race([finished, deadline]);
  clearTimeout(timer);
  if (done) koe.log.info('shut down cleanly');
  else {
    // How many connections the HTTP server still held: what an operator (or a test) needs to tell why it waited.
    const connections = await new Promise<number>((resolve) => app.server.getConnections((_e, n) => resolve(n ?? -1)));
    koe.log.warn({ step, timeoutMs, connections }, 'shutdown deadline passed; exiting anyway');
  }
  return done;
}
