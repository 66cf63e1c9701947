import { DeliveryError, type AmplifyAction, type ChannelAdapter } from '../channels/types';
import { conflict, DomainError, notFound } from '../domain/errors';
import type { Actor } from '../domain/permissions';
import { messages, audit, channels, conversations, type Db, byAgent } from '../store/repositories';

export type { AmplifyAction } from '../channels/types';
import { AMPLIFY_ACTIONS } from '../contracts/values';

const PLATFORM_NAME: Record<string, string> = {
  x: 'X',
  facebook: 'Facebook',
  instagram: 'Instagram',
  line: 'LINE',
  email: 'Email',
  webchat: 'Web chat',
};
const PAST: Record<AmplifyAction, string> = { like: 'liked', repost: 'reposted' };

/** Which actions a platform's API allows on a public customer post. */
const SUPPORTED: Record<string, readonly AmplifyAction[]> = { x: ['like', 'repost'], facebook: ['like'] };

/** What Koe recorded on the message: the actions already done, so none is repeated. */
export const amplifiedOf = (meta: Record<string, unknown>): AmplifyAction[] =>
  Array.isArray(meta.amplified) ? meta.amplified.filter((a): a is AmplifyAction => a === 'like' || a === 'repost') : [];

/**
 * Why `action` is impossible on a customer message of a channel kind, or null when the platform allows it.
 * Only the platform's rules; whether it was already done is checked separately.
 */
export function amplifyRefusal(
  channelKind: string,
  meta: Record<string, unknown>,
  action: AmplifyAction,
): string | null {
  const platform = PLATFORM_NAME[channelKind] ?? channelKind;
  if (channelKind === 'instagram') {
    return action === 'like'
      ? 'Instagram does not allow liking comments through the API'
      : 'Instagram does not allow reposting comments through the API';
  }
  const supported = SUPPORTED[channelKind];
  if (!supported) return `${platform} messages cannot be liked or reposted`;
  if (!supported.includes(action))
    return `${platform} does not allow ${action === 'repost' ? 'reposting (sharing)' : 'liking'} a comment through the API`;
  if (meta.visibility !== 'public') return 'Only public posts can be amplified; this is a direct message';
  const id = channelKind === 'x' ? meta.tweetId : meta.commentId;
  if (typeof id !== 'string' || !id) return `This ${platform} message has no public post id to ${action}`;
  return null;
}

/** The actions still possible on a customer message: allowed by the platform and not yet done. */
export function amplifyOptions(channelKind: string, meta: Record<string, unknown>): AmplifyAction[] {
  const done = amplifiedOf(meta);
  return AMPLIFY_ACTIONS.filter((a) => !done.includes(a) && amplifyRefusal(channelKind, meta, a) === null);
}

/** The newest public customer message of a conversation (what the inbox offers to like or repost). */
export async function latestPublicCustomerMessage(
  db: Db,
  conversationId: string,
): Promise<{ id: string; meta: Record<string, unknown> } | undefined> {
  for (const r of await messages.recentCustomerMetas(db, conversationId)) {
    const meta = parseMeta(r.meta);
    if (meta.visibility === 'public') return { id: r.id, meta };
  }
  return undefined;
}

function parseMeta(raw: string | null): Record<string, unknown> {
  if (!raw) return {};
  try {
    const v = JSON.parse(raw) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const swapMeta = (db: Db, id: string, before: string | null, after: Record<string, unknown>) =>
  messages.swapMeta(db, id, before, after);

export interface AmplifyDeps {
  db: Db;
  adapters: Map<string, ChannelAdapter>;
}

/** Problem details for a failed platform call: 429 with the wait, 409 with the platform's reason, 502 otherwise. */
export class AmplifyFailed extends Error {
  constructor(
    readonly status: 409 | 429 | 502,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/**
 * Likes or reposts a customer's public post on its platform, now (an explicit agent action, not a queued reply).
 * The action is reserved on the message first, so two clicks never like or repost twice; a failed call releases it.
 */
export async function amplifyMessage(
  deps: AmplifyDeps,
  actor: Actor,
  messageId: string,
  action: AmplifyAction,
): Promise<{ action: AmplifyAction; externalId: string | null }> {
  const row = await messages.rawMeta(deps.db, messageId);
  const conv = row && (await conversations.row(deps.db, actor.workspaceId, row.conversation_id));
  if (!row || !conv) throw notFound('Message');
  if (row.kind !== 'customer') throw conflict("Only a customer's message can be liked or reposted");
  const channel = await channels.byId(deps.db, conv.channel_id);
  if (!channel) throw notFound('Channel');
  const meta = parseMeta(row.meta);
  const refusal = amplifyRefusal(channel.kind, meta, action);
  if (refusal) throw conflict(refusal);
  if (amplifiedOf(meta).includes(action)) throw conflict(`This post was already ${PAST[action]}`);
  const adapter = deps.adapters.get(channel.kind);
  if (!adapter?.amplify)
    throw conflict(`${PLATFORM_NAME[channel.kind] ?? channel.kind} channels cannot like or repost yet`);

  const reserved = { ...meta, amplified: [...amplifiedOf(meta), action] };
  if (!(await swapMeta(deps.db, row.id, row.meta, reserved)))
    throw conflict(`This post was already ${PAST[action]}, or is being ${PAST[action]} by a colleague`);
  let externalId: string | null;
  try {
    externalId = (await adapter.amplify({ channel, action, target: { messageId: row.id, meta } })).externalId ?? null;
  } catch (err) {
    await release(deps.db, row.id, action);
    throw failureOf(err, channel.kind);
  }
  await audit.log(deps.db, {
    workspaceId: actor.workspaceId,
    actor: byAgent(actor),
    action: 'message.amplified',
    target: { type: 'message', id: row.id },
    detail: { action, channel: channel.kind, conversationId: conv.id, externalId },
  });
  return { action, externalId };
}

/** Undoes a reservation after the platform refused; retried a few times if the meta changes underneath. */
async function release(db: Db, messageId: string, action: AmplifyAction): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const r = await messages.rawMeta(db, messageId);
    if (!r) return;
    const meta = parseMeta(r.meta);
    const left = amplifiedOf(meta).filter((a) => a !== action);
    const { amplified: _drop, ...rest } = meta;
    if (await swapMeta(db, messageId, r.meta, left.length ? { ...rest, amplified: left } : rest)) return;
  }
}

function failureOf(err: unknown, kind: string): Error {
  if (err instanceof DomainError) return err;
  const platform = PLATFORM_NAME[kind] ?? kind;
  if (err instanceof DeliveryError) {
    if (err.retryAfterMs !== undefined) {
      const seconds = Math.max(1, Math.ceil(err.retryAfterMs / 1000));
      return new AmplifyFailed(
        429,
        `${err.message}. ${platform} is rate limiting; try again in ${seconds} s.`,
        seconds,
      );
    }
    return new AmplifyFailed(err.permanent ? 409 : 502, err.message);
  }
  return new AmplifyFailed(502, `Could not reach ${platform}: ${err instanceof Error ? err.message : String(err)}`);
}
