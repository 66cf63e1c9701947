import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import path from 'node:path';
import { validateSignature } from '@line/bot-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openDesk, waitFor, type OpenDesk } from './harness';

interface Call {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: any;
}
interface Scripted {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

/** The LINE Messaging API as Koe sees it: records every call; `script` queues error answers per path. */
async function fakeLineApi() {
  const calls: Call[] = [];
  const queued = new Map<string, Scripted[]>();
  const names: Record<string, string> = {};
  let sent = 0;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://x');
      calls.push({ method: req.method!, path: url.pathname, headers: req.headers, body: raw ? JSON.parse(raw) : null });
      const answer = (s: Scripted) => {
        res.writeHead(s.status, { 'content-type': 'application/json', ...s.headers });
        res.end(JSON.stringify(s.body));
      };
      const next = queued.get(url.pathname)?.shift();
      if (next) return answer(next);
      const member = /^\/v2\/bot\/(?:profile|group\/[^/]+\/member|room\/[^/]+\/member)\/([^/]+)$/.exec(url.pathname);
      if (member)
        return names[member[1]]
          ? answer({ status: 200, body: { userId: member[1], displayName: names[member[1]], language: 'ja' } })
          : answer({ status: 404, body: { message: 'Not found' } });
      if (url.pathname === '/v2/bot/info')
        return answer({
          status: 200,
          body: {
            userId: 'Ubot',
            basicId: '@koemart',
            displayName: 'Koeマート',
            chatMode: 'chat',
            markAsReadMode: 'manual',
          },
        });
      if (url.pathname === '/v2/bot/message/reply' || url.pathname === '/v2/bot/message/push')
        return answer({ status: 200, body: { sentMessages: [{ id: `line-sent-${++sent}`, quoteToken: 'q' }] } });
      answer({ status: 404, body: { message: 'Not found' } });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    names,
    script: (p: string, ...answers: Scripted[]) => queued.set(p, [...(queued.get(p) ?? []), ...answers]),
    sends: (kind: 'reply' | 'push') => calls.filter((c) => c.path === `/v2/bot/message/${kind}`),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const SECRET = 'line-channel-secret-for-tests';
const sign = (raw: string, secret = SECRET) => createHmac('sha256', secret).update(raw).digest('base64');
const fixture = (name: string) =>
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../fixtures/line', name), 'utf8'));

/** A fixture's single event, re-addressed to a test user and stamped now so its reply token is fresh. */
function textEvent(userId: string, text: string, opts: { id?: string; ageMs?: number; source?: object } = {}) {
  const body = fixture('message-text-user.json');
  const e = body.events[0];
  e.webhookEventId = opts.id ?? `01TEST${Math.random().toString(36).slice(2, 12).toUpperCase()}`;
  e.timestamp = Date.now() - (opts.ageMs ?? 0);
  e.replyToken = `token-${e.webhookEventId}`;
  e.message = { ...e.message, id: `m-${e.webhookEventId}`, text };
  e.source = opts.source ?? { type: 'user', userId };
  return body;
}

describe.each(dialects)('LINE channel (%s)', (dialect) => {
  let desk: OpenDesk;
  let api: Awaited<ReturnType<typeof fakeLineApi>>;
  let channel: any;

  const deliver = (body: unknown, signature: string | null = null) => {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    const sig = signature === null ? sign(raw) : signature;
    if (sig) headers['x-line-signature'] = sig;
    return fetch(channel.webhookUrl, { method: 'POST', headers, body: raw });
  };
  const inbound = async () =>
    Number(
      (
        await desk.koe.koe.db
          .selectFrom('inbound_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('channel_id', '=', channel.id)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const conversationOf = (name: string) =>
    waitFor(async () => {
      await desk.koe.koe.jobs.drain();
      return ((await desk.admin.get(`/api/conversations?channel=${channel.id}&limit=100`)).body.items as any[]).find(
        (c) => c.customer.name === name,
      );
    });
  const reply = async (conversationId: string, text: string, status: 'sent' | 'failed' = 'sent', timeoutMs = 8000) => {
    const m = (await desk.admin.post(`/api/conversations/${conversationId}/messages`, { text })).body;
    return waitFor(async () => {
      const items = (await desk.admin.get(`/api/conversations/${conversationId}/messages`)).body.items as any[];
      const found = items.find((x) => x.id === m.id);
      return found?.delivery?.status === status && found;
    }, timeoutMs);
  };

  beforeAll(async () => {
    desk = await openDesk(dialect);
    api = await fakeLineApi();
    const created = await desk.admin.post('/api/channels', {
      kind: 'line',
      name: 'LINE公式アカウント',
      credentials: { channelSecret: SECRET, channelAccessToken: 'line-token', apiBaseUrl: api.url },
    });
    expect(created.status).toBe(201);
    channel = created.body;
    expect(channel.webhookUrl).toBe(`${desk.koe.base}/webhooks/line/${channel.id}`);
  });
  afterAll(async () => {
    await desk.close();
    await api.close();
  });

  it('answers the console verification, and rejects missing or wrong signatures, unknown channels and bad JSON', async () => {
    expect((await deliver(fixture('console-verify.json'))).status).toBe(200);
    const body = JSON.stringify(textEvent('Uforged', '偽物'));
    const missing = await deliver(body, '');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect((await deliver(body, sign(body, 'wrong-secret'))).status).toBe(401);
    expect((await deliver(body, 'bm90IGEgc2lnbmF0dXJl')).status).toBe(401);
    expect(await inbound()).toBe(0);
    const unknown = await fetch(`${desk.koe.base}/webhooks/line/no-such-channel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-line-signature': sign(body) },
      body,
    });
    expect(unknown.status).toBe(404);
    expect(await inbound()).toBe(0);
    // Correctly signed but unreadable: acknowledged (LINE would redeliver a 4xx/5xx and may disable the webhook),
    // parked as a failed event with the reason for admins, never processed.
    expect((await deliver('{"events": [')).status).toBe(200);
    const failed = (await desk.admin.get('/api/admin/inbound-events?status=failed')).body.items as any[];
    expect(failed).toEqual([
      expect.objectContaining({ channel: expect.objectContaining({ id: channel.id }), error: 'the body is not JSON' }),
    ]);
    await desk.koe.koe.db.deleteFrom('inbound_events').where('channel_id', '=', channel.id).execute();
  });

  it('records one message once even when LINE delivers it under a second webhook event id', async () => {
    api.names.Uredeliver = '再送 花子';
    const first = textEvent('Uredeliver', '二重に届いたメッセージ', { id: '01TESTREDELIVERA' });
    const again = structuredClone(first);
    again.events[0].webhookEventId = '01TESTREDELIVERB';
    again.events[0].deliveryContext = { isRedelivery: true };
    expect((await deliver(JSON.stringify(first))).status).toBe(200);
    expect((await deliver(JSON.stringify(again))).status).toBe(200);
    const conv = await conversationOf('再送 花子');
    expect(
      (await desk.admin.get(`/api/conversations/${conv.id}/messages`)).body.items.filter(
        (m: any) => m.kind === 'customer',
      ),
    ).toHaveLength(1);
  });

  it('records a user message once, with the profile name and reply meta, and accepts an SDK-verified signature', async () => {
    api.names.Usato = '佐藤 健';
    const body = textEvent('Usato', '注文した商品がまだ届きません', { id: '01TESTSATO' });
    const raw = JSON.stringify(body);
    const signature = sign(raw);
    expect(validateSignature(raw, SECRET, signature)).toBe(true); // the SDK agrees this request is genuinely signed
    expect((await deliver(raw, signature)).status).toBe(200);
    body.events[0].deliveryContext.isRedelivery = true; // LINE redelivers with the same webhookEventId
    expect((await deliver(body)).status).toBe(200);

    const conv = await conversationOf('佐藤 健');
    const messages = (await desk.admin.get(`/api/conversations/${conv.id}/messages`)).body.items;
    expect(messages.map((m: any) => m.text)).toEqual(['注文した商品がまだ届きません']);
    const row = await desk.koe.koe.db
      .selectFrom('messages')
      .select('meta')
      .where('id', '=', messages[0].id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.meta!)).toMatchObject({
      replyToken: 'token-01TESTSATO',
      sourceType: 'user',
      to: 'Usato',
      visibility: 'private',
      messageType: 'text',
    });
    const detail = (await desk.admin.get(`/api/conversations/${conv.id}`)).body;
    expect(detail.customer.identities).toEqual([expect.objectContaining({ externalId: 'Usato' })]);
    expect(api.calls.some((c) => c.path === '/v2/bot/profile/Usato')).toBe(true);

    // A fresh token answers through the free reply API; the second reply finds it spent and pushes.
    await reply(conv.id, 'ご不便をおかけしております。確認いたします。');
    expect(api.sends('reply')).toHaveLength(1);
    expect(api.sends('reply')[0].body).toEqual({
      replyToken: 'token-01TESTSATO',
      messages: [{ type: 'text', text: 'ご不便をおかけしております。確認いたします。' }],
    });
    expect(api.sends('reply')[0].headers.authorization).toBe('Bearer line-token');
    await reply(conv.id, '発送済みでした。明日お届け予定です。');
    expect(api.sends('reply')).toHaveLength(1);
    expect(api.sends('push').at(-1)!.body).toEqual({
      to: 'Usato',
      messages: [{ type: 'text', text: '発送済みでした。明日お届け予定です。' }],
    });
    expect(api.sends('push').at(-1)!.headers['x-line-retry-key']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('acknowledges without asking LINE for the profile; the name arrives with processing, and a failed lookup is remembered', async () => {
    const db = desk.koe.koe.db;
    const recordedCustomer = async (messageId: string) =>
      JSON.parse(
        (
          await db
            .selectFrom('inbound_events')
            .select('payload')
            .where('channel_id', '=', channel.id)
            .where('external_id', '=', `msg:${messageId}`)
            .executeTakeFirstOrThrow()
        ).payload,
      ).customer;
    const nameOf = async (userId: string) =>
      (
        await db
          .selectFrom('customer_identities as i')
          .innerJoin('customers as c', 'c.id', 'i.customer_id')
          .select('c.name')
          .where('i.channel_id', '=', channel.id)
          .where('i.external_id', '=', userId)
          .executeTakeFirstOrThrow()
      ).name;

    api.names.Ugoto = '後藤 亮';
    expect((await deliver(textEvent('Ugoto', '領収書をください', { id: '01TESTGOTO' }))).status).toBe(200);
    // The webhook recorded a placeholder; the processing job read the profile and named the customer.
    expect(await recordedCustomer('m-01TESTGOTO')).toEqual({ externalId: 'Ugoto', name: 'LINEユーザー' });
    await conversationOf('後藤 亮');

    // LINE fails the lookup: the customer keeps the placeholder, and the failure is remembered for a while, so the
    // next message is not held up asking again.
    api.script('/v2/bot/profile/Uoutage', { status: 500, body: { message: 'Internal server error' } });
    expect((await deliver(textEvent('Uoutage', '届いていません', { id: '01TESTOUTAGE1' }))).status).toBe(200);
    await desk.koe.koe.jobs.drain();
    expect(await nameOf('Uoutage')).toBe('LINEユーザー');
    api.names.Uoutage = '岡田 真';
    expect((await deliver(textEvent('Uoutage', 'まだですか', { id: '01TESTOUTAGE2' }))).status).toBe(200);
    await desk.koe.koe.jobs.drain();
    expect(api.calls.filter((c) => c.path === '/v2/bot/profile/Uoutage')).toHaveLength(1);
    expect(await nameOf('Uoutage')).toBe('LINEユーザー');
  });

  it('pushes when the reply token is too old, retrying 5xx and 429 with one retry key', async () => {
    api.names.Usuzuki = '鈴木 一郎';
    expect((await deliver(textEvent('Usuzuki', '返金はいつになりますか', { ageMs: 120_000 }))).status).toBe(200);
    const conv = await conversationOf('鈴木 一郎');
    const before = api.sends('push').length;
    api.script(
      '/v2/bot/message/push',
      { status: 500, body: { message: 'Internal server error' } },
      { status: 429, headers: { 'retry-after': '1' }, body: { message: 'Too many requests' } },
    );
    await reply(conv.id, '本日中に返金手続きいたします。', 'sent', 15_000);
    const pushes = api.sends('push').slice(before);
    expect(pushes).toHaveLength(3);
    expect(new Set(pushes.map((p) => p.headers['x-line-retry-key'])).size).toBe(1);
    expect(pushes[2].body.to).toBe('Usuzuki');
    expect(api.sends('reply').filter((r) => r.body.messages[0].text === '本日中に返金手続きいたします。')).toHaveLength(
      0,
    );
  });

  it('falls back to push when LINE says the reply token is no longer valid', async () => {
    api.names.Uwatanabe = '渡辺 直人';
    expect((await deliver(textEvent('Uwatanabe', 'ポイントが反映されていません'))).status).toBe(200);
    const conv = await conversationOf('渡辺 直人');
    api.script('/v2/bot/message/reply', { status: 400, body: { message: 'Invalid reply token' } });
    await reply(conv.id, 'ポイントを確認いたします。');
    expect(api.sends('push').at(-1)!.body).toEqual({
      to: 'Uwatanabe',
      messages: [{ type: 'text', text: 'ポイントを確認いたします。' }],
    });
  });

  it("shows LINE's reason when a push is refused for good", async () => {
    api.names.Utakahashi = '高橋 さくら';
    expect((await deliver(textEvent('Utakahashi', '解約したい', { ageMs: 90_000 }))).status).toBe(200);
    const conv = await conversationOf('高橋 さくら');
    api.script('/v2/bot/message/push', {
      status: 400,
      body: {
        message: 'The request body has 1 error(s)',
        details: [{ message: 'Failed to send messages', property: 'to' }],
      },
    });
    const failed = await reply(conv.id, '承知しました。', 'failed');
    expect(failed.delivery.error).toBe('LINE: The request body has 1 error(s) (to: Failed to send messages)');
  });

  it('answers group members in the group, labels non-text messages and ignores follow events', async () => {
    api.names.Ugroupie = '伊藤 美咲';
    const group = textEvent('Ugroupie', '店舗の営業時間は？', {
      ageMs: 70_000,
      source: { type: 'group', groupId: 'Cgroup1', userId: 'Ugroupie' },
    });
    expect((await deliver(group)).status).toBe(200);
    const conv = await conversationOf('伊藤 美咲');
    expect(api.calls.some((c) => c.path === '/v2/bot/group/Cgroup1/member/Ugroupie')).toBe(true);
    await reply(conv.id, '10時から20時までです。');
    expect(api.sends('push').at(-1)!.body.to).toBe('Cgroup1');

    const sticker = fixture('message-sticker-user.json');
    sticker.events[0].source.userId = 'Ugroupie';
    sticker.events[0].timestamp = Date.now();
    expect((await deliver(sticker)).status).toBe(200);
    await waitFor(async () => {
      await desk.koe.koe.jobs.drain();
      return ((await desk.admin.get(`/api/conversations/${conv.id}/messages`)).body.items as any[]).some(
        (m) => m.text === '[スタンプ]',
      );
    });

    const count = await inbound();
    expect((await deliver(fixture('follow.json'))).status).toBe(200);
    expect((await deliver(fixture('unfollow.json'))).status).toBe(200);
    expect(await inbound()).toBe(count);
  });

  it('tests the connection with the bot info endpoint', async () => {
    const r = await desk.admin.post(`/api/channels/${channel.id}/test`);
    expect(r.body).toEqual({ ok: true, detail: 'Connected to Koeマート (@koemart)' });
    api.script('/v2/bot/info', { status: 401, body: { message: 'Authentication failed' } });
    const bad = await desk.admin.post(`/api/channels/${channel.id}/test`);
    expect(bad.body.ok).toBe(false);
    expect(bad.body.detail).toContain('401');
  });
});
