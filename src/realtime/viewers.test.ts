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
