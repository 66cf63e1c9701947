import { z } from 'zod';
import { zodReason } from '../schema-reason';
import { platformTime } from '../time';
import type { InboundEvent } from '../types';

export const LINE_FALLBACK_NAME = 'LINEユーザー';

/** Where a LINE message came from, and whom a push must address to answer it there. */
export interface LineOrigin {
  sourceType: 'user' | 'group' | 'room';
  userId: string | null;
  groupId: string | null;
  roomId: string | null;
  /** Push target: the group or room when the message was written there, else the user. */
  to: string;
}

// What Koe reads from LINE's webhook (Messaging API reference), checked before use: a correctly signed body can still
// carry an id as an object, a null event or a timestamp no Date can hold, and none of that may reach a job.
const Id = z.string().min(1).max(200);
const Short = z.string().max(2000);
const SourceSchema = z.looseObject({
  type: z.string().max(40),
  userId: Id.optional(),
  groupId: Id.optional(),
  roomId: Id.optional(),
});
const EventSchema = z.looseObject({ type: z.string().min(1).max(100), source: SourceSchema.optional() });
const MessageSchema = z.looseObject({
  id: Id,
  type: z.string().min(1).max(40),
  text: z.string().max(20_000).optional(),
  quoteToken: Short.optional(),
  fileName: Short.optional(),
  title: Short.optional(),
  address: Short.optional(),
});
const MessageEventSchema = EventSchema.extend({
  type: z.literal('message'),
  webhookEventId: Id.optional(),
  timestamp: z.number().optional(),
  replyToken: z.string().max(500).optional(),
  message: MessageSchema,
});
export type LineMessageEvent = z.infer<typeof MessageEventSchema>;
const PostbackEventSchema = EventSchema.extend({
  type: z.literal('postback'),
  postback: z.looseObject({ data: z.string().max(300) }),
});
export type LineMessage = z.infer<typeof MessageSchema>;

/** A webhook event reduced to what the desk acts on. */
export type LineWebhookItem =
  | { kind: 'message'; event: LineMessageEvent; origin: LineOrigin }
  | { kind: 'follow'; origin: LineOrigin }
  /** A tap on a quick-reply button Koe sent (postback action): `data` is what Koe wrote in the button. */
  | { kind: 'postback'; data: string; origin: LineOrigin }
  | { kind: 'unfollow'; origin: LineOrigin }
  | { kind: 'ignored'; type: string }
  /** Signed by LINE but not in a shape Koe can read: recorded as failed with the reason, the rest of the batch goes on. */
  | { kind: 'invalid'; reason: string };

const BodySchema = z.looseObject({
  destination: z.string().max(200).optional(),
  events: z.array(z.unknown()).max(1000),
});

/** The body after a valid signature: its events, or why it cannot be read (not JSON, no `events` array). */
export function parseLineBody(raw: Buffer): { events: unknown[] } | { invalid: string } {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return { invalid: 'the body is not JSON' };
  }
  const parsed = BodySchema.safeParse(body);
  return parsed.success
    ? { events: parsed.data.events }
    : { invalid: `not a LINE webhook body: ${zodReason(parsed.error)}` };
}

function originOf(source: z.infer<typeof SourceSchema> | undefined): LineOrigin | null {
  if (!source) return null;
  const userId = source.userId ?? null;
  if (source.type === 'user' && userId) return { sourceType: 'user', userId, groupId: null, roomId: null, to: userId };
  if (source.type === 'group' && source.groupId)
    return { sourceType: 'group', userId, groupId: source.groupId, roomId: null, to: source.groupId };
  if (source.type === 'room' && source.roomId)
    return { sourceType: 'room', userId, groupId: null, roomId: source.roomId, to: source.roomId };
  return null;
}

export function readLineEvent(raw: unknown): LineWebhookItem {
  const base = EventSchema.safeParse(raw);
  if (!base.success) return { kind: 'invalid', reason: `not a LINE event: ${zodReason(base.error)}` };
  const { type } = base.data;
  if (type === 'message') {
    const m = MessageEventSchema.safeParse(raw);
    if (!m.success) return { kind: 'invalid', reason: `not a LINE message event: ${zodReason(m.error)}` };
    const origin = originOf(m.data.source);
    return origin ? { kind: 'message', event: m.data, origin } : { kind: 'ignored', type };
  }
  const origin = originOf(base.data.source);
  if (!origin) return { kind: 'ignored', type };
  if (type === 'follow') return { kind: 'follow', origin };
  if (type === 'unfollow') return { kind: 'unfollow', origin };
  if (type === 'postback') {
    const p = PostbackEventSchema.safeParse(raw);
    if (!p.success) return { kind: 'invalid', reason: `not a LINE postback event: ${zodReason(p.error)}` };
    return { kind: 'postback', data: p.data.postback.data, origin };
  }
  return { kind: 'ignored', type };
}

const labels: Record<string, string> = {
  image: '画像',
  video: '動画',
  audio: '音声',
  file: 'ファイル',
  location: '位置情報',
  sticker: 'スタンプ',
};

/** Agents read text; other message types become a short bracketed label so the conversation still shows them. */
export function messageText(m: Pick<LineMessage, 'type' | 'text' | 'fileName' | 'title' | 'address'>): string {
  if (m.type === 'text') return m.text ?? '';
  const label = `[${labels[m.type] ?? 'メッセージ'}]`;
  if (m.type === 'file' && m.fileName) return `${label} ${m.fileName}`;
  if (m.type === 'location') return [label, m.title, m.address].filter(Boolean).join(' ');
  return label;
}

/** The customer is the person who wrote; a group member without a shared user id is represented by the group. */
export const customerIdOf = (origin: LineOrigin) => origin.userId ?? origin.to;

/** The name a LINE customer has until their profile is read: the webhook does not wait for LINE's profile API. */
export const placeholderNameOf = (origin: LineOrigin) => (origin.userId ? LINE_FALLBACK_NAME : 'LINEグループ');

/** Where a recorded LINE event came from, read back from what toInboundEvent stored; null for another platform. */
export function originOfEvent(event: InboundEvent): LineOrigin | null {
  const meta = event.meta;
  if (meta?.platform !== 'line' || typeof meta.to !== 'string') return null;
  const sourceType = meta.sourceType === 'group' || meta.sourceType === 'room' ? meta.sourceType : 'user';
  const groupId = typeof meta.groupId === 'string' ? meta.groupId : null;
  const roomId = typeof meta.roomId === 'string' ? meta.roomId : null;
  // The customer is the user when LINE named one; a group or room member it did not name is the group or room itself.
  const externalId = event.customer.externalId;
  const userId = sourceType === 'user' || externalId !== meta.to ? externalId : null;
  return { sourceType, userId, groupId, roomId, to: meta.to };
}

export function toInboundEvent(
  channelId: string,
  event: LineMessageEvent,
  origin: LineOrigin,
  customerName = placeholderNameOf(origin),
): InboundEvent {
  const message = event.message;
  const occurredAt = platformTime(event.timestamp);
  return {
    channelId,
    // The message id, not the webhook event id: LINE can deliver one message under two event ids (a redelivery after
    // a timeout), and the message is what must be recorded once.
    externalId: `msg:${message.id}`,
    kind: 'message',
    occurredAt,
    customer: { externalId: customerIdOf(origin), name: customerName },
    text: messageText(message),
    meta: {
      platform: 'line',
      messageId: message.id,
      messageType: message.type,
      webhookEventId: event.webhookEventId ?? null,
      replyToken: event.replyToken ?? null,
      replyTokenAt: Date.parse(occurredAt),
      quoteToken: message.quoteToken ?? null,
      sourceType: origin.sourceType,
      ...(origin.groupId ? { groupId: origin.groupId } : {}),
      ...(origin.roomId ? { roomId: origin.roomId } : {}),
      to: origin.to,
      visibility: origin.sourceType === 'user' ? 'private' : 'group',
    },
  };
}
