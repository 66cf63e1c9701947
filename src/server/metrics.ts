import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { jobRows, outbox, type Db } from '../store/repositories';
import { streamFigures } from './sse';

/** Prometheus metrics at /metrics: HTTP latency, job outcomes and queue depth, process defaults. */
export function registerMetrics(app: FastifyInstance, db: Db): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'koe_' });
  const http = new Histogram({
    name: 'koe_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new Gauge({
    name: 'koe_jobs',
    help: 'Jobs by status',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const [status, n] of Object.entries(await jobRows.countsByStatus(db))) this.set({ status }, n);
    },
  });
  // Per job kind: what waits, what is due, and how late the oldest due job is (lag: a worker shortage shows here first).
  // One query per scrape for the three gauges (prom-client collects them concurrently): a read shared for a second.
  let queue: { at: number; rows: Promise<Awaited<ReturnType<typeof jobRows.queueByName>>> } | null = null;
  const queueRows = () => {
    const now = Date.now();
    if (!queue || now - queue.at > 1000)
      queue = { at: now, rows: jobRows.queueByName(db, new Date(now).toISOString()) };
    return queue;
  };
  type KindRow = Awaited<ReturnType<typeof jobRows.queueByName>>[number];
  const perKind: Array<{ name: string; help: string; value: (r: KindRow, at: number) => number }> = [
    { name: 'koe_job_queue_depth', help: 'Queued jobs by kind (due now or later)', value: (r) => r.queued },
    { name: 'koe_job_queue_due', help: 'Queued jobs by kind whose run time has come', value: (r) => r.due },
    {
      name: 'koe_job_queue_lag_seconds',
      help: 'By kind: how long the oldest due job has waited past its run time',
      value: (r, at) => (r.oldestDue ? Math.max(0, (at - Date.parse(r.oldestDue)) / 1000) : 0),
    },
  ];
  for (const { name, help, value } of perKind)
    new Gauge({
      name,
      help,
      labelNames: ['name'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        const { at, rows } = queueRows();
        for (const r of await rows) this.set({ name: r.name }, value(r, at));
      },
    });
  new Gauge({
    name: 'koe_realtime_streams',
    help: 'Event streams (agents and widgets) open on this process',
    registers: [registry],
    collect() {
      this.set(streamFigures.open);
    },
  });
  new Gauge({
    name: 'koe_realtime_events_written',
    help: 'Realtime events written to event streams by this process since it started (fan-out)',
    registers: [registry],
    collect() {
      this.set(streamFigures.eventsWritten);
    },
  });
  new Gauge({
    name: 'koe_outbox',
    help: 'Replies in the outbox by delivery status',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const [status, n] of Object.entries(await outbox.countsByStatus(db))) this.set({ status }, n);
    },
  });
  app.addHook('onResponse', async (req, reply) => {
    if (req.url === '/metrics') return;
    http.observe(
      { method: req.method, route: req.routeOptions.url ?? 'unknown', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
  return registry;
}
