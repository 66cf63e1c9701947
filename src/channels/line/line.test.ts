import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateSignature } from '@line/bot-sdk';
import { describe, expect, it } from 'vitest';
import { lineCredentialsSchema } from './credentials';
import { messageText, originOfEvent, parseLineBody, readLineEvent, toInboundEvent } from './parse';
import { lineRetryKey, retryAfterMs } from './send';
import { isValidLineSignature, lineSignature } from './verify';

const fixture = (name: string) => readFileSync(path.resolve(import.meta.dirname, '../../../test/fixtures/line', name));
const eventsOf = (raw: Buffer) => {
  const body = parseLineBody(raw);
  if ('invalid' in body) throw new Error(body.invalid);
  return body.events;
};

describe('LINE signature', () => {
  it('matches the published test vector and the SDK', () => {
    const body = Buffer.from('{"hello":"world"}');
    expect(lineSignature(body, 'test_secret')).toBe('t7Hn4ZDHqs6e+wdvI5TyQIvzie0DmMUmuXEBqyyE/tM=');
    expect(validateSignature(body, 'test_secret', lineSignature(body, 'test_secret'))).toBe(true);
  });

  it('rejects missing, malformed, truncated and foreign signatures', () => {
    const body = fixture('message-text-user.json');
    const good = lineSignature(body, 's3cret');
    expect(isValidLineSignature(body, 's3cret', good)).toBe(true);
    expect(isValidLineSignature(body, 's3cret', undefined)).toBe(false);
    expect(isValidLineSignature(body, 's3cret', '')).toBe(false);
    expect(isValidLineSignature(body, 's3cret', good.slice(0, 20))).toBe(false);
    expect(isValidLineSignature(body, 'other', good)).toBe(false);
    expect(isValidLineSignature(Buffer.concat([body, Buffer.from(' ')]), 's3cret', good)).toBe(false);
  });
});

describe('LINE webhook parsing', () => {
  it('turns a user text message into an inbound event with reply meta', () => {
    const item = readLineEvent(eventsOf(fixture('message-text-user.json'))[0]);
    if (item.kind !== 'message') throw new Error('expected a message');
    const ev = toInboundEvent('ch1', item.event, item.origin, '佐藤');
    expect(ev).toMatchObject({
      externalId: 'msg:468789577898262530',
      text: '注文した商品がまだ届きません。注文番号は A-10293 です。',
      customer: { externalId: 'U4af4980629a1b2c3d4e5f60718293a4b', name: '佐藤' },
      occurredAt: new Date(1692251666727).toISOString(),
      meta: {
        replyToken: '38ef843bde154d9b91c21320ffd17a0f',
        replyTokenAt: 1692251666727,
        sourceType: 'user',
        to: 'U4af4980629a1b2c3d4e5f60718293a4b',
        visibility: 'private',
        messageType: 'text',
      },
    });
  });

  it('addresses group and room replies to the group or room', () => {
    const group = readLineEvent(eventsOf(fixture('message-text-group.json'))[0]);
    if (group.kind !== 'message') throw new Error('expected a message');
    expect(toInboundEvent('ch1', group.event, group.origin, 'x').meta).toMatchObject({
      sourceType: 'group',
      groupId: 'Ca56f94637c0a1b2c3d4e5f60718293a4',
      to: 'Ca56f94637c0a1b2c3d4e5f60718293a4',
      visibility: 'group',
    });
    const room = readLineEvent(eventsOf(fixture('message-image-room.json'))[0]);
    if (room.kind !== 'message') throw new Error('expected a message');
    const ev = toInboundEvent('ch1', room.event, room.origin, 'x');
    expect(ev.text).toBe('[画像]');
    expect(ev.meta).toMatchObject({
      sourceType: 'room',
      to: 'Ra8dbf4673c4a1b2c3d4e5f60718293a4',
      messageType: 'image',
    });
  });

  it('reads back where a recorded event came from, for the profile lookup after acknowledging', () => {
    for (const name of ['message-text-user.json', 'message-text-group.json', 'message-image-room.json']) {
      const item = readLineEvent(eventsOf(fixture(name))[0]);
      if (item.kind !== 'message') throw new Error('expected a message');
      const ev = toInboundEvent('ch1', item.event, item.origin);
      expect(ev.customer.name).toBe(item.origin.userId ? 'LINEユーザー' : 'LINEグループ');
      expect(originOfEvent(ev)).toEqual(item.origin);
    }
    // A group member LINE does not name is the group itself: there is no profile to read.
    const item = readLineEvent({
      type: 'message',
      source: { type: 'group', groupId: 'Cg1' },
      message: { id: '1', type: 'text', text: 'x' },
    });
    if (item.kind !== 'message') throw new Error('expected a message');
    expect(originOfEvent(toInboundEvent('ch1', item.event, item.origin))).toEqual({
      sourceType: 'group',
      userId: null,
      groupId: 'Cg1',
      roomId: null,
      to: 'Cg1',
    });
    expect(originOfEvent({ ...toInboundEvent('ch1', item.event, item.origin), meta: { platform: 'x' } })).toBeNull();
  });

  it('labels non-text messages and reads follow/unfollow/unknown events', () => {
    expect(messageText({ type: 'sticker', id: '1' } as never)).toBe('[スタンプ]');
    expect(
      messageText({ type: 'location', id: '1', title: '東京タワー', address: '東京都港区芝公園4-2-8' } as never),
    ).toBe('[位置情報] 東京タワー 東京都港区芝公園4-2-8');
    expect(messageText({ type: 'file', id: '1', fileName: 'receipt.pdf' } as never)).toBe('[ファイル] receipt.pdf');
    expect(readLineEvent(eventsOf(fixture('follow.json'))[0]).kind).toBe('follow');
    expect(readLineEvent(eventsOf(fixture('unfollow.json'))[0]).kind).toBe('unfollow');
    expect(readLineEvent({ type: 'beacon', source: { type: 'user', userId: 'U1' } }).kind).toBe('ignored');
    // A quick-reply tap: its data is read; a postback without one cannot be.
    expect(
      readLineEvent({
        type: 'postback',
        source: { type: 'user', userId: 'U1' },
        postback: { data: 'koe-survey:s1:5' },
      }),
    ).toMatchObject({ kind: 'postback', data: 'koe-survey:s1:5', origin: { userId: 'U1' } });
    expect(readLineEvent({ type: 'postback', source: { type: 'user', userId: 'U1' } }).kind).toBe('invalid');
    expect(readLineEvent(null).kind).toBe('invalid');
    expect(
      readLineEvent({
        type: 'message',
        source: { type: 'user', userId: 'U1' },
        message: { id: { $ne: 1 }, type: 'text' },
      }),
    ).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('message.id') });
    expect(eventsOf(fixture('console-verify.json'))).toEqual([]);
    expect(parseLineBody(Buffer.from('{"events": 1}'))).toMatchObject({ invalid: expect.stringContaining('events') });
    expect(parseLineBody(Buffer.from('not json'))).toEqual({ invalid: 'the body is not JSON' });
  });
});

describe('LINE delivery helpers', () => {
  it('derives one stable UUID per idempotency key', () => {
    const a = lineRetryKey('reply-1');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(lineRetryKey('reply-1')).toBe(a);
    expect(lineRetryKey('reply-2')).not.toBe(a);
  });

  it('reads Retry-After as seconds or a date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
  });

  it('accepts origins only as API base URL', () => {
    const base = { channelSecret: 's', channelAccessToken: 't' };
    expect(lineCredentialsSchema.safeParse({ ...base, apiBaseUrl: 'http://127.0.0.1:9999' }).success).toBe(true);
    expect(lineCredentialsSchema.safeParse({ ...base, apiBaseUrl: 'http://127.0.0.1:9999/line' }).success).toBe(false);
    expect(lineCredentialsSchema.safeParse({ channelSecret: 's' }).success).toBe(false);
  });
});

describe('LINE adapter limits', () => {
  it('refuses a text over 5,000 characters before calling LINE', async () => {
    const { lineAdapter } = await import('./send');
    const ctx = {
      credentials: async () => {
        throw new Error('must not be reached');
      },
    } as never;
    const out = { channel: { id: 'c' }, message: { text: 'あ'.repeat(5001) }, idempotencyKey: 'k' } as never;
    await expect(lineAdapter(ctx).send(out)).rejects.toMatchObject({
      permanent: true,
      message: expect.stringContaining('5000'),
    });
  });
});

describe('LINE reply after an interrupted attempt', () => {
  it('counts the reply as delivered instead of pushing it again when the token is already spent', async () => {
    const { createServer } = await import('node:http');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const os = await import('node:os');
    const pino = (await import('pino')).default;
    const { migrateToLatest, openStore } = await import('../../store/db');
    const { lineAdapter } = await import('./send');
    const calls: string[] = [];
    // LINE after the first attempt used the token: the reply token is spent, a push would go out.
    const server = createServer((req, res) => {
      calls.push(req.url!);
      req.resume();
      const spent = req.url === '/v2/bot/message/reply';
      res.writeHead(spent ? 400 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(spent ? { message: 'Invalid reply token' } : { sentMessages: [{ id: 'p1' }] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'koe-line-'));
    const store = openStore({ dataDir });
    await migrateToLatest(store.db);
    const port = (server.address() as { port: number }).port;
    const ctx = {
      db: store.db,
      log: pino({ level: 'silent' }),
      credentials: async () => ({
        channelSecret: 's',
        channelAccessToken: 't',
        apiBaseUrl: `http://127.0.0.1:${port}`,
      }),
    } as never;
    const out = {
      channel: { id: 'c1' },
      conversationId: 'conv1',
      recipient: { externalId: 'U1', handle: null },
      message: { id: 'm1', text: '確認いたします。', authorName: '佐藤', createdAt: new Date().toISOString() },
      idempotencyKey: 'k1',
      inReplyTo: {
        messageId: 'in1',
        meta: { replyToken: 'rt1', replyTokenAt: Date.now() },
        createdAt: new Date().toISOString(),
      },
    };
    try {
      expect(await lineAdapter(ctx).send({ ...out, interrupted: true } as never)).toEqual({});
      expect(calls).toEqual(['/v2/bot/message/reply']);
      // Without an interrupted attempt the token was spent by something else (expired): the reply is pushed.
      expect(await lineAdapter(ctx).send(out as never)).toEqual({ externalId: 'p1' });
      expect(calls).toEqual(['/v2/bot/message/reply', '/v2/bot/message/reply', '/v2/bot/message/push']);
    } finally {
      server.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
