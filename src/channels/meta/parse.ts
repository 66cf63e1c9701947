import type { InboundEvent } from '../types';
import { guestName } from '../webchat/visitor';

/** The envelope Meta posts for Pages (`object: "page"`) and Instagram (`object: "instagram"`). */
export interface MetaWebhook { object?: string; entry?: MetaEntry[] }
interface MetaEntry { id?: string; time?: number; messaging?: MessagingItem[]; changes?: { field?: string; value?: Record<string, unknown> }[] }
/** `field: "feed"` (Page). */
interface FeedValue {
  item?: string; verb?: string; from?: { id?: string; name?: string }; message?: string; post_id?: string; comment_id?: string;
  parent_id?: string; created_time?: number | string; post?: { permalink_url?: string };
}
/** `field: "comments"` (Instagram). */
interface InstagramCommentValue { id?: string; text?: string; from?: { id?: string; username?: string }; media?: { id?: string }; parent_id?: string; timestamp?: number | string }
interface MessagingItem {
  sender?: { id?: string }; recipient?: { id?: string }; timestamp?: number;
  message?: { mid?: string; text?: string; is_echo?: boolean; is_deleted?: boolean; reply_to?: { mid?: string }; attachments?: { type?: string; payload?: { url?: string } }[] };
}

export type MetaPlatform = 'messenger' | 'instagram';
export interface ParsedWebhook { events: InboundEvent[]; ignored: string[] }
interface Ids { channelId: string; pageId: string; igAccountId?: string }

/** Meta sends seconds in some fields and milliseconds in others; anything unreadable becomes "now". */
function toIso(t: unknown): string {
  if (typeof t === 'number' && Number.isFinite(t)) return new Date(t < 1e12 ? t * 1000 : t).toISOString();
  if (typeof t === 'string' && !Number.isNaN(Date.parse(t))) return new Date(t).toISOString();
  return new Date().toISOString();
}

const attachmentText = (a: { type?: string }) => `[${a.type ?? 'attachment'}]`;

function directMessage(item: MessagingItem, platform: MetaPlatform, ownIds: Set<string>, ids: Ids, ignored: string[]): InboundEvent | null {
  const m = item.message;
  const senderId = item.sender?.id;
  if (!m) { ignored.push('messaging event without a message (delivery, read, postback)'); return null; }
  // Echoes are the page's own sends (from Koe or the Meta inbox); they are not customer messages.
  if (m.is_echo || (senderId && ownIds.has(senderId))) { ignored.push(`echo ${m.mid ?? ''}`.trim()); return null; }
  if (m.is_deleted) { ignored.push(`deleted message ${m.mid ?? ''}`.trim()); return null; }
  if (!m.mid || !senderId) { ignored.push('message without mid or sender'); return null; }
  const text = [m.text, ...(m.attachments ?? []).map(attachmentText)].filter(Boolean).join('\n');
  const at = toIso(item.timestamp);
  const userKey = platform === 'instagram' ? 'igsid' : 'psid';
  return {
    channelId: ids.channelId, externalId: m.mid, kind: 'message', occurredAt: at,
    customer: { externalId: senderId, name: guestName(senderId, undefined) },
    text,
    meta: {
      visibility: 'private', platform, [userKey]: senderId, mid: m.mid, at,
      ...(m.reply_to?.mid ? { replyToMid: m.reply_to.mid } : {}),
      ...(m.attachments?.length ? { attachments: m.attachments.map((a) => ({ type: a.type ?? null, url: a.payload?.url ?? null })) } : {}),
    },
  };
}

function pageComment(value: FeedValue, ownIds: Set<string>, ids: Ids, ignored: string[]): InboundEvent | null {
  if (value.item !== 'comment') { ignored.push(`feed item ${value.item ?? '?'}`); return null; }
  if (value.verb !== 'add') { ignored.push(`comment ${value.verb ?? '?'} ${value.comment_id ?? ''}`.trim()); return null; }
  const from = value.from;
  if (!from?.id || !value.comment_id) { ignored.push('comment without author or id'); return null; }
  if (ownIds.has(from.id)) { ignored.push(`page's own comment ${value.comment_id}`); return null; }
  const at = toIso(value.created_time);
  return {
    channelId: ids.channelId, externalId: String(value.comment_id), kind: 'message', occurredAt: at,
    customer: { externalId: from.id, name: from.name || guestName(from.id, undefined) },
    text: String(value.message ?? ''),
    meta: {
      visibility: 'public', platform: 'facebook', commentId: String(value.comment_id), postId: value.post_id ?? null,
      parentId: value.parent_id ?? null, at, ...(value.post?.permalink_url ? { permalink: value.post.permalink_url } : {}),
    },
  };
}

function instagramComment(value: InstagramCommentValue, entryTime: unknown, ownIds: Set<string>, ids: Ids, ignored: string[]): InboundEvent | null {
  const from = value.from;
  if (!value.id || !from?.id) { ignored.push('comment without id or author'); return null; }
  // Koe's own replies come back as comment webhooks from the business account.
  if (ownIds.has(from.id)) { ignored.push(`own comment ${value.id}`); return null; }
  const at = toIso(value.timestamp ?? entryTime);
  return {
    channelId: ids.channelId, externalId: String(value.id), kind: 'message', occurredAt: at,
    customer: { externalId: from.id, name: from.username || guestName(from.id, undefined), handle: from.username ?? null },
    text: String(value.text ?? ''),
    meta: {
      visibility: 'public', platform: 'instagram', commentId: String(value.id), mediaId: value.media?.id ?? null,
      parentId: value.parent_id ?? null, at,
    },
  };
}

/**
 * Turns one verified webhook body into customer messages, in delivery order. Everything Koe does not handle
 * is listed in `ignored` (logged by the caller) so the platform still gets its 200.
 */
export function parseMetaWebhook(body: MetaWebhook, ids: Ids): ParsedWebhook {
  const events: InboundEvent[] = [];
  const ignored: string[] = [];
  const platform: MetaPlatform = body.object === 'instagram' ? 'instagram' : 'messenger';
  if (body.object !== 'page' && body.object !== 'instagram') ignored.push(`object ${body.object ?? '?'}`);
  for (const entry of body.entry ?? []) {
    const ownIds = new Set([ids.pageId, ids.igAccountId, entry.id].filter((x): x is string => !!x));
    const push = (e: InboundEvent | null) => { if (e) events.push(e); };
    for (const item of entry.messaging ?? []) push(directMessage(item, platform, ownIds, ids, ignored));
    for (const change of entry.changes ?? []) {
      const value = change.value ?? {};
      if (change.field === 'feed') push(pageComment(value as FeedValue, ownIds, ids, ignored));
      else if (change.field === 'comments') push(instagramComment(value as InstagramCommentValue, entry.time, ownIds, ids, ignored));
      // The app dashboard's "Test" button sends DMs in this shape instead of `messaging`.
      else if (change.field === 'messages') push(directMessage(value as MessagingItem, platform, ownIds, ids, ignored));
      else ignored.push(`field ${change.field ?? '?'}`);
    }
  }
  return { events, ignored };
}
