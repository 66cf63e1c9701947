import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { RealtimeBus, RealtimeEvent, Listener } from './bus';
import type { RedisConnections } from './redis';

/** What travels on a Redis channel: the event and the process that published it. */
interface Envelope {
  origin: string;
  event: RealtimeEvent;
}

/**
 * The realtime bus across processes: every event is published on the Redis channel `<prefix>rt:<topic>`, and each
 * process subscribes to a topic's channel while at least one of its listeners (an SSE stream, presence) wants it.
 * Listeners in the publishing process are called at once, without the round trip and even while Redis is away; other
 * processes receive the event from Redis. Every listener, here or there, gets the event as it comes out of
 * JSON (what the SSE layer writes anyway), so behaviour never depends on which process published.
 * Delivery is at most once: an event published while Redis is unreachable reaches only this process's listeners.
 */
export class RedisBus implements RealtimeBus {
  private local = new EventEmitter();
  private listening = new Map<string, number>();
  private origin = randomUUID();
  private lastError = 0;

  constructor(
    private redis: RedisConnections,
    private log: Logger,
  ) {
    this.local.setMaxListeners(0);
    redis.subscriber.on('message', (channel: string, message: string) => this.received(channel, message));
  }

  publish(topic: string, event: RealtimeEvent): void {
    const wire = JSON.stringify({ origin: this.origin, event } satisfies Envelope);
    if (this.listening.has(topic)) this.local.emit(topic, (JSON.parse(wire) as Envelope).event);
    this.redis.commands.publish(this.channel(topic), wire).catch((err: unknown) => this.failed(err, topic));
  }

  subscribe(topic: string, listener: Listener): () => void {
    this.local.on(topic, listener);
    const n = (this.listening.get(topic) ?? 0) + 1;
    this.listening.set(topic, n);
    if (n === 1) this.redis.subscriber.subscribe(this.channel(topic)).catch((err: unknown) => this.failed(err, topic));
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.local.off(topic, listener);
      const left = this.listening.get(topic)! - 1;
      if (left > 0) return void this.listening.set(topic, left);
      this.listening.delete(topic);
      this.redis.subscriber.unsubscribe(this.channel(topic)).catch((err: unknown) => this.failed(err, topic));
    };
  }

  /** Topics this process listens to (tests, metrics). */
  topics(): string[] {
    return [...this.listening.keys()];
  }

  private channel(topic: string): string {
    return `${this.redis.prefix}rt:${topic}`;
  }

  private received(channel: string, message: string): void {
    const prefix = `${this.redis.prefix}rt:`;
    if (!channel.startsWith(prefix)) return;
    let envelope: Envelope;
    try {
      envelope = JSON.parse(message) as Envelope;
    } catch {
      return this.log.warn({ channel }, 'unreadable realtime message ignored');
    }
    if (envelope.origin === this.origin) return;
    this.local.emit(channel.slice(prefix.length), envelope.event);
  }

  private failed(err: unknown, topic: string): void {
    if (Date.now() - this.lastError < 10_000) return;
    this.lastError = Date.now();
    this.log.warn({ err: err instanceof Error ? err.message : String(err), topic }, 'realtime event not sent to Redis');
  }
}
