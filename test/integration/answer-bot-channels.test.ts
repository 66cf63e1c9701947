import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiDirectory, startSandbox, type Sandbox } from '../../src/sandbox';
import { dialects, openDesk, waitFor, type OpenDesk } from './harness';

const KB = readFileSync(new URL('../fixtures/bot/kb.jsonl', import.meta.url), 'utf8');

/** The bot on the platforms' own chats: LINE's quick-reply button hands over; a public comment is never answered. */
describe.each(dialects)('the answer bot on LINE and Facebook (%s)', (dialect) => {
  let desk: OpenDesk;
  let sandbox: Sandbox;

  beforeAll(async () => {
    desk = await openDesk(dialect);
    expect((await desk.admin.post('/api/kb/import', { text: KB })).status).toBe(200);
    const token = (await desk.admin.post('/api/tokens', { name: 'sandbox' })).body.token;
    sandbox = await startSandbox({ port: 0, ratePerMinute: 0 });
    await sandbox.connect(desk.koe.base, apiDirectory(desk.koe.base, token));
    for (const c of (await desk.admin.get('/api/channels')).body.items as any[])
      if (c.kind === 'line' || c.kind === 'facebook')
        expect((await desk.admin.put(`/api/channels/${c.id}/answer-bot`, { enabled: true })).status).toBe(200);
  }, 30_000);
  afterAll(async () => {
    await sandbox?.stop();
    await desk?.close();
  });

  /** The conversation the customer's message (by its text) went into, once processed. */
  const conversationOf = (platform: string, text: string) =>
    waitFor(async () => {
      await desk.koe.koe.jobs.drain();
      return desk.koe.koe.db
        .selectFrom('messages')
        .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
        .innerJoin('channels', 'channels.id', 'conversations.channel_id')
        .select(['conversations.id', 'conversations.status', 'conversations.bot_state'])
        .where('channels.kind', '=', platform)
        .where('messages.text', '=', text)
        .orderBy('messages.created_at', 'desc')
        .executeTakeFirst();
    }, 10_000);

  it('answers a LINE question with a "talk to a person" quick reply, and a tap hands the conversation over', async () => {
    const entry = await sandbox.sendOne('line', '駐車場はありますか？', { visibility: 'private' });
    await conversationOf('line', entry.text);
    const answer = await waitFor(async () => {
      await desk.koe.koe.jobs.drain();
      return sandbox.world.transcript
        .list('line')
        .find((e) => e.author === 'brand' && e.customer.id === entry.customer.id && e.text.includes('自動応答'));
    }, 10_000);
    expect(answer.choices?.map((c) => c.label)).toEqual(['担当者と話す']);
    const before = await conversationOf('line', entry.text);
    expect(before).toMatchObject({ status: 'pending', bot_state: 'answered' });

    await sandbox.tap(answer.id, '担当者と話す');
    const after = await waitFor(async () => {
      await desk.koe.koe.jobs.drain();
      const c = await conversationOf('line', entry.text);
      return c.bot_state === 'handed_over' ? c : null;
    }, 10_000);
    expect(after.status).toBe('open');
    const thread = (await desk.admin.get(`/api/conversations/${after.id}/messages`)).body.items as any[];
    expect(thread.map((m) => m.localized?.ja)).toContain(
      '自動応答から担当者に引き継ぎました: お客様が担当者との会話を希望しました',
    );
  });

  it('never answers a public comment, even a plain question it could answer', async () => {
    const entry = await sandbox.sendOne('facebook', '駐車場はありますか？', { visibility: 'public' });
    const conv = await conversationOf('facebook', entry.text);
    await desk.koe.koe.jobs.drain();
    const thread = (await desk.admin.get(`/api/conversations/${conv.id}/messages`)).body.items as any[];
    expect(thread.filter((m) => m.author.type === 'bot')).toEqual([]);
    expect(conv.bot_state).toBeNull();
    // The same question by private message is answered: the refusal above is the post's visibility, not the words.
    const dm = await sandbox.sendOne('facebook', '駐車場はありますか？', { visibility: 'private' });
    await waitFor(async () => {
      await desk.koe.koe.jobs.drain();
      return sandbox.world.transcript
        .list('facebook')
        .find((e) => e.author === 'brand' && e.customer.id === dm.customer.id && e.text.includes('自動応答'));
    }, 10_000);
  });
});
