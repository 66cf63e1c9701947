import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suggestArticles } from '../../src/desk/answer-bot';
import { dialects, openDesk, Visitor, type OpenDesk } from './harness';

const KB = readFileSync(new URL('../fixtures/bot/kb.jsonl', import.meta.url), 'utf8');
const titleOf = (slug: string, lang: 'ja' | 'en') =>
  KB.split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { article: string; lang: string; title: string })
    .find((a) => a.article === slug && a.lang === lang)!.title;

describe.each(dialects)('the answer bot (%s)', (dialect) => {
  let desk: OpenDesk;

  beforeAll(async () => {
    desk = await openDesk(dialect);
    const imported = await desk.admin.post('/api/kb/import', { text: KB });
    expect(imported.status).toBe(200);
    const on = await desk.admin.put(`/api/channels/${desk.channel.id}/answer-bot`, { enabled: true });
    expect(on.status).toBe(200);
    expect(on.body.answerBot).toBe(true);
  }, 30_000);
  afterAll(async () => {
    await desk?.close();
  });

  const thread = async (conversationId: string) =>
    (await desk.admin.get(`/api/conversations/${conversationId}/messages`)).body.items as any[];
  const conversation = async (id: string) => (await desk.admin.get(`/api/conversations/${id}`)).body;
  /** The visitor writes; resolves with their conversation once the route job has run. */
  const ask = async (visitor: Visitor, text: string) => {
    if (!visitor.token) await visitor.open();
    await visitor.say(text);
    await desk.koe.koe.jobs.drain();
    return latestOf(visitor);
  };
  const latestOf = async (visitor: Visitor) => {
    const mine = (await visitor.history()).filter((m) => m.from === 'customer');
    const last = mine[mine.length - 1];
    const row = await desk.koe.koe.db
      .selectFrom('messages')
      .select('conversation_id')
      .where('id', '=', last.id)
      .executeTakeFirstOrThrow();
    return conversation(row.conversation_id);
  };
  const botReplies = (items: any[]) => items.filter((m) => m.author.type === 'bot');
  const workspaceOf = async (conversationId: string) =>
    (
      await desk.koe.koe.db
        .selectFrom('conversations')
        .select('workspace_id')
        .where('id', '=', conversationId)
        .executeTakeFirstOrThrow()
    ).workspace_id;

  it('answers a plain question from the matching article, marked as automatic, and leaves it waiting on the customer', async () => {
    const visitor = new Visitor(desk.koe.base, desk.channel.publicKey);
    const conv = await ask(visitor, '駐車場はありますか？');
    const items = await thread(conv.id);
    const [reply] = botReplies(items);
    expect(reply).toMatchObject({ kind: 'reply', author: { type: 'bot', name: '自動応答' } });
    expect(reply.text).toContain('【自動応答】');
    expect(reply.text).toContain(`「${titleOf('store-parking', 'ja')}」`);
    expect(reply.delivery.status).toBe('sent');
    expect(conv.status).toBe('pending');
    expect(conv.assignee).toBeNull();
    // The visitor saw it in the widget, with the button to reach a person.
    const seen = (await visitor.history()).find((m) => m.id === reply.id);
    expect(seen).toMatchObject({ from: 'agent', authorName: '自動応答' });

    // "Talk to a person": the conversation goes back to the agents, with a line saying why.
    const after = await ask(visitor, '担当者と話す');
    expect(after.id).toBe(conv.id);
    expect(after.status).toBe('open');
    const lines = await thread(conv.id);
    expect(botReplies(lines)).toHaveLength(1);
    expect(lines.map((m) => m.localized?.ja ?? m.text)).toContain(
      '自動応答から担当者に引き継ぎました: お客様が担当者との会話を希望しました',
    );
    const stored = await desk.koe.koe.db
      .selectFrom('conversations')
      .select(['bot_state'])
      .where('id', '=', conv.id)
      .executeTakeFirstOrThrow();
    expect(stored.bot_state).toBe('handed_over');
  });

  it('answers in English, and hands over when the customer writes again', async () => {
    const visitor = new Visitor(desk.koe.base, desk.channel.publicKey);
    const conv = await ask(visitor, 'How do I use a coupon?');
    const [reply] = botReplies(await thread(conv.id));
    expect(reply.author.name).toBe('Automatic answer');
    expect(reply.text).toContain('[Automatic answer]');
    expect(reply.text).toContain(`"${titleOf('coupon-use', 'en')}"`);
    const after = await ask(visitor, 'And can I use two coupons at once?');
    expect(after.status).toBe('open');
    const lines = await thread(conv.id);
    expect(botReplies(lines)).toHaveLength(1);
    expect(lines.map((m) => m.localized?.en)).toContain(
      'The answer bot handed over: the customer wrote again after its answer',
    );
  });

  it.each([
    ['negative', '駐車場がないなんて不便すぎ。ほんとに駐車場ないんですか？'],
    ['urgent', 'この前の注文、請求が二重になってます'],
    ['level 2', "I need a receipt for my company's expense claim, where can I get one?"],
    ['low confidence', 'お店でApple Payって使えますか？'],
  ])('leaves a %s message to the agents', async (_why, text) => {
    const conv = await ask(new Visitor(desk.koe.base, desk.channel.publicKey), text);
    expect(botReplies(await thread(conv.id))).toEqual([]);
    expect(conv.status).toBe('open');
  });

  it("suggests the articles matching the customer's last message to agents, in the customer's language", async () => {
    const conv = await ask(
      new Visitor(desk.koe.base, desk.channel.publicKey),
      'Is there parking at the Kichijoji store?',
    );
    const r = await desk.admin.get(`/api/conversations/${conv.id}/article-suggestions`);
    expect(r.status).toBe(200);
    expect(r.body.lang).toBe('en');
    expect(r.body.items.length).toBeGreaterThan(0);
    expect(r.body.items.length).toBeLessThanOrEqual(3);
    expect(r.body.items[0]).toMatchObject({ lang: 'en', title: titleOf('store-parking', 'en'), url: null });
    expect(r.body.items[0].excerpt.length).toBeGreaterThan(10);
    expect((await desk.admin.get('/api/conversations/nope/article-suggestions')).status).toBe(404);
  });

  it("links articles to the workspace's own help center once it is on and Koe knows its public address", async () => {
    const conv = await ask(new Visitor(desk.koe.base, desk.channel.publicKey), 'Do you have parking at Kichijoji?');
    const deps = { db: desk.koe.koe.db, publicUrl: 'https://desk.example' };
    const before = await suggestArticles(deps, await workspaceOf(conv.id), conv.id);
    expect(before.items[0].url).toBeNull(); // the help center is off
    const on = await desk.admin.patch('/api/kb/help-center', { enabled: true, slug: 'sakura' });
    expect(on.status).toBe(200);
    const after = await suggestArticles(deps, await workspaceOf(conv.id), conv.id);
    expect(after.items[0].url).toBe(`https://desk.example/help/sakura/en/articles/${after.items[0].articleId}`);
    // A configured template still wins.
    const templated = await suggestArticles(
      { ...deps, helpArticleUrl: 'https://help.example/a/{id}?hl={lang}' },
      await workspaceOf(conv.id),
      conv.id,
    );
    expect(templated.items[0].url).toBe(`https://help.example/a/${after.items[0].articleId}?hl=en`);
    expect((await desk.admin.patch('/api/kb/help-center', { enabled: false })).status).toBe(200);
  });

  it('stays quiet on a channel where the bot is off (the default)', async () => {
    const other = (await desk.admin.post('/api/channels', { kind: 'webchat', name: 'もう一つのチャット' })).body;
    expect(other.answerBot).toBe(false);
    const conv = await ask(new Visitor(desk.koe.base, other.publicKey), '駐車場はありますか？');
    expect(botReplies(await thread(conv.id))).toEqual([]);
    expect(conv.status).toBe('open');
  });

  it("counts the bot's answers, hand-overs and deflections for the reports", async () => {
    const botReplies = await desk.koe.koe.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('author_type', '=', 'bot')
      .executeTakeFirstOrThrow();
    const r = await desk.admin.get('/api/reports/answer-bot');
    expect(r.status).toBe(200);
    // The parking and coupon conversations above were handed over; any other answer is still deflected.
    expect(r.body.answered).toBe(Number(botReplies.n));
    expect(r.body.handedOver).toBe(2);
    expect(r.body.deflected).toBe(r.body.answered - 2);
    const past = await desk.admin.get('/api/reports/answer-bot?from=2020-01-01&to=2020-01-31');
    expect(past.body).toEqual({ answered: 0, handedOver: 0, deflected: 0 });
  });

  it('is refused on a channel of public posts (X), and the change is audited', async () => {
    const x = await desk.admin.post('/api/channels', {
      kind: 'x',
      name: 'X',
      credentials: { consumerSecret: 's', accessToken: 'a', userId: '1', handle: '@KoeMart', pollIntervalSeconds: 0 },
    });
    expect(x.status).toBe(201);
    expect((await desk.admin.put(`/api/channels/${x.body.id}/answer-bot`, { enabled: true })).status).toBe(400);
    const audit = (await desk.admin.get('/api/audit?limit=50')).body.items as any[];
    expect(audit.map((a) => a.action)).toContain('channel.answer_bot_changed');
  });
});
