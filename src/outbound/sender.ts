import type { Logger } from 'pino';
import { DeliveryError, type ChannelAdapter, type OutboundMessage } from '../channels/types';
import { nowIso } from '../domain/ids';
import { PermanentJobError, RetryLaterError, type JobQueue } from '../jobs/queue';
import { topics, type RealtimeBus } from '../realtime/bus';
import { channels, conversations, customers, messages, outbox, type Db } from '../store/repositories';

/**
 * The outbox sender: one `outbox.send` job per reply delivers it through the channel's adapter, on the conversation's
 * own channel, and records sent / failed with the platform's reason. Writing replies is a desk service
 * (desk/replies.ts); this module only delivers what is in the outbox.
 */
export const SEND_REPLY = 'outbox.send';
const SEND_ATTEMPTS = 6;

export interface OutboundDeps {
  db: Db;
  jobs: JobQueue;
  bus: RealtimeBus;
  log: Logger;
  adapters: Map<string, ChannelAdapter>;
}

/** Queue delivery of an outbox entry, inside the caller's transaction so the reply and its job commit together. */
export async function queueSend(jobs: JobQueue, outboxId: string, tx: Db): Promise<void> {
  await jobs.enqueue(SEND_REPLY, { outboxId }, { maxAttempts: SEND_ATTEMPTS }, tx);
}

export function replySender(deps: OutboundDeps) {
  return async ({ outboxId }: { outboxId: string }, ctx: { attempt: number; isFinalAttempt: boolean }) => {
    const entry = await outbox.get(deps.db, outboxId);
    if (!entry || entry.status === 'sent' || entry.status === 'failed') return; // never send twice
    const message = await messages.get(deps.db, entry.message_id);
    const channel = await channels.byId(deps.db, entry.channel_id);
    if (!message || !channel) throw new PermanentJobError('Reply or channel vanished');
    const conv = (await conversations.row(deps.db, channel.workspaceId, message.conversationId))!;
    const publish = async () =>
      deps.bus.publish(topics.workspace(channel.workspaceId), {
        type: 'message.updated',
        data: await messages.get(deps.db, message.id),
      });

    // Still `sending`: the last attempt never recorded an outcome (its process died mid-send).
    const interrupted = entry.status === 'sending';
    await outbox.update(deps.db, entry.id, { status: 'sending', attempts: entry.attempts + 1 });
    await publish();
    try {
      const adapter = deps.adapters.get(channel.kind);
      if (!adapter) throw new DeliveryError(`No adapter for ${channel.kind} channels`, true);
      const identity = (await customers.identities(deps.db, conv.customer_id)).find((i) => i.channelId === channel.id);
      if (!identity) throw new DeliveryError('The customer has no identity on this channel', true);
      const sent = await adapter.send({
        channel,
        conversationId: conv.id,
        recipient: { externalId: identity.externalId, handle: identity.handle },
        message: { id: message.id, text: message.text, authorName: message.author.name, createdAt: message.createdAt },
        idempotencyKey: entry.idempotency_key,
        inReplyTo: await inReplyTo(deps.db, conv.id, message),
        via: await viaOf(deps.db, message.id),
        choices: await choicesOf(deps.db, message.id),
        interrupted,
      });
      await outbox.update(deps.db, entry.id, {
        status: 'sent',
        sent_at: nowIso(),
        last_error: null,
        external_id: sent.externalId ?? null,
      });
      await publish();
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      const permanent = (err instanceof DeliveryError && err.permanent) || ctx.isFinalAttempt;
      await outbox.update(deps.db, entry.id, { status: permanent ? 'failed' : 'pending', last_error: reason });
      await publish();
      if (permanent) throw new PermanentJobError(reason);
      if (err instanceof DeliveryError && err.retryAfterMs !== undefined)
        throw new RetryLaterError(reason, err.retryAfterMs);
      throw err;
    }
  };
}

/**
 * What a reply answers: the post a public follow-up names (meta.inReplyToMessageId), else the customer's last message
 * before the reply was written. The first attempt pins that message in the reply's meta (`answers`) before sending, so
 * every retry answers the same one: on LINE, the same reply token, which LINE refuses once spent (a retry after a
 * worker died mid-send must not pick a newer message's fresh token and send the reply twice).
 */
async function inReplyTo(
  db: Db,
  conversationId: string,
  reply: { id: string; createdAt: string },
): Promise<OutboundMessage['inReplyTo']> {
  for (let tries = 0; ; tries++) {
    const r = await messages.rawMeta(db, reply.id);
    const meta = r?.meta ? (JSON.parse(r.meta) as { inReplyToMessageId?: string; answers?: string }) : {};
    const target = meta.inReplyToMessageId ?? meta.answers;
    if (target) {
      const original = await messages.get(db, target);
      const raw = await messages.rawMeta(db, target);
      if (original && original.conversationId === conversationId)
        return {
          messageId: original.id,
          meta: raw?.meta ? (JSON.parse(raw.meta) as Record<string, unknown>) : {},
          createdAt: original.createdAt,
        };
    }
    const last = await messages.lastInbound(db, conversationId, reply.createdAt);
    if (!last || target || tries > 0) return last && { messageId: last.id, meta: last.meta, createdAt: last.createdAt };
    // Another attempt pinned one meanwhile (or changed the meta): read again and answer what it pinned.
    if (await messages.swapMeta(db, reply.id, r?.meta ?? null, { ...meta, answers: last.id }))
      return { messageId: last.id, meta: last.meta, createdAt: last.createdAt };
  }
}

async function choicesOf(db: Db, messageId: string): Promise<{ label: string; data: string }[] | undefined> {
  const r = await messages.rawMeta(db, messageId);
  const choices = r?.meta ? (JSON.parse(r.meta) as { choices?: unknown }).choices : undefined;
  return Array.isArray(choices) ? (choices as { label: string; data: string }[]) : undefined;
}

async function viaOf(db: Db, messageId: string): Promise<'dm' | undefined> {
  const r = await messages.rawMeta(db, messageId);
  return r?.meta && (JSON.parse(r.meta) as { via?: string }).via === 'dm' ? 'dm' : undefined;
}
