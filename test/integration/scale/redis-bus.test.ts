import { afterAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { RedisLeases } from '../../../src/jobs/lease';
import type { RealtimeEvent } from '../../../src/realtime/bus';
import { openRedis, type RedisConnections } from '../../../src/realtime/redis';
import { RedisBus } from '../../../src/realtime/redis-bus';
import { waitFor } from '../harness';

/** The Redis realtime bus and singleton leases against a real Redis (KOE_TEST_REDIS_URL; CI sets it). */
const REDIS = process.env.KOE_TEST_REDIS_URL;
if (!REDIS) console.log('scale/redis-bus: skipped (set KOE_TEST_REDIS_URL, e.g. redis://127.0.0.1:6379)');
const log = pino({ level: 'silent' });
const prefix = `koe-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}:`;
const opened: RedisConnections[] = [];
const connect = async () => {
  const c = await openRedis(REDIS!, prefix, log);
  opened.push(c);
  return c;
};
/** What the SSE layer writes for an event. */
const sse = (e: RealtimeEvent) => `event: ${e.type}\ndata: ${JSON.stringify(e.data)}\n\n`;

describe.skipIf(!REDIS)('Redis realtime bus and leases', () => {
  afterAll(async () => {
    await Promise.all(opened.map((c) => c.close()));
  });

  it('carries an event to another process exactly as the SSE layer would write it, and once to this one', async () => {
    const [one, two] = [new RedisBus(await connect(), log), new RedisBus(await connect(), log)];
    const there: RealtimeEvent[] = [];
    const here: RealtimeEvent[] = [];
    two.subscribe('workspace:w1', (e) => there.push(e));
    one.subscribe('workspace:w1', (e) => here.push(e));
    await new Promise((r) => setTimeout(r, 100)); // SUBSCRIBE reaches Redis
    const event: RealtimeEvent = {
      type: 'message.created',
      data: { id: 'm1', text: 'こんにちは 👋\n"quoted"', at: new Date('2026-12-07T10:00:00Z'), note: undefined, n: 0 },
    };
    one.publish('workspace:w1', event);
    one.publish('workspace:other', { type: 'x', data: 1 });
    await waitFor(async () => there.length === 1);
    expect(sse(there[0])).toBe(sse(event));
    expect(here.map(sse)).toEqual([sse(event)]);
    await new Promise((r) => setTimeout(r, 100));
    expect(here).toHaveLength(1); // not again when Redis echoes it back
    expect(there).toHaveLength(1);
  });

  it('keeps one Redis subscription per topic however many listeners a process has', async () => {
    const conn = await connect();
    const bus = new RedisBus(conn, log);
    const channel = `${prefix}rt:workspace:w2`;
    const numsub = async () => ((await conn.commands.pubsub('NUMSUB', channel)) as [string, number])[1];
    const offs = [bus.subscribe('workspace:w2', () => {}), bus.subscribe('workspace:w2', () => {})];
    await waitFor(async () => (await numsub()) === 1);
    offs[0]();
    offs[0]();
    await new Promise((r) => setTimeout(r, 50));
    expect(await numsub()).toBe(1);
    offs[1]();
    await waitFor(async () => (await numsub()) === 0);
  });

  it('survives losing its Redis connections: publishing does not throw, and delivery resumes after reconnecting', async () => {
    const [a, b] = [await connect(), await connect()];
    const [one, two] = [new RedisBus(a, log), new RedisBus(b, log)];
    const got: unknown[] = [];
    two.subscribe('agent:x', (e) => got.push(e.data));
    await new Promise((r) => setTimeout(r, 100));
    // Redis drops both of the receiving process's connections and the sender's (a restart, a network blip).
    const admin = a.subscriber.duplicate();
    for (const c of [a.commands, b.subscriber]) await admin.client('KILL', 'ID', String(await c.client('ID')));
    await admin.quit();
    expect(() => one.publish('agent:x', { type: 't', data: 'during' })).not.toThrow();
    await waitFor(async () => a.commands.status === 'ready' && b.subscriber.status === 'ready', 10_000);
    await waitFor(async () => {
      one.publish('agent:x', { type: 't', data: 'after' });
      await new Promise((r) => setTimeout(r, 50));
      return got.includes('after');
    }, 10_000);
  });

  it('runs a singleton in one process at a time and hands it over when the holder dies', async () => {
    const [a, b] = [await connect(), await connect()];
    const running: string[] = [];
    const singleton = (who: string) => async () => {
      running.push(who);
      return async () => void running.splice(running.indexOf(who), 1);
    };
    const ttlMs = 600;
    const leasesA = new RedisLeases(a.commands, { prefix, ttlMs, log });
    const leasesB = new RedisLeases(b.commands, { prefix, ttlMs, log });
    const stopA = await leasesA.hold('poller', singleton('a'));
    const stopB = await leasesB.hold('poller', singleton('b'));
    expect(running).toEqual(['a']);
    await new Promise((r) => setTimeout(r, ttlMs * 2)); // renewed meanwhile: still a alone
    expect(running).toEqual(['a']);
    // Process a dies: its connection goes and nothing renews or releases the lease.
    a.commands.disconnect();
    const died = Date.now();
    await waitFor(async () => running.includes('b'), 5_000);
    expect(Date.now() - died).toBeLessThan(ttlMs * 3);
    // a, cut off, stopped its own copy before the lease could pass to b.
    expect(running).toEqual(['b']);
    await stopB();
    expect(running).toEqual([]);
    await stopA();
  });
});
