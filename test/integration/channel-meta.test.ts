import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  dialects,
  freshDatabase,
  seededDesk,
  startKoe,
  waitFor,
  type RunningKoe,
  type TestDatabase,
} from './harness';

const PAGE_ID = '448242228374517';
const IG_ID = '17841400000000001';
const APP_SECRET = 'meta-app-secret';

interface GraphCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: any;
}
type Scripted = { status: number; body: unknown; headers?: Record<string, string> };

/** A stand-in for graph.facebook.com: records every call and answers from a script, then with success. */
async function fakeGraph() {
  const calls: GraphCall[] = [];
  const script: Scripted[] = [];
  let n = 0;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://graph.test');
      calls.push({
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        body: raw ? JSON.parse(raw) : null,
      });
      const next = script.shift();
      const answer = next ?? {
        status: 200,
        body: url.pathname.endsWith('/messages')
          ? { recipient_id: 'r', message_id: `m_out_${++n}` }
          : { id: `c_out_${++n}`, name: 'Koeマート' },
      };
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, calls, script, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const graphError = (message: string, code: number) => ({
  error: { message, type: 'OAuthException', code, fbtrace_id: 'AbCdEf' },
});

/** A fixture from test/fixtures/meta with its placeholders filled and timestamps moved to now. */
function fixture(name: string, vars: Record<string, string>): any {
  let text = readFileSync(path.join(import.meta.dirname, '../fixtures/meta', name), 'utf8');
  for (const [k, v] of Object.entries({ PAGE_ID, IG_ID, ...vars })) text = text.replaceAll(`<${k}>`, v);
  const body = JSON.parse(text);
  for (const entry of body.entry) {
    for (const m of entry.messaging ?? []) m.timestamp = Date.now();
    for (const c of entry.changes ?? [])
      if ('created_time' in c.value) c.value.created_time = Math.floor(Date.now() / 1000);
  }
  return body;
}

/** A Messenger DM from the fixture, from another customer, with its own message id. */
function messengerDm(psid: string, mid: string, text?: string): any {
  const body = fixture('messenger-dm.json', { PSID: psid });
  Object.assign(body.entry[0].messaging[0].message, { mid }, text ? { text } : {});
  return body;
}

describe.each(dialects)('Meta channels: Facebook Page, Messenger and Instagram (%s)', (dialect) => {
  let db: TestDatabase;
  let koe: RunningKoe;
  let admin: Client;
  let graph: Awaited<ReturnType<typeof fakeGraph>>;
  let facebook: any;
  let instagram: any;

  const deliver = (channel: any, body: unknown, sign: 'valid' | 'wrong' | 'missing' = 'valid') => {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (sign !== 'missing')
      headers['x-hub-signature-256'] = `sha256=${createHmac('sha256', sign === 'valid' ? APP_SECRET : 'not-the-secret')
        .update(raw)
        .digest('hex')}`;
    return fetch(`${koe.base}/webhooks/${channel.kind}/${channel.id}`, { method: 'POST', headers, body: raw });
  };
  const inboundCount = async () =>
    Number(
      (
        await koe.koe.db
          .selectFrom('inbound_events')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** The conversation of a platform customer, once the ingest job has threaded their message. */
  const conversationOf = (channelId: string, customerExternalId: string) =>
    waitFor(() =>
      koe.koe.db
        .selectFrom('conversations as c')
        .innerJoin('customer_identities as i', 'i.customer_id', 'c.customer_id')
        .select('c.id')
        .where('i.channel_id', '=', channelId)
        .where('i.external_id', '=', customerExternalId)
        .where('c.channel_id', '=', channelId)
        .executeTakeFirst(),
    );
  const messagesOf = async (conversationId: string) =>
    (await admin.get(`/api/conversations/${conversationId}/messages`)).body.items as any[];
  const replyAndWait = async (conversationId: string, text: string, status: 'sent' | 'failed') => {
    const reply = (await admin.post(`/api/conversations/${conversationId}/messages`, { text })).body;
    return waitFor(async () => {
      const m = (await messagesOf(conversationId)).find((x) => x.id === reply.id);
      return m?.delivery?.status === status && m;
    }, 8000);
  };

  beforeAll(async () => {
    graph = await fakeGraph();
    db = await freshDatabase(dialect);
    koe = await startKoe(db);
    ({ admin } = await seededDesk(koe.base));
    const credentials = {
      appSecret: APP_SECRET,
      verifyToken: 'verify-me',
      pageAccessToken: 'page-token',
      pageId: PAGE_ID,
      igAccountId: IG_ID,
      graphBaseUrl: graph.url,
    };
    facebook = (await admin.post('/api/channels', { kind: 'facebook', name: 'Koeマート Facebook', credentials })).body;
    instagram = (await admin.post('/api/channels', { kind: 'instagram', name: 'Koeマート Instagram', credentials }))
      .body;
    expect(facebook.webhookUrl).toBe(`${koe.base}/webhooks/facebook/${facebook.id}`);
  });
  afterAll(async () => {
    await koe?.stop();
    await db?.drop();
    await graph?.close();
  });

  it('answers the subscription challenge only with the right verify token', async () => {
    const url = (token: string) =>
      `${koe.base}/webhooks/instagram/${instagram.id}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`;
    const ok = await fetch(url('verify-me'));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    expect((await fetch(url('guess'))).status).toBe(403);
    expect(
      (await fetch(`${koe.base}/webhooks/facebook/nope?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1`))
        .status,
    ).toBe(404);
  });

  it('rejects missing and invalid signatures with 401 and records nothing', async () => {
    const before = await inboundCount();
    const body = fixture('messenger-dm.json', { PSID: 'psid-unsigned' });
    for (const sign of ['missing', 'wrong'] as const) {
      const res = await deliver(facebook, body, sign);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(await inboundCount()).toBe(before);
  });

  it('turns a signed Messenger DM into a conversation once, even when delivered twice', async () => {
    const body = fixture('messenger-dm.json', { PSID: 'psid-1' });
    expect((await deliver(facebook, body)).status).toBe(200);
    expect((await deliver(facebook, body)).status).toBe(200);
    const conv = await conversationOf(facebook.id, 'psid-1');
    await koe.koe.jobs.drain();
    const msgs = await messagesOf(conv.id);
    expect(msgs.map((m) => m.text)).toEqual(['注文した商品がまだ届きません。hello, world!']);
    const stored = await koe.koe.db
      .selectFrom('messages')
      .select('meta')
      .where('id', '=', msgs[0].id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.meta!)).toMatchObject({
      visibility: 'private',
      platform: 'messenger',
      psid: 'psid-1',
      mid: 'mid.1457764197618:41d102a3e1ae206a38',
    });
    const detail = (await admin.get(`/api/conversations/${conv.id}`)).body;
    expect(detail.customer.identities).toEqual([
      expect.objectContaining({ channelId: facebook.id, externalId: 'psid-1' }),
    ]);
  });

  it('acknowledges echoes and unknown fields without recording them; parks signed bodies it cannot read', async () => {
    const before = await inboundCount();
    expect((await deliver(facebook, fixture('messenger-echo.json', { PSID: 'psid-1' }))).status).toBe(200);
    expect((await deliver(facebook, fixture('unknown-field.json', {}))).status).toBe(200);
    expect(await inboundCount()).toBe(before);
    // Acknowledged (Meta disables webhooks that keep failing) and kept as failed events with the reason; never processed.
    expect((await deliver(facebook, '{"object":"page",')).status).toBe(200);
    // A Page event posted to the Instagram channel's URL (the same app secret signs both) is not Instagram's event.
    expect((await deliver(instagram, messengerDm('psid-wrong-door', 'm_wrong_door'))).status).toBe(200);
    const failed = (await admin.get('/api/admin/inbound-events?status=failed')).body.items as any[];
    expect(failed.map((f) => f.error)).toEqual(
      expect.arrayContaining([
        'the body is not JSON',
        expect.stringContaining('"page" was posted to a instagram channel'),
      ]),
    );
    expect(
      await koe.koe.db.selectFrom('inbound_events').select('id').where('external_id', '=', 'm_wrong_door').execute(),
    ).toEqual([]);
  });

  it('answers a DM through the Send API with the customer’s PSID', async () => {
    await deliver(facebook, messengerDm('psid-2', 'm_psid2', '返品したいです'));
    const conv = await conversationOf(facebook.id, 'psid-2');
    await replyAndWait(conv.id, '返品の手続きをご案内します。', 'sent');
    const call = graph.calls.find((c) => c.body?.recipient?.id === 'psid-2')!;
    expect(call.path).toBe(`/v21.0/${PAGE_ID}/messages`);
    expect(call.body).toEqual({
      recipient: { id: 'psid-2' },
      messaging_type: 'RESPONSE',
      message: { text: '返品の手続きをご案内します。' },
    });
  });

  it('answers a Page comment publicly under the comment', async () => {
    await deliver(facebook, fixture('page-comment.json', { USER_ID: 'fb-user-1' }));
    const conv = await conversationOf(facebook.id, 'fb-user-1');
    expect((await admin.get(`/api/conversations/${conv.id}`)).body.customer.name).toBe('佐藤 健');
    await replyAndWait(conv.id, 'ご迷惑をおかけしております。確認いたします。', 'sent');
    expect(
      graph.calls.some(
        (c) =>
          c.path === '/v21.0/122131676912594941_1213590066982748/comments' &&
          c.body.message === 'ご迷惑をおかけしております。確認いたします。',
      ),
    ).toBe(true);
  });

  it('answers an Instagram comment on the replies edge, and an Instagram DM via the page', async () => {
    await deliver(instagram, fixture('instagram-comment.json', { IGSID: 'igsid-1' }));
    const conv = await conversationOf(instagram.id, 'igsid-1');
    await replyAndWait(conv.id, 'Yes, it is back in stock!', 'sent');
    expect(
      graph.calls.some(
        (c) => c.path === '/v21.0/17865799348089039/replies' && c.body.message === 'Yes, it is back in stock!',
      ),
    ).toBe(true);

    await deliver(instagram, fixture('instagram-dm.json', { IGSID: 'igsid-1' }));
    await waitFor(async () => (await messagesOf(conv.id)).filter((m) => m.kind === 'customer').length === 2);
    await replyAndWait(conv.id, 'DM then!', 'sent');
    expect(graph.calls.find((c) => c.body?.message?.text === 'DM then!')).toMatchObject({
      path: `/v21.0/${PAGE_ID}/messages`,
      body: { recipient: { id: 'igsid-1' } },
    });
  });

  it('moves a public Instagram comment to DM with a private reply ("continue privately")', async () => {
    const body = fixture('instagram-comment.json', { IGSID: 'igsid-2' });
    body.entry[0].changes[0].value.id = '17865799348089777';
    body.entry[0].time = Math.floor(Date.now() / 1000); // a fresh comment: private replies are allowed for 7 days
    await deliver(instagram, body);
    const conv = await conversationOf(instagram.id, 'igsid-2');
    expect((await admin.get(`/api/conversations/${conv.id}`)).body.replyContext).toMatchObject({
      replyGoes: 'public',
      canContinuePrivately: true,
    });
    expect(
      (await admin.post(`/api/conversations/${conv.id}/continue-privately`, { text: 'DMで在庫状況をご案内しますね。' }))
        .status,
    ).toBe(201);
    await waitFor(async () => graph.calls.some((c) => c.body?.recipient?.comment_id === '17865799348089777'));
    expect(graph.calls.find((c) => c.body?.recipient?.comment_id === '17865799348089777')).toMatchObject({
      path: `/v21.0/${PAGE_ID}/messages`,
      body: { message: { text: 'DMで在庫状況をご案内しますね。' } },
    });
    expect(graph.calls.some((c) => c.path === '/v21.0/17865799348089777/replies')).toBe(false);
    expect((await messagesOf(conv.id)).map((m) => m.kind)).toEqual(['customer', 'system', 'reply']);
  });

  it('refuses a DM reply outside the 24-hour window with a clear reason', async () => {
    await deliver(facebook, messengerDm('psid-old', 'm_old'));
    const conv = await conversationOf(facebook.id, 'psid-old');
    await waitFor(async () => (await messagesOf(conv.id)).length === 1);
    const old = new Date(Date.now() - 25 * 3600_000).toISOString();
    await koe.koe.db.updateTable('messages').set({ created_at: old }).where('conversation_id', '=', conv.id).execute();
    const callsBefore = graph.calls.length;
    const failed = await replyAndWait(conv.id, '遅くなりました', 'failed');
    expect(failed.delivery.error).toContain('24時間');
    expect(failed.delivery.error).toContain('24-hour messaging window');
    expect(graph.calls.length).toBe(callsBefore);
  });

  it('retries after a 429 honouring Retry-After and delivers once', async () => {
    await deliver(facebook, messengerDm('psid-429', 'm_429'));
    const conv = await conversationOf(facebook.id, 'psid-429');
    await waitFor(async () => (await messagesOf(conv.id)).length === 1);
    graph.script.push({
      status: 429,
      body: graphError('(#613) Calls to this api have exceeded the rate limit.', 613),
      headers: { 'retry-after': '1' },
    });
    const sent = await replyAndWait(conv.id, 'お待たせしました', 'sent');
    expect(sent.delivery.attempts).toBe(2);
    expect(graph.calls.filter((c) => c.body?.recipient?.id === 'psid-429')).toHaveLength(2);
  });

  it('fails a reply Graph rejects with 400, showing Graph’s message', async () => {
    await deliver(facebook, messengerDm('psid-400', 'm_400'));
    const conv = await conversationOf(facebook.id, 'psid-400');
    await waitFor(async () => (await messagesOf(conv.id)).length === 1);
    graph.script.push({ status: 400, body: graphError("(#551) This person isn't available right now.", 551) });
    const failed = await replyAndWait(conv.id, 'もしもし', 'failed');
    expect(failed.delivery.error).toBe("Meta: (#551) This person isn't available right now. (code 551)");
    expect(failed.delivery.attempts).toBe(1);
  });

  it('tests the connection by reading the page name', async () => {
    const res = await admin.post(`/api/channels/${facebook.id}/test`);
    expect(res.body).toEqual({ ok: true, detail: expect.stringContaining('Koeマート') });
    expect(graph.calls.at(-1)).toMatchObject({ method: 'GET', path: `/v21.0/${PAGE_ID}` });
    expect(graph.calls.at(-1)!.query.get('fields')).toBe('name');
  });
});
