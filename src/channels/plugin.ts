import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { KoeConfig } from '../config/config';
import type { JobQueue } from '../jobs/queue';
import type { RealtimeBus } from '../realtime/bus';
import type { Channel, ChannelKind, Db } from '../store/repositories';
import type { ListenErrorCode } from '../contracts/values';
import type { ChannelAdapter, InboundEvent } from './types';

/** What a channel plugin may use from the running desk. */
export interface ChannelContext {
  db: Db;
  log: Logger;
  bus: RealtimeBus;
  jobs: JobQueue;
  config: KoeConfig;
  channel(channelId: string): Promise<Channel | undefined>;
  /** The channel's decrypted credentials (validated by the plugin's schema when the admin saved them). */
  credentials<T = Record<string, unknown>>(channelId: string): Promise<T>;
  /** Durable, idempotent record of a verified, parsed event; acknowledge the platform only after it resolves. */
  record(event: InboundEvent): Promise<{ eventId: string | null; duplicate: boolean; rejected?: string }>;
  /**
   * A verified delivery, or one event in it, that cannot be understood: kept as a failed inbound event with the reason
   * (shown to admins) and never processed. The webhook still acknowledges it, so the rest of the batch is not redelivered.
   */
  reject(channelId: string, payload: unknown, reason: string): Promise<void>;
  /**
   * A customer tapped one of a message's `choices` (LINE's postback, a Meta message with a quick-reply payload): the
   * desk acts on the data it wrote there (a survey score). False when the data is not Koe's or not this customer's.
   */
  choiceTapped(channelId: string, customerExternalId: string, data: string): Promise<boolean>;
}

/**
 * One per platform folder under src/channels/. A plugin verifies and parses the platform's webhooks (its routes
 * live under /webhooks/<kind>/…), sends replies through the platform's API, and may poll.
 */
export interface ChannelPlugin {
  kinds: readonly ChannelKind[];
  /** Credentials and settings an admin enters for a channel of these kinds; stored encrypted. */
  credentialsSchema: z.ZodType<Record<string, unknown>>;
  /** Webhook routes. Registered in their own scope, where JSON bodies arrive as raw Buffers for signature checks. */
  routes?(app: FastifyInstance, ctx: ChannelContext): Promise<void>;
  /**
   * What the webhook leaves out so that it can acknowledge at once (the LINE sender's display name): looked up while
   * the event is processed, before the processing transaction, and returned as the event to process. Best effort: a
   * platform that cannot tell leaves the event as it was. May run more than once for one event (a retried job).
   */
  enrich?(ctx: ChannelContext, event: InboundEvent): Promise<InboundEvent>;
  /** Reply senders, one per kind. */
  adapters(ctx: ChannelContext): ChannelAdapter[];
  /** Background work (polling); returns a stop function. */
  start?(ctx: ChannelContext): Promise<() => Promise<void>>;
  /**
   * Listening: public posts matching an admin's query that do not tag the brand, newer than what `state` (this
   * query's cursors, as the last call returned them) says was seen. Throws `ListenError` when the platform refuses.
   */
  listen?(ctx: ChannelContext, channel: Channel, query: ListenQuery, state: ListenState): Promise<ListenResult>;
  /** "Test connection" in the channel setup page. */
  test?(ctx: ChannelContext, channel: Channel): Promise<{ ok: boolean; detail: string }>;
}

export interface ListenQuery {
  terms: string[];
  exclusions: string[];
}
export type ListenState = Record<string, unknown>;
export interface ListenedPost {
  externalId: string;
  postedAt: string;
  text: string;
  url: string | null;
  author: { name: string | null; handle: string | null } | null;
  /**
   * The post as an inbound event when the brand can answer it on the platform (an X post); null where the platform
   * allows no answer (Instagram forbids commenting on media found by hashtag search and names no author).
   */
  event: InboundEvent | null;
}
export interface ListenResult {
  /** Oldest first. */
  posts: ListenedPost[];
  state: ListenState;
  /** The platform's rate-limit window is spent: ask no sooner than this (ms). */
  retryAfterMs?: number;
}

/** Why a platform did not answer a listening query; the desk shows it to admins in their language. */
export class ListenError extends Error {
  constructor(
    readonly code: ListenErrorCode,
    detail: string,
    /** When the platform said how long to wait (a rate-limit reset). */
    readonly retryAfterMs?: number,
  ) {
    super(detail);
  }
}
