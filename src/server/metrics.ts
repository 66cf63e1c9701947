import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { jobRows, outbox, type Db } from '../store/repositories';

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
