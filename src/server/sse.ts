import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RealtimeBus, RealtimeEvent } from '../realtime/bus';

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
    if (e) res.write(`event: ${e.type}\ndata: ${JSON.stringify(e.data)}\n\n`);
  };
  const unsubscribers = (Array.isArray(topic) ? topic : [topic]).map((t) => bus.subscribe(t, write));
  const unsubscribe = () => unsubscribers.forEach((u) => u());
  const heartbeat = setInterval(() => res.write(': ping\n\n'), 20_000);
  const close = () => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  req.raw.on('close', close);
  res.on('error', close);
}
