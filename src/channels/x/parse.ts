import type { InboundEvent } from '../types';

export const X_FALLBACK_NAME = 'Xユーザー';

export interface Brand { userId: string; handle: string }

/** Account Activity delivers v1.1 Tweet objects. */
interface V1User { id_str?: string; name?: string; screen_name?: string }
interface V1Tweet {
  id_str?: string; text?: string; full_text?: string; extended_tweet?: { full_text?: string };
  created_at?: string; timestamp_ms?: string; user?: V1User; conversation_id_str?: string;
  in_reply_to_status_id_str?: string | null; is_quote_status?: boolean; quoted_status?: unknown; retweeted_status?: unknown;
}
interface V1DirectMessage {
  type?: string; id?: string; created_timestamp?: string;
  message_create?: { sender_id?: string; target?: { recipient_id?: string }; message_data?: { text?: string } };
}
export interface AccountActivityPayload {
  for_user_id?: string;
  tweet_create_events?: V1Tweet[];
  direct_message_events?: V1DirectMessage[];
  users?: Record<string, V1User>;
}

/** The v2 shape returned by the mentions timeline and recent search. */
export interface V2Tweet {
  id: string; text: string; author_id?: string; conversation_id?: string; created_at?: string;
  referenced_tweets?: { type: 'replied_to' | 'quoted' | 'retweeted'; id: string }[];
}
export interface V2User { id: string; name?: string; username?: string }

export const postUrl = (handle: string | undefined, id: string) => `https://x.com/${handle ?? 'i/web'}/status/${id}`;

function customerOf(userId: string, user: V1User | V2User | undefined): InboundEvent['customer'] {
  const handle = (user && ('screen_name' in user ? user.screen_name : 'username' in user ? user.username : undefined)) ?? null;
  return { externalId: userId, name: user?.name?.trim() || (handle ? `@${handle}` : X_FALLBACK_NAME), handle };
}

function fromV1Tweet(channelId: string, t: V1Tweet): InboundEvent | null {
  const authorId = t.user?.id_str;
  if (!t.id_str || !authorId || t.retweeted_status) return null; // a plain repost has nothing to answer
  const text = t.extended_tweet?.full_text ?? t.full_text ?? t.text ?? '';
  const at = t.timestamp_ms ? Number(t.timestamp_ms) : Date.parse(t.created_at ?? '');
  const tweetType = t.is_quote_status || t.quoted_status ? 'quote' : t.in_reply_to_status_id_str ? 'reply' : 'mention';
  return {
    channelId, externalId: t.id_str, kind: 'message',
    occurredAt: new Date(Number.isFinite(at) ? at : Date.now()).toISOString(),
    customer: customerOf(authorId, t.user), text,
    meta: {
      platform: 'x', visibility: 'public', tweetId: t.id_str, tweetType, source: 'webhook',
      // v1.1 payloads carry no conversation id; a post that answers nothing starts its own conversation.
      conversationId: t.conversation_id_str ?? (t.in_reply_to_status_id_str ? null : t.id_str),
      inReplyToTweetId: t.in_reply_to_status_id_str ?? null,
      authorHandle: t.user?.screen_name ?? null, url: postUrl(t.user?.screen_name, t.id_str),
    },
  };
}

function fromDirectMessage(channelId: string, dm: V1DirectMessage, users: Record<string, V1User>): InboundEvent | null {
  const senderId = dm.message_create?.sender_id;
  if (dm.type !== 'message_create' || !dm.id || !senderId) return null;
  const at = Number(dm.created_timestamp);
  return {
    channelId,
    // DM event ids and post ids are separate id spaces; the prefix keeps them from colliding on one channel.
    externalId: `dm_${dm.id}`, kind: 'message',
    occurredAt: new Date(Number.isFinite(at) ? at : Date.now()).toISOString(),
    customer: customerOf(senderId, users[senderId]), text: dm.message_create?.message_data?.text ?? '',
    meta: { platform: 'x', visibility: 'private', dmEventId: dm.id, dmConversationWith: senderId, authorHandle: users[senderId]?.screen_name ?? null, source: 'webhook' },
  };
}

/**
 * Mentions, replies and quote posts, and DMs, from one Account Activity delivery. The brand's own posts and
 * DMs also arrive there and are skipped, as is a delivery meant for another subscribed account.
 */
export function parseAccountActivity(channelId: string, payload: AccountActivityPayload, brand: Brand): InboundEvent[] {
  if (payload.for_user_id && payload.for_user_id !== brand.userId) return [];
  const tweets = (payload.tweet_create_events ?? []).filter((t) => t?.user?.id_str !== brand.userId).map((t) => fromV1Tweet(channelId, t));
  const dms = (payload.direct_message_events ?? []).filter((d) => d?.message_create?.sender_id !== brand.userId)
    .map((d) => fromDirectMessage(channelId, d, payload.users ?? {}));
  return [...tweets, ...dms].filter((e): e is InboundEvent => e !== null);
}

/** A post found by polling; `source` tells a mention from a keyword match found by listening. */
export function fromV2Tweet(channelId: string, t: V2Tweet, users: Map<string, V2User>, source: 'mentions' | 'search'): InboundEvent | null {
  if (!t.author_id || t.referenced_tweets?.some((r) => r.type === 'retweeted')) return null;
  const author = users.get(t.author_id);
  const replied = t.referenced_tweets?.find((r) => r.type === 'replied_to');
  const tweetType = t.referenced_tweets?.some((r) => r.type === 'quoted') ? 'quote' : replied ? 'reply' : 'mention';
  return {
    channelId, externalId: t.id, kind: 'message',
    occurredAt: t.created_at && !Number.isNaN(Date.parse(t.created_at)) ? new Date(t.created_at).toISOString() : new Date().toISOString(),
    customer: customerOf(t.author_id, author), text: t.text,
    meta: {
      platform: 'x', visibility: 'public', tweetId: t.id, tweetType: source === 'search' ? 'keyword' : tweetType, source,
      conversationId: t.conversation_id ?? null, inReplyToTweetId: replied?.id ?? null,
      authorHandle: author?.username ?? null, url: postUrl(author?.username, t.id),
    },
  };
}
