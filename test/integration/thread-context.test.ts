import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/store/repositories';
import { dialects, openDesk, Visitor, type OpenDesk } from './harness';

/** Triage of a customer message reads the customer's latest messages in the thread (desk/process-inbound.ts). */
describe.each(dialects)('the thread triage reads (%s)', (dialect) => {
  let desk: OpenDesk;
  beforeAll(async () => {
    desk = await openDesk(dialect);
  });
  afterAll(async () => {
    await desk?.close();
  });

  /** The priority reason for repeated posts on the newest customer message with this text. */
  const repeatOf = async (text: string) => {
    const row = await desk.koe.koe.db
      .selectFrom('messages')
      .select('triage')
      .where('kind', '=', 'customer')
      .where('text', '=', text)
      .executeTakeFirstOrThrow();
    const reasons = JSON.parse(row.triage!).reasons as { kind: string; code: string; evidence: string }[];
    return reasons.find((r) => r.kind === 'priority' && r.code === 'repeat')?.evidence ?? null;
  };

  it("counts the customer's posts of the last day, the new one included, however long the thread", async () => {
    const v = new Visitor(desk.koe.base, desk.channel.publicKey);
    await v.open();
    await v.say('注文した商品がまだ届きません');
    await desk.koe.koe.jobs.drain();
    expect(await repeatOf('注文した商品がまだ届きません')).toBeNull(); // a first post is no repeat
    await v.say('昨日から待っています');
    await desk.koe.koe.jobs.drain();
    await v.say('いつ届きますか？');
    await desk.koe.koe.jobs.drain();
    expect(await repeatOf('いつ届きますか？')).toBe('3');
    // A long thread: 120 more of the customer's messages of the last hours, then one more from the widget.
    const { conversation_id } = await desk.koe.koe.db
      .selectFrom('messages')
      .select('conversation_id')
      .where('text', '=', 'いつ届きますか？')
      .executeTakeFirstOrThrow();
    for (let i = 1; i <= 120; i++)
      await messages.create(desk.koe.koe.db, {
        conversationId: conversation_id,
        kind: 'customer',
        text: `まだですか (${i})`,
        authorType: 'customer',
        authorId: null,
        authorName: 'visitor',
        createdAt: new Date(Date.now() - (121 - i) * 60_000).toISOString(),
      });
    await v.say('返事をください');
    await desk.koe.koe.jobs.drain();
    // Read up to the newest 100 customer messages: the count stops there (the signal stopped growing at 5).
    expect(await repeatOf('返事をください')).toBe('100');
  });
});
