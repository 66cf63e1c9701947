import { createHash } from 'node:crypto';
import { outbox } from '../../store/repositories';
import { HTTPFetchError } from '@line/bot-sdk';
import type { ChannelContext } from '../plugin';
import { DeliveryError, type ChannelAdapter, type OutboundMessage } from '../types';
import { lineApi, type LineCredentials } from './credentials';

export const LINE_TEXT_LIMIT = 5_000;
/** LINE documents a one-minute reply token; tokens have been seen to fail sooner, so Koe stops trusting them early. */
export const REPLY_TOKEN_WINDOW_MS = 50_000;

/** A UUID derived from the reply's idempotency key, so every retry of one reply carries the same `X-Line-Retry-Key`. */
export function lineRetryKey(idempotencyKey: string): string {
  const b = createHash('sha256').update(`koe:line-retry:${idempotencyKey}`).digest().subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50; // version 5 (name-based)
  b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** LINE's error body: `{message, details: [{message, property}]}`. */
function platformReason(err: HTTPFetchError): string {
  try {
    const body = JSON.parse(err.body) as { message?: string; details?: { message?: string; property?: string }[] };
    const details = (body.details ?? []).map((d) => [d.property, d.message].filter(Boolean).join(': ')).filter(Boolean);
    if (body.message) return `LINE: ${body.message}${details.length ? ` (${details.join('; ')})` : ''}`;
  } catch {
    /* not JSON */
  }
  return `LINE: HTTP ${err.status} ${err.statusText}`.trim();
}

export function deliveryErrorFrom(err: unknown): unknown {
  if (!(err instanceof HTTPFetchError)) return err; // network trouble: retried with backoff
  const reason = platformReason(err);
  if (err.status === 429) {
    // The monthly push quota also answers 429, but waiting minutes will not lift it.
    if (/monthly limit/i.test(reason)) return new DeliveryError(reason, true);
    return new DeliveryError(reason, false, retryAfterMs(err.headers.get('retry-after')));
  }
  if (err.status >= 500) return new DeliveryError(reason, false);
  return new DeliveryError(reason, true);
}

const isInvalidReplyToken = (err: unknown) =>
  err instanceof HTTPFetchError && err.status === 400 && /reply ?token/i.test(err.body);

/** A reply token works once: if another reply to the same customer message already went out, it is spent. */
async function replyTokenSpent(ctx: ChannelContext, out: OutboundMessage): Promise<boolean> {
  return outbox.otherSentSince(ctx.db, out.conversationId, out.message.id, out.inReplyTo!.createdAt);
}

async function usableReplyToken(ctx: ChannelContext, out: OutboundMessage): Promise<string | null> {
  const meta = out.inReplyTo?.meta ?? {};
  if (typeof meta.replyToken !== 'string' || typeof meta.replyTokenAt !== 'number') return null;
  if (Date.now() - meta.replyTokenAt >= REPLY_TOKEN_WINDOW_MS) return null;
  return (await replyTokenSpent(ctx, out)) ? null : meta.replyToken;
}

/**
 * Replies are free and need no quota, so a fresh reply token is used first; otherwise (or when LINE says the
 * token is no longer valid) the reply is pushed to the user, group or room the customer wrote from.
 */
export function lineAdapter(ctx: ChannelContext): ChannelAdapter {
  return {
    kind: 'line',
    async send(out) {
      const text = out.message.text;
      if (text.length > LINE_TEXT_LIMIT)
        throw new DeliveryError(
          `LINE messages are limited to ${LINE_TEXT_LIMIT} characters (this reply has ${text.length})`,
          true,
        );
      const creds = await ctx.credentials<LineCredentials>(out.channel.id);
      const api = lineApi(creds);
      // A survey's scores as quick-reply buttons (up to 13; a tap comes back as a postback with the data).
      const quickReply = out.choices?.length
        ? {
            items: out.choices.slice(0, 13).map((c) => ({
              type: 'action' as const,
              action: { type: 'postback' as const, label: c.label.slice(0, 20), data: c.data, displayText: c.label },
            })),
          }
        : undefined;
      const messages = [{ type: 'text' as const, text, ...(quickReply ? { quickReply } : {}) }];

      const replyToken = await usableReplyToken(ctx, out);
      if (replyToken) {
        try {
          const res = await api.replyMessage({ replyToken, messages });
          return { externalId: res.sentMessages?.[0]?.id };
        } catch (err) {
          if (!isInvalidReplyToken(err)) throw deliveryErrorFrom(err);
          // The token was fresh and no other reply used it: the interrupted attempt did, so LINE has this reply. A
          // push now would send it twice (LINE's retry key covers pushes only).
          if (out.interrupted) {
            ctx.log.warn(
              { channelId: out.channel.id, messageId: out.message.id },
              'LINE reply token spent by an interrupted attempt; counted as delivered, not pushed again',
            );
            return {};
          }
          ctx.log.info({ channelId: out.channel.id }, 'LINE reply token no longer valid; pushing instead');
        }
      }

      const meta = out.inReplyTo?.meta ?? {};
      const to = typeof meta.to === 'string' ? meta.to : out.recipient.externalId;
      try {
        const res = await api.pushMessage({ to, messages }, lineRetryKey(out.idempotencyKey));
        return { externalId: res.sentMessages?.[0]?.id };
      } catch (err) {
        // 409 with a retry key means LINE already accepted this very push on an earlier attempt.
        if (err instanceof HTTPFetchError && err.status === 409)
          return { externalId: err.headers.get('x-line-accepted-request-id') ?? undefined };
        throw deliveryErrorFrom(err);
      }
    },
  };
}
