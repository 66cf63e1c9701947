import { describe, expect, it } from 'vitest';
import { InProcessBus, topics, type RealtimeEvent } from './bus';
import { ConversationViewers } from './viewers';

function setup() {
  let now = 1_000_000;
  const bus = new InProcessBus();
  const events: RealtimeEvent[] = [];
  bus.subscribe(topics.workspace('w1'), (e) => events.push(e));
  const viewers = new ConversationViewers(bus, { ttlMs: 30_000, now: () => now });
  return { viewers, events, tick: (ms: number) => (now += ms) };
}

const sato = { id: 'a1', name: '佐藤' };
const suzuki = { id: 'a2', name: '鈴木' };

describe('conversation viewers', () => {
  it('announces who opens, types, stops typing and leaves; a repeated heartbeat is not news', () => {
    const { viewers, events } = setup();
    viewers.touch('w1', 'c1', sato, false);
    viewers.touch('w1', 'c1', sato, false);
    viewers.touch('w1', 'c1', suzuki, true);
    viewers.touch('w1', 'c1', suzuki, false);
    viewers.leave('c1', 'a1');
    viewers.leave('c1', 'a1');
    expect(events.map((e) => e.data)).toEqual([
      { conversationId: 'c1', viewers: [{ id: 'a1', name: '佐藤', typing: false }] },
      {
        conversationId: 'c1',
        viewers: [
          { id: 'a1', name: '佐藤', typing: false },
          { id: 'a2', name: '鈴木', typing: true },
        ],
      },
      {
        conversationId: 'c1',
        viewers: [
          { id: 'a1', name: '佐藤', typing: false },
          { id: 'a2', name: '鈴木', typing: false },
        ],
      },
      { conversationId: 'c1', viewers: [{ id: 'a2', name: '鈴木', typing: false }] },
    ]);
    expect(events.every((e) => e.type === 'conversation.viewers')).toBe(true);
  });

  it('drops a tab that stopped reporting once the time to live passes, and keeps one that still reports', () => {
    const { viewers, events, tick } = setup();
    viewers.touch('w1', 'c1', sato, true);
    viewers.touch('w1', 'c1', suzuki, false);
    tick(20_000);
    viewers.touch('w1', 'c1', suzuki, false);
    tick(15_000);
    viewers.sweep();
    expect(viewers.of('c1')).toEqual([{ id: 'a2', name: '鈴木', typing: false }]);
    expect(events.at(-1)?.data).toEqual({ conversationId: 'c1', viewers: [{ id: 'a2', name: '鈴木', typing: false }] });
    tick(31_000);
    viewers.sweep();
    expect(viewers.of('c1')).toEqual([]);
    expect(viewers.inWorkspace('w1')).toEqual([]);
    expect(events.at(-1)?.data).toEqual({ conversationId: 'c1', viewers: [] });
  });

  it('lists a workspace’s viewed conversations only', () => {
    const { viewers } = setup();
    viewers.touch('w1', 'c1', sato, false);
    viewers.touch('w2', 'c9', suzuki, true);
    expect(viewers.inWorkspace('w1')).toEqual([
      { conversationId: 'c1', viewers: [{ id: 'a1', name: '佐藤', typing: false }] },
    ]);
  });
});

describe('conversation viewers across processes', () => {
  /** Two web processes sharing one bus (Redis in production), each with its own picture of who views what. */
  function twoProcesses() {
    let now = 1_000_000;
    const bus = new InProcessBus();
    const events: RealtimeEvent[] = [];
    bus.subscribe(topics.workspace('w1'), (e) => events.push(e));
    const a = new ConversationViewers(bus, { ttlMs: 30_000, now: () => now });
    const b = new ConversationViewers(bus, { ttlMs: 30_000, now: () => now });
    const stops = [a.start(60_000), b.start(60_000)];
    return { a, b, events, tick: (ms: number) => (now += ms), stop: () => Promise.all(stops.map((s) => s())) };
  }

  it('shows agents on different processes to each other, from either process', async () => {
    const { a, b, events, stop } = twoProcesses();
    a.touch('w1', 'c1', sato, false);
    b.touch('w1', 'c1', suzuki, true);
    const both = [
      { id: 'a1', name: '佐藤', typing: false },
      { id: 'a2', name: '鈴木', typing: true },
    ];
    expect(a.of('c1')).toEqual(both);
    expect(b.of('c1')).toEqual(both);
    expect(a.inWorkspace('w1')).toEqual([{ conversationId: 'c1', viewers: both }]);
    expect(events.at(-1)?.data).toEqual({ conversationId: 'c1', viewers: both });
    // The goodbye reaches the other process, which announces the list without 佐藤.
    a.leave('c1', 'a1');
    expect(b.of('c1')).toEqual([{ id: 'a2', name: '鈴木', typing: true }]);
    expect(events.at(-1)?.data).toEqual({ conversationId: 'c1', viewers: [{ id: 'a2', name: '鈴木', typing: true }] });
    await stop();
  });

  it('drops a silent tab everywhere after the time to live, announced by the process it reported to', async () => {
    const { a, b, events, tick, stop } = twoProcesses();
    a.touch('w1', 'c1', sato, false);
    b.touch('w1', 'c1', suzuki, false);
    tick(20_000);
    b.touch('w1', 'c1', suzuki, false);
    tick(15_000);
    const before = events.length;
    b.sweep();
    expect(events.length).toBe(before); // 佐藤 reported to process a: b drops the tab silently
    a.sweep();
    expect(events.length).toBe(before + 1);
    expect(events.at(-1)?.data).toEqual({ conversationId: 'c1', viewers: [{ id: 'a2', name: '鈴木', typing: false }] });
    expect(a.of('c1')).toEqual(b.of('c1'));
    await stop();
  });

  it('never streams the processes’ own presence notes on a workspace topic', async () => {
    const { a, b, events, stop } = twoProcesses();
    a.touch('w1', 'c1', sato, false);
    b.leave('c1', 'a1');
    expect(events.every((e) => e.type === 'conversation.viewers')).toBe(true);
    await stop();
  });
});
