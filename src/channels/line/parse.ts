import type { webhook } from '@line/bot-sdk';
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

/** A webhook event reduced to what the desk acts on. */
export type LineWebhookItem =
  | { kind: 'message'; event: webhook.MessageEvent; origin: LineOrigin }
  | { kind: 'follow'; origin: LineOrigin }
  | { kind: 'unfollow'; origin: LineOrigin }
  | { kind: 'ignored'; type: string };

/** The body after a valid signature; null when it is not JSON with an `events` array. */
export function parseLineBody(raw: Buffer): { events: unknown[] } | null {
  let body: unknown;
  try { body = JSON.parse(raw.toString('utf8')); } catch { return null; }
  if (!body || typeof body !== 'object' || !Array.isArray((body as { events?: unknown }).events)) return null;
  return body as { events: unknown[] };
}

function originOf(source: webhook.Source | undefined): LineOrigin | null {
  if (!source || typeof source !== 'object') return null;
  const s = source as { type?: string; userId?: string; groupId?: string; roomId?: string };
  const userId = typeof s.userId === 'string' ? s.userId : null;
  if (s.type === 'user' && userId) return { sourceType: 'user', userId, groupId: null, roomId: null, to: userId };
  if (s.type === 'group' && typeof s.groupId === 'string') return { sourceType: 'group', userId, groupId: s.groupId, roomId: null, to: s.groupId };
  if (s.type === 'room' && typeof s.roomId === 'string') return { sourceType: 'room', userId, groupId: null, roomId: s.roomId, to: s.roomId };
  return null;
}

export function readLineEvent(raw: unknown): LineWebhookItem {
  const e = (raw && typeof raw === 'object' ? raw : {}) as Partial<webhook.Event> & { source?: webhook.Source };
  const type = typeof e.type === 'string' ? e.type : 'unknown';
  const origin = originOf(e.source);
  if (!origin) return { kind: 'ignored', type };
  if (type === 'message') {
    const m = (e as webhook.MessageEvent).message as { id?: unknown; type?: unknown } | undefined;
    if (!m || typeof m.id !== 'string' || typeof m.type !== 'string') return { kind: 'ignored', type };
    return { kind: 'message', event: e as webhook.MessageEvent, origin };
  }
  if (type === 'follow') return { kind: 'follow', origin };
  if (type === 'unfollow') return { kind: 'unfollow', origin };
  return { kind: 'ignored', type };
}

const labels: Record<string, string> = { image: '画像', video: '動画', audio: '音声', file: 'ファイル', location: '位置情報', sticker: 'スタンプ' };

/** Agents read text; other message types become a short bracketed label so the conversation still shows them. */
export function messageText(message: webhook.MessageContent): string {
  const m = message as { type: string; text?: string; fileName?: string; title?: string; address?: string };
  if (m.type === 'text') return m.text ?? '';
  const label = `[${labels[m.type] ?? 'メッセージ'}]`;
  if (m.type === 'file' && m.fileName) return `${label} ${m.fileName}`;
  if (m.type === 'location') return [label, m.title, m.address].filter(Boolean).join(' ');
  return label;
}

/** The customer is the person who wrote; a group member without a shared user id is represented by the group. */
export const customerIdOf = (origin: LineOrigin) => origin.userId ?? origin.to;

export function toInboundEvent(channelId: string, event: webhook.MessageEvent, origin: LineOrigin, customerName: string): InboundEvent {
  const message = event.message as webhook.MessageContent & { quoteToken?: string };
  const timestamp = typeof event.timestamp === 'number' ? event.timestamp : Date.now();
  return {
    channelId,
    externalId: typeof event.webhookEventId === 'string' && event.webhookEventId ? event.webhookEventId : message.id,
    kind: 'message',
    occurredAt: new Date(timestamp).toISOString(),
    customer: { externalId: customerIdOf(origin), name: customerName },
    text: messageText(message),
    meta: {
      platform: 'line',
      messageId: message.id,
      messageType: message.type,
      replyToken: event.replyToken ?? null,
      replyTokenAt: timestamp,
      quoteToken: message.quoteToken ?? null,
      sourceType: origin.sourceType,
      ...(origin.groupId ? { groupId: origin.groupId } : {}),
      ...(origin.roomId ? { roomId: origin.roomId } : {}),
      to: origin.to,
      visibility: origin.sourceType === 'user' ? 'private' : 'group',
    },
  };
}
