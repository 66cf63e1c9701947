import { z } from 'zod';
import { zodReason, type RejectedPart } from '../schema-reason';
import { platformTime } from '../time';
import type { InboundEvent } from '../types';

export const X_FALLBACK_NAME = 'Xユーザー';

export interface Brand {
  userId: string;
  handle: string;
}

// What Koe reads from Account Activity deliveries (v1.1 objects), checked before use: a correctly signed body can still
// hold a null event, an id given as an object or a timestamp no Date can hold.
const Id = z.string().min(1).max(100);
const V1UserSchema = z.looseObject({
  id_str: Id.optional(),
  name: z.string().max(500).optional(),
  screen_name: z.string().max(100).optional(),
});
const V1TweetSchema = z.looseObject({
  id_str: Id,
  text: z.string().max(100_000).optional(),
  full_text: z.string().max(100_000).optional(),
  extended_tweet: z.looseObject({ full_text: z.string().max(100_000).optional() }).optional(),
  created_at: z.string().max(100).optional(),
  timestamp_ms: z.string().max(30).optional(),
  user: V1UserSchema.extend({ id_str: Id }),
  conversation_id_str: Id.optional(),
  in_reply_to_status_id_str: Id.nullish(),
  is_quote_status: z.boolean().optional(),
  quoted_status: z.unknown().optional(),
  retweeted_status: z.unknown().optional(),
});
const V1DirectMessageSchema = z.looseObject({
  type: z.string().max(40),
  id: Id,
  created_timestamp: z.string().max(30).optional(),
  message_create: z
    .looseObject({
      sender_id: Id,
      target: z.looseObject({ recipient_id: Id.optional() }).optional(),
      message_data: z.looseObject({ text: z.string().max(100_000).optional() }).optional(),
    })
    .optional(),
});
const PayloadSchema = z.looseObject({
  for_user_id: Id.optional(),
  tweet_create_events: z.array(z.unknown()).max(1000).optional(),
  direct_message_events: z.array(z.unknown()).max(1000).optional(),
  users: z.record(z.string(), z.unknown()).optional(),
});
type V1User = z.infer<typeof V1UserSchema>;
type V1Tweet = z.infer<typeof V1TweetSchema>;
type V1DirectMessage = z.infer<typeof V1DirectMessageSchema>;

/** The v2 shape returned by the mentions timeline and recent search. */
export interface V2Tweet {
  id: string;
  text: string;
  author_id?: string;
  conversation_id?: string;
  created_at?: string;
  referenced_tweets?: { type: 'replied_to' | 'quoted' | 'retweeted'; id: string }[];
}
export interface V2User {
  id: string;
  name?: string;
  username?: string;
}

export const postUrl = (handle: string | undefined, id: string) => `https://x.com/${handle ?? 'i/web'}/status/${id}`;

function customerOf(userId: string, name: string | undefined, handle: string | undefined): InboundEvent['customer'] {
  return {
    externalId: userId,
    name: name?.trim() || (handle ? `@${handle}` : X_FALLBACK_NAME),
    handle: handle ?? null,
  };
}

function fromV1Tweet(channelId: string, t: V1Tweet): InboundEvent | null {
  const authorId = t.user.id_str;
  if (t.retweeted_status) return null; // a plain repost has nothing to answer
  const text = t.extended_tweet?.full_text ?? t.full_text ?? t.text ?? '';
  const tweetType = t.is_quote_status || t.quoted_status ? 'quote' : t.in_reply_to_status_id_str ? 'reply' : 'mention';
  return {
    channelId,
    externalId: t.id_str,
    kind: 'message',
    occurredAt: platformTime(t.timestamp_ms ?? t.created_at),
    customer: customerOf(authorId, t.user.name, t.user.screen_name),
    text,
    meta: {
      platform: 'x',
      visibility: 'public',
      tweetId: t.id_str,
      tweetType,
      source: 'webhook',
      // v1.1 payloads carry no conversation id; a post that answers nothing starts its own conversation.
      conversationId: t.conversation_id_str ?? (t.in_reply_to_status_id_str ? null : t.id_str),
      inReplyToTweetId: t.in_reply_to_status_id_str ?? null,
      authorHandle: t.user?.screen_name ?? null,
      url: postUrl(t.user?.screen_name, t.id_str),
    },
  };
}

function fromDirectMessage(channelId: string, dm: V1DirectMessage, users: Record<string, V1User>): InboundEvent | null {
  const senderId = dm.message_create?.sender_id;
  if (dm.type !== 'message_create' || !senderId) return null;
  return {
    channelId,
    // DM event ids and post ids are separate id spaces; the prefix keeps them from colliding on one channel.
    externalId: `dm_${dm.id}`,
    kind: 'message',
    occurredAt: platformTime(dm.created_timestamp),
    customer: customerOf(senderId, users[senderId]?.name, users[senderId]?.screen_name),
    text: dm.message_create?.message_data?.text ?? '',
    meta: {
      platform: 'x',
      visibility: 'private',
      dmEventId: dm.id,
      dmConversationWith: senderId,
      authorHandle: users[senderId]?.screen_name ?? null,
      source: 'webhook',
    },
  };
}

/** One event of a delivery that was signed but cannot be read, with why (kept as a failed inbound event). */

/**
 * Mentions, replies and quote posts, and DMs, from one Account Activity delivery. The brand's own posts and
 * DMs also arrive there and are skipped, as is a delivery meant for another subscribed account. Events Koe cannot read
 * are returned in `rejected` while the rest of the delivery is read.
 */
export function parseAccountActivity(
  channelId: string,
  raw: unknown,
  brand: Brand,
): { events: InboundEvent[]; rejected: RejectedPart[] } | { invalid: string } {
  const body = PayloadSchema.safeParse(raw);
  if (!body.success) return { invalid: `not an Account Activity event: ${zodReason(body.error)}` };
  const payload = body.data;
  const events: InboundEvent[] = [];
  const rejected: RejectedPart[] = [];
  if (payload.for_user_id && payload.for_user_id !== brand.userId) return { events, rejected };
  const users: Record<string, V1User> = {};
  for (const [id, u] of Object.entries(payload.users ?? {})) {
    const user = V1UserSchema.safeParse(u);
    if (user.success) users[id] = user.data; // an unreadable profile only costs the name
  }
  for (const rawTweet of payload.tweet_create_events ?? []) {
    const t = V1TweetSchema.safeParse(rawTweet);
    if (!t.success) {
      rejected.push({ payload: rawTweet, reason: `not a post: ${zodReason(t.error)}` });
      continue;
    }
    if (t.data.user.id_str === brand.userId) continue;
    const e = fromV1Tweet(channelId, t.data);
    if (e) events.push(e);
  }
  for (const rawDm of payload.direct_message_events ?? []) {
    const d = V1DirectMessageSchema.safeParse(rawDm);
    if (!d.success) {
      rejected.push({ payload: rawDm, reason: `not a direct message event: ${zodReason(d.error)}` });
      continue;
    }
    if (d.data.message_create?.sender_id === brand.userId) continue;
    const e = fromDirectMessage(channelId, d.data, users);
    if (e) events.push(e);
  }
  return { events, rejected };
}

/** A post found by polling; `source` tells a mention from a keyword match found by listening. */
export function fromV2Tweet(
  channelId: string,
  t: V2Tweet,
  users: Map<string, V2User>,
  source: 'mentions' | 'search',
): InboundEvent | null {
  if (!t.author_id || t.referenced_tweets?.some((r) => r.type === 'retweeted')) return null;
  const author = users.get(t.author_id);
  const replied = t.referenced_tweets?.find((r) => r.type === 'replied_to');
  const tweetType = t.referenced_tweets?.some((r) => r.type === 'quoted') ? 'quote' : replied ? 'reply' : 'mention';
  return {
    channelId,
    externalId: t.id,
    kind: 'message',
    occurredAt: platformTime(t.created_at),
    customer: customerOf(t.author_id, author?.name, author?.username),
    text: t.text,
    meta: {
      platform: 'x',
      visibility: 'public',
      tweetId: t.id,
      tweetType: source === 'search' ? 'keyword' : tweetType,
      source,
      conversationId: t.conversation_id ?? null,
      inReplyToTweetId: replied?.id ?? null,
      authorHandle: author?.username ?? null,
      url: postUrl(author?.username, t.id),
    },
  };
}
