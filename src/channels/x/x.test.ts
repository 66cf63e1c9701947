import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rateLimitWaitMs } from './api';
import { xCredentialsSchema } from './credentials';
import { fromV2Tweet, parseAccountActivity } from './parse';
import { crcResponseToken, isCrcToken, isValidXSignature, xSignature } from './verify';
import { fitsXPost, xWeightedLength } from './weighted-length';

const raw = (name: string) => readFileSync(path.resolve(import.meta.dirname, '../../../test/fixtures/x', name));
const fixture = (name: string) => JSON.parse(raw(name).toString('utf8'));
const brand = { userId: '2244994945', handle: 'KoeMart' };
const eventsOf = (raw: unknown, b = brand) => {
  const r = parseAccountActivity('ch', raw, b);
  if ('invalid' in r) throw new Error(r.invalid);
  return r.events;
};

describe('X webhook security', () => {
  it('answers the CRC challenge as documented', () => {
    expect(
      crcResponseToken('z3ZX4v7mAAUGykl3EcmkqbartmuW8VFOOzCloLx9Q45P0hLrFu', '9b4507b3-9040-4669-9ca3-6b94edb50553'),
    ).toBe('sha256=Cytd4Sq+NvEcV3MMrXxWJGJx5A+y/lXzzU2Maartkx8=');
  });

  it('signs only token-shaped CRC values, never a body an attacker could deliver', () => {
    expect(isCrcToken('9b4507b3-9040-4669-9ca3-6b94edb50553')).toBe(true);
    expect(isCrcToken('ZTlkZTBlNDItN2ZkYi00YjZjLTgwYzMtYzk3ZGY2ODk5ZmQ1')).toBe(true);
    const forged = JSON.stringify({ for_user_id: brand.userId, tweet_create_events: [] });
    for (const bad of [forged, '{}', 'a b c d e f g h', 'short', 'x'.repeat(129), '', 'token\u0000nul'])
      expect(isCrcToken(bad)).toBe(false);
    expect(() => crcResponseToken('secret', forged)).toThrow();
  });

  it('accepts only the sha256= base64 HMAC of the exact body', () => {
    const body = raw('tweet-create-mention.json');
    const sig = xSignature('secret', body);
    expect(isValidXSignature(body, 'secret', sig)).toBe(true);
    expect(isValidXSignature(body, 'secret', sig.slice('sha256='.length))).toBe(false);
    expect(isValidXSignature(body, 'secret', undefined)).toBe(false);
    expect(isValidXSignature(body, 'other', sig)).toBe(false);
    expect(isValidXSignature(Buffer.concat([body, Buffer.from('\n')]), 'secret', sig)).toBe(false);
  });
});

describe('X Account Activity parsing', () => {
  it('parks events it cannot read and reads the rest of the delivery', () => {
    const body = fixture('tweet-create-mention.json');
    const good = body.tweet_create_events[0];
    body.tweet_create_events.unshift(
      null,
      { ...good, id_str: ['1'] },
      { ...good, id_str: '77', user: { ...good.user, id_str: { $ne: null } } },
    );
    const r = parseAccountActivity('ch', body, brand);
    if ('invalid' in r) throw new Error(r.invalid);
    expect(r.events.map((e) => e.externalId)).toEqual([good.id_str]);
    expect(r.rejected.map((x) => x.reason)).toEqual([
      expect.stringContaining('not a post'),
      expect.stringContaining('id_str'),
      expect.stringContaining('user.id_str'),
    ]);
    expect(parseAccountActivity('ch', [], brand)).toEqual({ invalid: expect.stringContaining('Account Activity') });
    expect(parseAccountActivity('ch', { tweet_create_events: {} }, brand)).toEqual({
      invalid: expect.stringContaining('tweet_create_events'),
    });
    expect(
      eventsOf({ ...body, tweet_create_events: [{ ...good, timestamp_ms: '99999999999999999' }] })[0].occurredAt,
    ).toMatch(/^20\d\d-/);
  });

  it('reads a mention with the author as customer and public reply meta', () => {
    const [ev] = eventsOf(fixture('tweet-create-mention.json'));
    expect(ev).toMatchObject({
      externalId: '1852345678901234567',
      occurredAt: new Date(1793582625000).toISOString(),
      customer: { externalId: '6253282', name: '中村 陽子', handle: 'yoko_nakamura' },
      meta: {
        visibility: 'public',
        tweetId: '1852345678901234567',
        conversationId: '1852345678901234567',
        tweetType: 'mention',
        authorHandle: 'yoko_nakamura',
        url: 'https://x.com/yoko_nakamura/status/1852345678901234567',
      },
    });
  });

  it("reads replies and quote posts, and skips reposts, the brand's own posts and other accounts' deliveries", () => {
    const events = eventsOf(fixture('tweet-create-reply-and-quote.json'));
    expect(events.map((e) => e.meta!.tweetType)).toEqual(['reply', 'quote']);
    expect(events[0].meta).toMatchObject({ inReplyToTweetId: '1852345678901230000', conversationId: null });
    expect(eventsOf(fixture('tweet-create-own.json'))).toEqual([]);
    expect(eventsOf(fixture('tweet-create-mention.json'), { ...brand, userId: '1' })).toEqual([]);
    expect(eventsOf(fixture('favorite-events.json'))).toEqual([]);
  });

  it("reads DMs as private, skipping the brand's own", () => {
    const [dm] = eventsOf(fixture('direct-message.json'));
    expect(dm).toMatchObject({
      externalId: 'dm_1062015437679050760',
      customer: { externalId: '6253282', name: '中村 陽子', handle: 'yoko_nakamura' },
      meta: { visibility: 'private', dmConversationWith: '6253282' },
    });
    expect(eventsOf(fixture('direct-message-own.json'))).toEqual([]);
  });

  it('reads polled v2 posts', () => {
    const page = fixture('mentions-timeline.json');
    const users = new Map<string, any>(page.includes.users.map((u: any) => [u.id, u]));
    const ev = fromV2Tweet('ch', page.data[1], users, 'mentions');
    expect(ev).toMatchObject({
      externalId: '1852345678901240001',
      customer: { name: 'Aiko Mori', handle: 'aiko_m' },
      meta: { tweetType: 'reply', conversationId: '1852345678901239990', source: 'mentions' },
    });
    expect(
      fromV2Tweet(
        'ch',
        { id: '1', text: 'RT', author_id: '2', referenced_tweets: [{ type: 'retweeted', id: '3' }] },
        users,
        'search',
      ),
    ).toBeNull();
  });
});

describe('X limits', () => {
  it('weighs CJK as 2 and URLs as 23', () => {
    expect(xWeightedLength('hello')).toBe(5);
    expect(xWeightedLength('こんにちは')).toBe(10);
    expect(xWeightedLength(`see https://example.com/${'a'.repeat(100)}`)).toBe(4 + 23);
    expect(fitsXPost('あ'.repeat(140))).toBe(true);
    expect(fitsXPost('あ'.repeat(141))).toBe(false);
  });

  it('waits for Retry-After or the rate-limit reset', () => {
    expect(rateLimitWaitMs(new Headers({ 'retry-after': '2' }))).toBe(2000);
    expect(rateLimitWaitMs(new Headers({ 'x-rate-limit-reset': '100' }), 95_000)).toBe(5000);
    expect(rateLimitWaitMs(new Headers())).toBeUndefined();
  });

  it('validates credentials', () => {
    const ok = xCredentialsSchema.safeParse({
      consumerSecret: 's',
      accessToken: 't',
      userId: '2244994945',
      handle: '@KoeMart',
    });
    expect(ok.success && ok.data).toMatchObject({ handle: 'KoeMart', pollIntervalSeconds: 60 });
    expect(xCredentialsSchema.safeParse({ consumerSecret: 's', userId: '2244994945', handle: 'KoeMart' }).success).toBe(
      false,
    );
    expect(
      xCredentialsSchema.safeParse({ consumerSecret: 's', bearerToken: 'b', userId: 'koemart', handle: 'KoeMart' })
        .success,
    ).toBe(false);
  });
});
