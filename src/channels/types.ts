import { z } from 'zod';
import type { Channel, ChannelKind } from '../store/repositories';

/** A platform event after verification and parsing: the one shape the ingest pipeline understands. */
export interface InboundEvent {
  channelId: string;
  /** Unique per channel; platform re-deliveries carry the same id, so recording is idempotent. */
  externalId: string;
  kind: 'message';
  occurredAt: string;
  customer: { externalId: string; name: string; handle?: string | null; email?: string | null };
  text: string;
  clientMessageId?: string | null;
  /** Platform specifics a reply needs (reply token, comment/post id, `visibility: "public" | "private"`). */
  meta?: Record<string, unknown>;
}

/**
 * What may reach the processing job. Checked in recordInbound after every plugin's own parsing, so a platform quirk a
 * parser let through (an id given as an object, a non-string text, an impossible time) is parked as a failed event
 * with its reason instead of failing in the job on every retry.
 */
export const InboundEventSchema = z.object({
  channelId: z.string().min(1).max(100),
  externalId: z.string().min(1).max(500),
  kind: z.literal('message'),
  occurredAt: z.iso.datetime({ offset: true }),
  customer: z.object({
    externalId: z.string().min(1).max(500),
    name: z.string().max(500),
    handle: z.string().max(300).nullish(),
    email: z.string().max(320).nullish(),
  }),
  text: z.string().max(200_000),
  clientMessageId: z.string().max(200).nullish(),
  meta: z.record(z.string(), z.unknown()).optional(),
});

export interface OutboundMessage {
  channel: Channel;
  conversationId: string;
  recipient: { externalId: string; handle: string | null };
  message: { id: string; text: string; authorName: string; createdAt: string };
  /** Stable per reply: platforms that accept one deduplicate retries with it. */
  idempotencyKey: string;
  /** 'dm': the agent moved this conversation to direct messages on the same platform ("continue privately"). */
  via?: 'dm';
  /** The customer message being answered, with its platform meta; absent when the customer never wrote. */
  inReplyTo?: { messageId: string; meta: Record<string, unknown>; createdAt: string };
  /**
   * Buttons the customer may tap instead of typing (a survey's scores), on platforms that have them (LINE, Messenger
   * and Instagram quick replies); `data` comes back with the tap (LINE's postback, Meta's `quick_reply.payload`).
   * Platforms without them send the text alone.
   */
  choices?: { label: string; data: string }[];
  /**
   * An earlier attempt stopped in the middle of sending (its process died): the platform may already have this reply.
   * Adapters use it where the platform's answer can tell (LINE: a spent reply token).
   */
  interrupted?: boolean;
}

/** Thrown by `send`; `permanent` failures are shown to the agent at once, others retry with backoff. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

import type { AmplifyAction } from '../contracts/values';

export type { AmplifyAction } from '../contracts/values';

/** An agent's explicit like or repost of a customer's public post (usually praise). */
export interface AmplifyRequest {
  channel: Channel;
  action: AmplifyAction;
  /** The customer message, with the platform meta it arrived with (tweet id, comment id…). */
  target: { messageId: string; meta: Record<string, unknown> };
}

/** One per platform, under src/channels/<platform>/. */
export interface ChannelAdapter {
  kind: ChannelKind;
  send(out: OutboundMessage): Promise<{ externalId?: string }>;
  /**
   * Like or repost a customer's public post, at once (not through the outbox). Platforms without it leave it out.
   * Throws DeliveryError like `send`: `retryAfterMs` when rate limited, `permanent` with the platform's reason on 4xx.
   */
  amplify?(req: AmplifyRequest): Promise<{ externalId?: string }>;
}
