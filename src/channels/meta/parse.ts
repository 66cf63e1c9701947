import { z } from 'zod';
import { zodReason, type RejectedPart } from '../schema-reason';
import { platformTime } from '../time';
import type { InboundEvent } from '../types';
import { guestName } from '../webchat/visitor';

// What Koe reads from Meta's webhooks (Messenger Platform and Instagram Graph API references), checked before use:
// a correctly signed body can still hold a null entry, an id given as an object or a timestamp no Date can hold.
const Id = z.union([z.string().min(1).max(200), z.number().int().nonnegative().transform(String)]);
const Text = z.string().max(100_000);

const AttachmentSchema = z.looseObject({
  type: z.string().max(40).nullish(),
  payload: z.looseObject({ url: z.string().max(4000).nullish() }).nullish(),
});
const MessagingSchema = z.looseObject({
  sender: z.looseObject({ id: Id }).optional(),
  recipient: z.looseObject({ id: Id }).optional(),
  timestamp: z.unknown().optional(),
  message: z
    .looseObject({
      mid: Id.optional(),
      text: Text.optional(),
      is_echo: z.boolean().optional(),
      is_deleted: z.boolean().optional(),
      reply_to: z.looseObject({ mid: Id.optional() }).nullish(),
      // A tapped quick reply: `text` is the button's title, `payload` what the page put in the button (≤ 1,000
      // characters; Meta documents it as a string or a number).
      quick_reply: z.looseObject({ payload: z.union([z.string().max(1000), z.number().transform(String)]) }).nullish(),
      attachments: z.array(AttachmentSchema).max(50).optional(),
    })
    .optional(),
});
const FeedValueSchema = z.looseObject({
  item: z.string().max(40).optional(),
  verb: z.string().max(40).optional(),
  from: z.looseObject({ id: Id, name: z.string().max(500).optional() }).optional(),
  message: Text.optional(),
  post_id: Id.optional(),
  comment_id: Id.optional(),
  parent_id: Id.optional(),
  created_time: z.unknown().optional(),
  post: z.looseObject({ permalink_url: z.string().max(4000).optional() }).optional(),
});
const InstagramCommentSchema = z.looseObject({
  id: Id.optional(),
  text: Text.optional(),
  from: z.looseObject({ id: Id, username: z.string().max(200).optional() }).optional(),
  media: z.looseObject({ id: Id.optional() }).optional(),
  parent_id: Id.optional(),
  timestamp: z.unknown().optional(),
});
const ChangeSchema = z.looseObject({ field: z.string().max(100), value: z.record(z.string(), z.unknown()) });
const EntrySchema = z.looseObject({
  id: Id.optional(),
  time: z.unknown().optional(),
  messaging: z.array(z.unknown()).max(1000).optional(),
  changes: z.array(z.unknown()).max(1000).optional(),
});
const BodySchema = z.looseObject({ object: z.string().max(40), entry: z.array(z.unknown()).max(1000) });

type MessagingItem = z.infer<typeof MessagingSchema>;
export type MetaPlatform = 'messenger' | 'instagram';
/** One event (or part of the body) that was signed but not in a shape Koe can read, with why. */
export interface ParsedWebhook {
  events: InboundEvent[];
  /**
   * Quick-reply taps among `events`, by the event's `externalId` (the message's mid): the payload of the tapped
   * button. The desk may take a tap as an answer (a survey score); a tap it does not take is an ordinary message.
   */
  quickReplies: Map<string, string>;
  ignored: string[];
  rejected: RejectedPart[];
}
interface Ids {
  channelId: string;
  pageId: string;
  igAccountId?: string;
}

const attachmentText = (a: { type?: string | null }) => `[${a.type ?? 'attachment'}]`;

function directMessage(
  item: MessagingItem,
  platform: MetaPlatform,
  ownIds: Set<string>,
  ids: Ids,
  ignored: string[],
): InboundEvent | null {
  const m = item.message;
  const senderId = item.sender?.id;
  if (!m) {
    ignored.push('messaging event without a message (delivery, read, postback)');
    return null;
  }
  // Echoes are the page's own sends (from Koe or the Meta inbox); they are not customer messages.
  if (m.is_echo || (senderId && ownIds.has(senderId))) {
    ignored.push(`echo ${m.mid ?? ''}`.trim());
    return null;
  }
  if (m.is_deleted) {
    ignored.push(`deleted message ${m.mid ?? ''}`.trim());
    return null;
  }
  if (!m.mid || !senderId) {
    ignored.push('message without mid or sender');
    return null;
  }
  const text = [m.text, ...(m.attachments ?? []).map(attachmentText)].filter(Boolean).join('\n');
  const at = platformTime(item.timestamp);
  const userKey = platform === 'instagram' ? 'igsid' : 'psid';
  return {
    channelId: ids.channelId,
    externalId: m.mid,
    kind: 'message',
    occurredAt: at,
    customer: { externalId: senderId, name: guestName(senderId, undefined) },
    text,
    meta: {
      visibility: 'private',
      platform,
      [userKey]: senderId,
      mid: m.mid,
      at,
      ...(m.reply_to?.mid ? { replyToMid: m.reply_to.mid } : {}),
      ...(m.attachments?.length
        ? { attachments: m.attachments.map((a) => ({ type: a.type ?? null, url: a.payload?.url ?? null })) }
        : {}),
    },
  };
}

function pageComment(
  value: z.infer<typeof FeedValueSchema>,
  ownIds: Set<string>,
  ids: Ids,
  ignored: string[],
): InboundEvent | null {
  if (value.item !== 'comment') {
    ignored.push(`feed item ${value.item ?? '?'}`);
    return null;
  }
  if (value.verb !== 'add') {
    ignored.push(`comment ${value.verb ?? '?'} ${value.comment_id ?? ''}`.trim());
    return null;
  }
  const from = value.from;
  if (!from?.id || !value.comment_id) {
    ignored.push('comment without author or id');
    return null;
  }
  if (ownIds.has(from.id)) {
    ignored.push(`page's own comment ${value.comment_id}`);
    return null;
  }
  const at = platformTime(value.created_time);
  return {
    channelId: ids.channelId,
    externalId: value.comment_id,
    kind: 'message',
    occurredAt: at,
    customer: { externalId: from.id, name: from.name || guestName(from.id, undefined) },
    text: value.message ?? '',
    meta: {
      visibility: 'public',
      platform: 'facebook',
      commentId: value.comment_id,
      postId: value.post_id ?? null,
      parentId: value.parent_id ?? null,
      at,
      ...(value.post?.permalink_url ? { permalink: value.post.permalink_url } : {}),
    },
  };
}

function instagramComment(
  value: z.infer<typeof InstagramCommentSchema>,
  entryTime: unknown,
  ownIds: Set<string>,
  ids: Ids,
  ignored: string[],
): InboundEvent | null {
  const from = value.from;
  if (!value.id || !from?.id) {
    ignored.push('comment without id or author');
    return null;
  }
  // Koe's own replies come back as comment webhooks from the business account.
  if (ownIds.has(from.id)) {
    ignored.push(`own comment ${value.id}`);
    return null;
  }
  const at = platformTime(value.timestamp ?? entryTime);
  return {
    channelId: ids.channelId,
    externalId: value.id,
    kind: 'message',
    occurredAt: at,
    customer: {
      externalId: from.id,
      name: from.username || guestName(from.id, undefined),
      handle: from.username ?? null,
    },
    text: value.text ?? '',
    meta: {
      visibility: 'public',
      platform: 'instagram',
      commentId: value.id,
      mediaId: value.media?.id ?? null,
      parentId: value.parent_id ?? null,
      at,
    },
  };
}

/** The `object` each channel kind receives: a Page's events posted to an Instagram channel's URL are not its events. */
export const OBJECT_OF_KIND = { facebook: 'page', instagram: 'instagram' } as const;

/**
 * Turns one verified webhook body into customer messages, in delivery order. Everything Koe does not handle is listed
 * in `ignored` (logged by the caller); parts it cannot read are in `rejected` (kept as failed events); either way the
 * platform gets its 200 and the rest of the batch is processed.
 */
export function parseMetaWebhook(
  raw: unknown,
  ids: Ids,
  kind: keyof typeof OBJECT_OF_KIND,
): ParsedWebhook | { invalid: string } {
  const body = BodySchema.safeParse(raw);
  if (!body.success) return { invalid: `not a Meta webhook body: ${zodReason(body.error)}` };
  if (body.data.object !== OBJECT_OF_KIND[kind])
    return {
      invalid: `object "${body.data.object}" was posted to a ${kind} channel (expected "${OBJECT_OF_KIND[kind]}")`,
    };
  const events: InboundEvent[] = [];
  const quickReplies = new Map<string, string>();
  const ignored: string[] = [];
  const rejected: RejectedPart[] = [];
  const platform: MetaPlatform = kind === 'instagram' ? 'instagram' : 'messenger';
  const read = <T>(schema: z.ZodType<T>, payload: unknown, what: string): T | null => {
    const r = schema.safeParse(payload);
    if (r.success) return r.data;
    rejected.push({ payload, reason: `not a Meta ${what}: ${zodReason(r.error)}` });
    return null;
  };
  const push = (e: InboundEvent | null) => {
    if (e) events.push(e);
  };
  const pushMessage = (item: MessagingItem, ownIds: Set<string>) => {
    const e = directMessage(item, platform, ownIds, ids, ignored);
    push(e);
    const payload = item.message?.quick_reply?.payload;
    if (e && payload) quickReplies.set(e.externalId, payload);
  };
  for (const rawEntry of body.data.entry) {
    const entry = read(EntrySchema, rawEntry, 'entry');
    if (!entry) continue;
    const ownIds = new Set([ids.pageId, ids.igAccountId, entry.id].filter((x): x is string => !!x));
    for (const rawItem of entry.messaging ?? []) {
      const item = read(MessagingSchema, rawItem, 'messaging event');
      if (item) pushMessage(item, ownIds);
    }
    for (const rawChange of entry.changes ?? []) {
      const change = read(ChangeSchema, rawChange, 'change');
      if (!change) continue;
      if (change.field === 'feed') {
        const value = read(FeedValueSchema, change.value, 'feed change');
        if (value) push(pageComment(value, ownIds, ids, ignored));
      } else if (change.field === 'comments') {
        const value = read(InstagramCommentSchema, change.value, 'comment change');
        if (value) push(instagramComment(value, entry.time, ownIds, ids, ignored));
      } else if (change.field === 'messages') {
        // The app dashboard's "Test" button sends DMs in this shape instead of `messaging`.
        const value = read(MessagingSchema, change.value, 'messages change');
        if (value) pushMessage(value, ownIds);
      } else ignored.push(`field ${change.field}`);
    }
  }
  return { events, quickReplies, ignored, rejected };
}
