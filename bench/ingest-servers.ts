// The servers `npm run bench -- ingest` and `-- e2e` measure, each in its own process so the load generator does not
// share their event loop: `koe` is the real server (createKoe + buildApp, as `koe start` runs it) on KOE_DATA_DIR;
// `echo` is a bare Fastify app answering a POST with the JSON it was sent; `pipe` is a bare Fastify app that writes each
// POST's JSON at once as an event to every open Server-Sent Events stream (`GET /stream`); `line-api` is LINE's
// Messaging API as far as Koe calls it while processing (profiles answered after KOE_BENCH_LINE_API_MS, replies and
// pushes accepted). Each tells its port to the parent over IPC.
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import pino from 'pino';
import { loadConfig } from '../src/config/config';
import { buildApp } from '../src/server/app';
import { createKoe } from '../src/server/context';

const mode = process.argv[2];
const listening = (port: number) => process.send!({ port });
const portOf = (addr: string | AddressInfo | null) => (typeof addr === 'object' && addr ? addr.port : 0);

if (mode === 'koe') {
  if (process.env.KOE_BENCH_SQL_STATS) await import('./sql-stats');
  const config = loadConfig({ ...process.env, PORT: '0' });
  // Logged at the configured level (info by default, as deployed) to stdout, which the bench discards.
  const koe = await createKoe(config, { log: pino({ level: config.logLevel }) });
  const app = await buildApp(koe, { webDist: '/nonexistent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  listening(portOf(app.server.address()));
  process.on('SIGTERM', () => void app.close().then(() => koe.close().then(() => process.exit(0))));
} else if (mode === 'echo') {
  const app = Fastify();
  app.post('/echo', async (req) => req.body);
  await app.listen({ port: 0, host: '127.0.0.1' });
  listening(portOf(app.server.address()));
} else if (mode === 'pipe') {
  const app = Fastify();
  const streams = new Set<ServerResponse>();
  app.get('/stream', (req, reply) => {
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    reply.raw.write(': connected\n\n');
    streams.add(reply.raw);
    req.raw.on('close', () => streams.delete(reply.raw));
  });
  app.post('/push', async (req) => {
    const data = JSON.stringify(req.body);
    for (const s of streams) s.write(`event: message.created\ndata: ${data}\n\n`);
    return { ok: true };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  listening(portOf(app.server.address()));
} else if (mode === 'line-api') {
  const delayMs = Number(process.env.KOE_BENCH_LINE_API_MS ?? 50);
  const app = Fastify();
  const later = <T>(v: T) => new Promise<T>((r) => setTimeout(() => r(v), delayMs));
  app.get<{ Params: { userId: string } }>('/v2/bot/profile/:userId', ({ params }) =>
    later({ userId: params.userId, displayName: `ベンチ ${params.userId.slice(-6)}`, language: 'ja' }),
  );
  app.get('/v2/bot/info', () => later({ userId: 'Ubot', basicId: '@bench', displayName: 'bench' }));
  app.post('/v2/bot/message/*', () => later({ sentMessages: [{ id: String(Date.now()), quoteToken: 'q' }] }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  listening(portOf(app.server.address()));
} else {
  throw new Error(`unknown server: ${mode}`);
}
