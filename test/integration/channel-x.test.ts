import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openDesk, waitFor, type OpenDesk } from './harness';

interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: any;
}
interface Scripted {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

const fixtureText = (name: string) => readFileSync(path.resolve(import.meta.dirname, '../fixtures/x', name), 'utf8');
const fixture = (name: string) => JSON.parse(fixtureText(name));

/** X API v2 as Koe uses it: records calls, serves fixture timelines, and plays scripted errors per path. */
async function fakeXApi() {
  const calls: Call[] = [];
  const queued = new Map<string, Scripted[]>();
  let posted = 0;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://x');
      calls.push({
        method: req.method!,
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: raw ? JSON.parse(raw) : null,
      });
      const answer = (s: Scripted) => {
        res.writeHead(s.status, { 'content-type': 'application/json', ...s.headers });
        res.end(JSON.stringify(s.body));
      };
      const next = queued.get(url.pathname)?.shift();
      if (next) return answer(next);
      const window = { 'x-rate-limit-limit': '300', 'x-rate-limit-reset': String(Math.ceil(Date.now() / 1000) + 900) };
      if (url.pathname === '/2/users/me')
        return answer({ status: 200, body: { data: { id: '2244994945', name: 'Koeマート', username: 'KoeMart' } } });
      // Timelines ignore since_id on purpose: Koe must not duplicate what it already recorded.
      if (/^\/2\/users\/\d+\/mentions$/.test(url.pathname))
        return answer({
          status: 200,
          headers: { ...window, 'x-rate-limit-remaining': '299' },
          body: fixture('mentions-timeline.json'),
        });
      if (url.pathname === '/2/tweets/search/recent')
        return answer({
          status: 200,
          headers: { ...window, 'x-rate-limit-remaining': '0' },
          body: fixture('search-recent.json'),
        });
      if (req.method === 'POST' && url.pathname === '/2/tweets')
        return answer({
          status: 201,
          body: { data: { id: `19000000000000000${++posted}`, text: 'ok', edit_history_tweet_ids: [] } },
        });
      const dm = /^\/2\/dm_conversations\/with\/(\d+)\/messages$/.exec(url.pathname);
      if (req.method === 'POST' && dm)
        return answer({
          status: 201,
          body: { data: { dm_conversation_id: `2244994945-${dm[1]}`, dm_event_id: `17000000000000000${++posted}` } },
        });
      answer({ status: 404, body: { title: 'Not Found Error', detail: `no route ${url.pathname}` } });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    calls,
    script: (p: string, ...answers: Scripted[]) => queued.set(p, [...(queued.get(p) ?? []), ...answers]),
    posts: () => calls.filter((c) => c.method === 'POST' && c.path === '/2/tweets'),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const SECRET = 'x-consumer-secret-for-tests';
const sign = (raw: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(raw).digest('base64')}`;

describe.each(dialects)('X channel (%s)', (dialect) => {
  let desk: OpenDesk;
  let api: Awaited<ReturnType<typeof fakeXApi>>;
  let hooked: any;
  let polled: any;

  const deliver = (body: unknown, signature: string | null = null) => {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const sig = signature === null ? sign(raw) : signature;
    if (sig) headers['x-twitter-webhooks-signature'] = sig;
    return fetch(hooked.webhookUrl, { method: 'POST', headers, body: raw });
  };
  const inbound = async (channelId: string) =>
    Number(
      (
        await desk.koe.koe.db
          .selectFrom('inbound_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('channel_id', '=', channelId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const conversations = async (channelId: string) => {
    await desk.koe.koe.jobs.drain();
    return (await desk.admin.get(`/api/conversations?channel=${channelId}&limit=100`)).body.items as any[];
  };
  const conversationOf = (channelId: string, name: string) =>
    waitFor(async () => (await conversations(channelId)).find((c) => c.customer.name === name));
  const messagesOf = async (conversationId: string) =>
    (await desk.admin.get(`/api/conversations/${conversationId}/messages`)).body.items as any[];
  const reply = async (conversationId: string, text: string, status: 'sent' | 'failed' = 'sent') => {
    const m = (await desk.admin.post(`/api/conversations/${conversationId}/messages`, { text })).body;
    return waitFor(async () => {
      const found = (await messagesOf(conversationId)).find((x) => x.id === m.id);
      return found?.delivery?.status === status && found;
    }, 10_000);
  };

  beforeAll(async () => {
    desk = await openDesk(dialect);
    api = await fakeXApi();
    const base = { consumerSecret: SECRET, accessToken: 'user-token', apiBaseUrl: api.url, handle: '@KoeMart' };
    hooked = (
      await desk.admin.post('/api/channels', {
        kind: 'x',
        name: 'X (Account Activity)',
        credentials: { ...base, userId: '2244994945', pollIntervalSeconds: 0 },
      })
    ).body;
    polled = (
      await desk.admin.post('/api/channels', {
        kind: 'x',
        name: 'X (polling)',
        credentials: {
          ...base,
          bearerToken: 'app-token',
          userId: '3300000001',
          pollIntervalSeconds: 1,
          searchQuery: '#Koeマート -is:retweet',
        },
      })
    ).body;
    expect(hooked.webhookUrl).toBe(`${desk.koe.base}/webhooks/x/${hooked.id}`);
  });
  afterAll(async () => {
    await desk.close();
    await api.close();
  });

  it('answers the CRC challenge and rejects unsigned, wrongly signed and malformed deliveries', async () => {
    const crc = await fetch(`${hooked.webhookUrl}?crc_token=9b4507b3-9040-4669-9ca3-6b94edb50553`);
    expect(crc.status).toBe(200);
    expect(await crc.json()).toEqual({
      response_token: `sha256=${createHmac('sha256', SECRET).update('9b4507b3-9040-4669-9ca3-6b94edb50553').digest('base64')}`,
    });
    expect((await fetch(hooked.webhookUrl)).status).toBe(400);
    expect((await fetch(`${desk.koe.base}/webhooks/x/nope?crc_token=a`)).status).toBe(404);

    const body = fixtureText('tweet-create-mention.json');
    const missing = await deliver(body, '');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect((await deliver(body, sign(body, 'not-the-secret'))).status).toBe(401);
    expect((await deliver(body, sign(`${body} `))).status).toBe(401);
    expect(await inbound(hooked.id)).toBe(0);
    // Signed but unreadable: acknowledged (X disables failing webhooks), parked with the reason, never processed.
    expect((await deliver('{"tweet_create_events": [')).status).toBe(200);
    const failed = (await desk.admin.get('/api/admin/inbound-events?status=failed')).body.items as any[];
    expect(failed).toEqual([expect.objectContaining({ error: 'the body is not JSON' })]);
    await desk.koe.koe.db.deleteFrom('inbound_events').where('channel_id', '=', hooked.id).execute();
  });

  it('cannot be used to sign a forged delivery: the CRC route refuses anything but a token and is rate limited', async () => {
    // The attack: ask the CRC route to "answer" a JSON event, then post that event with the answer as signature.
    const forged = JSON.stringify({
      for_user_id: '2244994945',
      tweet_create_events: [
        { id_str: '1999999999999999999', text: '@KoeMart forged', user: { id_str: '66', screen_name: 'mallory' } },
      ],
    });
    const crc = await fetch(`${hooked.webhookUrl}?crc_token=${encodeURIComponent(forged)}`);
    expect(crc.status).toBe(400);
    expect(await crc.text()).not.toContain('sha256=');
    // Even a signature computed as the oracle would have done it gets nowhere, since the oracle no longer answers.
    expect((await fetch(`${hooked.webhookUrl}?crc_token=${'a'.repeat(200)}`)).status).toBe(400);
    expect(await inbound(hooked.id)).toBe(0);

    const statuses: number[] = [];
    for (let i = 0; i < 40; i++)
      statuses.push((await fetch(`${hooked.webhookUrl}?crc_token=token-${String(i).padStart(4, '0')}`)).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
  });

  it('records a mention once and replies publicly in its thread, then moves to DM when the customer writes privately', async () => {
    const body = fixtureText('tweet-create-mention.json');
    expect((await deliver(body)).status).toBe(200);
    expect((await deliver(body)).status).toBe(200); // X may deliver an event twice
    const conv = await conversationOf(hooked.id, '中村 陽子');
    expect((await messagesOf(conv.id)).map((m) => m.text)).toEqual([
      '@KoeMart 昨日注文した商品の請求が二重になっています。確認してください。',
    ]);
    const detail = (await desk.admin.get(`/api/conversations/${conv.id}`)).body;
    expect(detail.customer.identities).toEqual([
      expect.objectContaining({ externalId: '6253282', handle: 'yoko_nakamura' }),
    ]);
    const row = await desk.koe.koe.db
      .selectFrom('messages')
      .select('meta')
      .where('conversation_id', '=', conv.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.meta!)).toMatchObject({
      visibility: 'public',
      tweetId: '1852345678901234567',
      conversationId: '1852345678901234567',
      authorHandle: 'yoko_nakamura',
      url: 'https://x.com/yoko_nakamura/status/1852345678901234567',
    });

    await reply(conv.id, 'ご不便をおかけしております。DMで注文番号をお知らせいただけますか？');
    const post = api.posts().at(-1)!;
    expect(post.body).toEqual({
      text: 'ご不便をおかけしております。DMで注文番号をお知らせいただけますか？',
      reply: { in_reply_to_tweet_id: '1852345678901234567' },
    });
    expect(post.headers.authorization).toBe('Bearer user-token');

    expect((await deliver(fixture('direct-message.json'))).status).toBe(200);
    await waitFor(async () => {
      await desk.koe.koe.jobs.drain();
      return (await messagesOf(conv.id)).some((m) => m.text.startsWith('注文番号は A-55821'));
    });
    const postsBefore = api.posts().length;
    await reply(conv.id, '確認しました。返金手続きを進めます。');
    const dm = api.calls.filter((c) => c.path === '/2/dm_conversations/with/6253282/messages');
    expect(dm.map((c) => c.body)).toEqual([{ text: '確認しました。返金手続きを進めます。' }]);
    expect(api.posts()).toHaveLength(postsBefore);
  });

  it("ignores the brand's own posts and DMs and other activity", async () => {
    const before = await inbound(hooked.id);
    for (const name of ['tweet-create-own.json', 'direct-message-own.json', 'favorite-events.json'])
      expect((await deliver(fixtureText(name))).status).toBe(200);
    expect(await inbound(hooked.id)).toBe(before);
  });

  it("refuses a reply over 280 weighted characters, retries 429 once rate limits reset, and shows X's reason on refusal", async () => {
    expect((await deliver(fixtureText('tweet-create-reply-and-quote.json'))).status).toBe(200);
    const ken = await conversationOf(hooked.id, 'Ken Ito');
    const posts = api.posts().length;
    const tooLong = await reply(ken.id, 'あ'.repeat(141), 'failed');
    expect(tooLong.delivery.error).toContain('Too long for an X post: 282 of 280 weighted characters');
    expect(api.posts()).toHaveLength(posts); // refused before calling X

    const emily = await conversationOf(hooked.id, 'Emily Carter');
    api.script('/2/tweets', {
      status: 429,
      headers: { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(Math.ceil(Date.now() / 1000) + 1) },
      body: { title: 'Too Many Requests', detail: 'Too Many Requests', status: 429 },
    });
    await reply(emily.id, 'Thank you so much, Emily!');
    const attempts = api.posts().filter((p) => p.body.text === 'Thank you so much, Emily!');
    expect(attempts).toHaveLength(2);
    expect(attempts[1].body.reply).toEqual({ in_reply_to_tweet_id: '1852345678901239002' });

    api.script('/2/tweets', {
      status: 403,
      body: {
        title: 'Forbidden',
        detail: 'You are not allowed to create a Tweet with duplicate content.',
        status: 403,
      },
    });
    const refused = await reply(ken.id, 'お待たせしております。', 'failed');
    expect(refused.delivery.error).toBe('X: You are not allowed to create a Tweet with duplicate content.');
  });

  it('polls mentions and search without duplicates, keeps since-id cursors and honours rate-limit headers', async () => {
    const mentionCalls = () => api.calls.filter((c) => c.path === '/2/users/3300000001/mentions');
    await waitFor(async () => mentionCalls().length >= 3, 10_000);
    const convs = await waitFor(async () => {
      const c = await conversations(polled.id);
      return c.length === 3 && c;
    });
    expect(convs.map((c) => c.customer.name).sort()).toEqual(['Aiko Mori', '小林 翔', '山本 大輔'].sort());
    for (const c of convs) expect(await messagesOf(c.id)).toHaveLength(1);
    expect(await inbound(polled.id)).toBe(3);

    expect(mentionCalls()[0].query.get('start_time')).toBeTruthy();
    expect(mentionCalls()[1].query.get('since_id')).toBe('1852345678901240002');
    expect(mentionCalls()[0].headers.authorization).toBe('Bearer app-token');
    expect(mentionCalls()[0].query.get('expansions')).toBe('author_id');
    const search = api.calls.filter((c) => c.path === '/2/tweets/search/recent');
    expect(search).toHaveLength(1); // remaining 0 → paused until the window resets
    expect(search[0].query.get('query')).toBe('#Koeマート -is:retweet');
    const settings = await desk.koe.koe.db
      .selectFrom('channels')
      .select('settings')
      .where('id', '=', polled.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(settings.settings).xPolling).toEqual({
      mentionsSinceId: '1852345678901240002',
      searchSinceId: '1852345678901250001',
      searchQuery: '#Koeマート -is:retweet',
    });

    // Replying to a polled mention goes to the same place as a webhook one.
    const sho = convs.find((c) => c.customer.name === '小林 翔');
    await reply(sho.id, 'ご迷惑をおかけしております。現在復旧作業中です。');
    expect(api.posts().at(-1)!.body.reply).toEqual({ in_reply_to_tweet_id: '1852345678901240002' });
  });

  it('moves a public complaint to DM on X with "continue privately", and later replies stay private', async () => {
    const daisuke = await conversationOf(polled.id, '山本 大輔');
    const before = (await desk.admin.get(`/api/conversations/${daisuke.id}`)).body.replyContext;
    expect(before).toMatchObject({
      channelKind: 'x',
      replyGoes: 'public',
      canContinuePrivately: true,
      limit: { max: 280, weighted: true },
    });
    const check = await desk.admin.post(`/api/conversations/${daisuke.id}/compose-check`, { text: 'あ'.repeat(141) });
    expect(check.body).toMatchObject({
      goes: 'public',
      length: 282,
      max: 280,
      unit: 'characters',
      weighted: true,
      fits: false,
    });
    const posts = api.posts().length;
    const moved = await desk.admin.post(`/api/conversations/${daisuke.id}/continue-privately`, {
      text: '詳細を確認したいので、こちらのDMでご注文番号を教えていただけますか？',
    });
    expect(moved.status).toBe(201);
    const identity = (await desk.admin.get(`/api/conversations/${daisuke.id}`)).body.customer.identities[0].externalId;
    const dmPath = `/2/dm_conversations/with/${identity}/messages`;
    await waitFor(async () => api.calls.some((c) => c.path === dmPath));
    await reply(daisuke.id, '返金の手続きを開始しました。');
    expect(api.calls.filter((c) => c.path === dmPath).map((c) => c.body.text)).toEqual([
      '詳細を確認したいので、こちらのDMでご注文番号を教えていただけますか？',
      '返金の手続きを開始しました。',
    ]);
    expect(api.posts()).toHaveLength(posts);
    const after = (await desk.admin.get(`/api/conversations/${daisuke.id}`)).body;
    expect(after.replyContext).toMatchObject({ replyMode: 'dm', replyGoes: 'private', canContinuePrivately: false });
    expect((await messagesOf(daisuke.id)).some((m) => m.kind === 'system' && m.text.includes('DM'))).toBe(true);
    expect(
      (await desk.admin.post(`/api/conversations/${daisuke.id}/continue-privately`, { text: 'again' })).status,
    ).toBe(409);
  });

  it('once the DM case is resolved, offers one public follow-up on the original post, in the customer’s language', async () => {
    const daisuke = await conversationOf(polled.id, '山本 大輔');
    const originalTweet = ((await messagesOf(daisuke.id)) as any[]).find((m) => m.kind === 'customer');
    expect((await desk.admin.get(`/api/conversations/${daisuke.id}`)).body.replyContext.publicFollowUp).toBeNull();
    expect((await desk.admin.patch(`/api/conversations/${daisuke.id}`, { status: 'resolved' })).status).toBe(200);
    const offer = (await desk.admin.get(`/api/conversations/${daisuke.id}`)).body.replyContext.publicFollowUp;
    expect(offer.messageId).toBe(originalTweet.id);
    expect(offer.draft).toMatch(/^山本 大輔さん、DMでのご対応にご協力いただきありがとうございました。解決いたしました/);
    const posts = api.posts().length;
    const sent = await desk.admin.post(`/api/conversations/${daisuke.id}/public-follow-up`, {
      text: `${offer.draft}（担当: 山田）`,
    });
    expect(sent.status).toBe(201);
    await waitFor(async () => api.posts().length > posts);
    const post = api.posts().at(-1)!;
    expect(post.body.text).toContain('解決いたしました');
    // In reply to the customer's own public post, not a DM.
    const tweetId = (
      await desk.koe.koe.db
        .selectFrom('messages')
        .select('meta')
        .where('id', '=', originalTweet.id)
        .executeTakeFirstOrThrow()
    ).meta;
    expect(post.body.reply).toEqual({ in_reply_to_tweet_id: JSON.parse(tweetId!).tweetId });
    const after = (await desk.admin.get(`/api/conversations/${daisuke.id}`)).body;
    expect(after.status).toBe('resolved');
    expect(after.replyContext.publicFollowUp).toBeNull();
    const again = await desk.admin.post(`/api/conversations/${daisuke.id}/public-follow-up`, { text: 'again' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('no_public_follow_up');
  });

  it('tests the connection with /2/users/me', async () => {
    expect((await desk.admin.post(`/api/channels/${hooked.id}/test`)).body).toEqual({
      ok: true,
      detail: 'Connected as @KoeMart',
    });
    expect((await desk.admin.post(`/api/channels/${polled.id}/test`)).body.ok).toBe(false); // token of another account
  });
});
