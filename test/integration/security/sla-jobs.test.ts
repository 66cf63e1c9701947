import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openDesk, Visitor, type OpenDesk } from '../harness';

// Each customer message used to queue its own `sla.check`, and each check rescheduled itself: 1,330 queued jobs for 48
// conversations after a short run.
describe.each(dialects)('SLA checks do not pile up (%s)', (dialect) => {
  let desk: OpenDesk;
  beforeAll(async () => {
    desk = await openDesk(dialect);
  });
  afterAll(() => desk.close());

  it('keeps at most one pending SLA check per conversation after many messages and replies', async () => {
    const visitors = Array.from({ length: 8 }, () => new Visitor(desk.koe.base, desk.channel.publicKey));
    for (const v of visitors) await v.open();
    for (let round = 0; round < 3; round++) {
      for (const [i, v] of visitors.entries())
        expect((await v.say(`注文 ${i} の件、まだですか（${round}）`)).status).toBe(202);
      await desk.koe.koe.jobs.drain();
      if (round === 1) {
        for (const c of (await desk.admin.get('/api/conversations?limit=100')).body.items as any[]) {
          expect(
            (await desk.admin.post(`/api/conversations/${c.id}/messages`, { text: '確認いたします。' })).status,
          ).toBe(201);
        }
        await desk.koe.koe.jobs.drain();
      }
    }
    const conversations = (await desk.admin.get('/api/conversations?limit=100')).body.items as any[];
    expect(conversations).toHaveLength(8);
    const queued = await desk.koe.koe.db
      .selectFrom('jobs')
      .select(['payload'])
      .where('name', '=', 'sla.check')
      .where('status', '=', 'queued')
      .execute();
    const perConversation = new Map<string, number>();
    for (const j of queued) {
      const id = JSON.parse(j.payload).conversationId as string;
      perConversation.set(id, (perConversation.get(id) ?? 0) + 1);
    }
    expect(queued.length).toBeGreaterThan(0);
    expect(queued.length).toBeLessThanOrEqual(conversations.length);
    expect([...perConversation.values()].every((n) => n === 1)).toBe(true);
  });
});
