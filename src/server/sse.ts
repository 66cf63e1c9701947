import type { Server } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RealtimeBus, RealtimeEvent } from '../realtime/bus';

/** Open event streams per HTTP server, so a shutting-down server can end them (they never end by themselves). */
const openStreams = new WeakMap<Server, Set<() => void>>();

/** Realtime fan-out in this process, for /metrics: streams open now, and events written to them since start. */
export const streamFigures = { open: 0, eventsWritten: 0 };

/**
 * Ends every event stream the server holds (Fastify's preClose: before it waits for in-flight requests, which a stream
 * would otherwise hold open until the drain deadline). Browsers' EventSource reconnects after the `retry` delay, to
 * another process behind the load balancer or to this desk once it is back.
 */
export function endEventStreams(server: Server): number {
  const streams = openStreams.get(server);
  if (!streams) return 0;
  const n = streams.size;
  for (const end of [...streams]) end();
  return n;
}

/**
 * Streams bus events on `topic` as Server-Sent Events until the client goes away. A comment line every
 * 20 s keeps proxies from closing an idle stream; EventSource reconnects by itself.
 */
export function streamTopic(
  req: FastifyRequest,
  reply: FastifyReply,
  bus: RealtimeBus,
  topic: string | string[],
  map?: (e: RealtimeEvent) => RealtimeEvent | null,
): void {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string>),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 2000\n: connected\n\n');
  const write = (event: RealtimeEvent) => {
    const e = map ? map(event) : event;
    if (!e) return;
    res.write(`event: ${e.type}\ndata: ${JSON.stringify(e.data)}\n\n`);
    streamFigures.eventsWritten++;
  };
  const unsubscribers = (Array.isArray(topic) ? topic : [topic]).map((t) => bus.subscribe(t, write));
  const unsubscribe = () => unsubscribers.forEach((u) => u());
  const heartbeat = setInterval(() => res.write(': ping\n\n'), 20_000);
  const streams = openStreams.get(req.server.server) ?? new Set();
  openStreams.set(req.server.server, streams);
  streamFigures.open++;
  let closed = false;
  const close = () => {
    if (!closed) streamFigures.open--;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    streams.delete(end);
  };
  const end = () => {
    close();
    res.end();
  };
  streams.add(end);
  req.raw.on('close', close);
  res.on('error', close);
}
