import type { Logger } from 'pino';
import { DeliveryError, type ChannelAdapter } from '../channels/types';
import { handBackInTx, routeHandedBack } from '../desk/first-responder';
import { scheduleSlaCheck } from '../desk/sla';
import { conflict, notFound } from '../domain/errors';
import type { Actor } from '../domain/permissions';
import { nowIso } from '../domain/ids';
import { PermanentJobError, RetryLaterError, type JobQueue } from '../jobs/queue';
import { topics, type RealtimeBus } from '../realtime/bus';
import {
  audit,
  channels,
  conversations,
  customers,
  messages,
  outbox,
  type Db,
  type Message,
} from '../store/repositories';

export const SEND_REPLY = 'outbox.send';
const SEND_ATTEMPTS = 6;

export interface OutboundDeps {
  db: Db;
  jobs: JobQueue;
  bus: RealtimeBus;
  log: Logger;
  adapters: Map<string, ChannelAdapter>;
}

/**
 * An agent's reply (or private note). The message, its outbox entry and the send job commit together, so a
 * reply is either fully queued or not written at all; the job delivers it on the conversation's own channel.
 */
export async function writeReply(
  deps: OutboundDeps,
  actor: Actor & { displayName: string },
  conversationId: string,
  text: string,
  isPrivate: boolean,
  opts: { via?: 'dm' } = {},
): Promise<Message> {
  const now = nowIso();
  let handedBack = false;
  const messageId = await deps.db.transaction().execute(async (tx) => {
    const conv = await conversations.row(tx, actor.workspaceId, conversationId);
    if (!conv) throw notFound('Conversation');
    if (!isPrivate && conv.status === 'closed')
      throw conflict('This conversation is closed; the customer can start a new one');
    const id = await messages.create(tx, {
      conversationId,
      kind: isPrivate ? 'note' : 'reply',
      text,
      authorType: 'agent',
      authorId: actor.agentId,
      authorName: actor.displayName,
      createdAt: now,
      // Once moved to DMs, every later reply goes there too (the public thread is not answered again).
      meta: !isPrivate && (opts.via === 'dm' || conv.reply_mode === 'dm') ? { via: 'dm' } : null,
    });
    if (!isPrivate) {
      const outboxId = await outbox.create(tx, { messageId: id, channelId: conv.channel_id, at: now });
      await deps.jobs.enqueue(SEND_REPLY, { outboxId }, { maxAttempts: SEND_ATTEMPTS }, tx);
      await conversations.update(tx, conv.id, {
        waiting_since: null,
        first_response_at: conv.first_response_at ?? now,
        last_message_at: now,
        preview: text.slice(0, 140),
      });
      // A first responder's reply is the acknowledgement they were assigned for: the conversation goes back to L3.
      handedBack = await handBackInTx(
        tx,
        conv,
        { workspaceId: actor.workspaceId, agentId: actor.agentId, name: actor.name },
        now,
      );
    }
    await audit.log(tx, {
      workspaceId: actor.workspaceId,
      actor: { type: 'agent', id: actor.agentId, name: actor.name },
      action: isPrivate ? 'note.added' : 'reply.sent',
      target: { type: 'conversation', id: conversationId },
      detail: { messageId: id },
    });
    return id;
  });
  const message = (await messages.get(deps.db, messageId))!;
  if (!isPrivate) await scheduleSlaCheck(deps, actor.workspaceId, conversationId);
  if (handedBack) await routeHandedBack(deps, actor.workspaceId, conversationId);
  deps.bus.publish(topics.workspace(actor.workspaceId), { type: 'message.created', data: message });
  if (!isPrivate)
    deps.bus.publish(topics.workspace(actor.workspaceId), {
      type: 'conversation.updated',
      data: await conversations.item(deps.db, actor.workspaceId, conversationId),
    });
  return message;
}

/**
 * A template reply sent by an automation rule the admin enabled (private channels only, checked by the rule
 * evaluator). It goes through the same outbox as an agent's reply and is signed as automated.
 */
export async function writeAutomatedReply(
  deps: OutboundDeps,
  workspaceId: string,
  conversationId: string,
  text: string,
  signature: string,
): Promise<void> {
  const now = nowIso();
  const id = await deps.db.transaction().execute(async (tx) => {
    const conv = await conversations.row(tx, workspaceId, conversationId);
    if (!conv || conv.status === 'closed') return null;
    const messageId = await messages.create(tx, {
      conversationId,
      kind: 'reply',
      text,
      authorType: 'system',
      authorId: null,
      authorName: signature,
      createdAt: now,
    });
    const outboxId = await outbox.create(tx, { messageId, channelId: conv.channel_id, at: now });
    await deps.jobs.enqueue(SEND_REPLY, { outboxId }, { maxAttempts: SEND_ATTEMPTS }, tx);
    return messageId;
  });
  if (id)
    deps.bus.publish(topics.workspace(workspaceId), { type: 'message.created', data: await messages.get(deps.db, id) });
}

/** A failed reply goes back into the outbox; its idempotency key is unchanged, so the platform sees one reply. */
export async function retryReply(deps: OutboundDeps, actor: Actor, messageId: string): Promise<Message> {
  const m = await messages.get(deps.db, messageId);
  const conv = m && (await conversations.row(deps.db, actor.workspaceId, m.conversationId));
  const entry = conv && (await outbox.byMessage(deps.db, messageId));
  if (!m || !conv || !entry) throw notFound('Reply');
  if (entry.status !== 'failed') throw conflict('Only a failed reply can be retried');
  await deps.db.transaction().execute(async (tx) => {
    await outbox.update(tx, entry.id, { status: 'pending', attempts: 0, last_error: null });
    await deps.jobs.enqueue(SEND_REPLY, { outboxId: entry.id }, { maxAttempts: SEND_ATTEMPTS }, tx);
    await audit.log(tx, {
      workspaceId: actor.workspaceId,
      actor: { type: 'agent', id: actor.agentId, name: actor.name },
      action: 'reply.retried',
      target: { type: 'message', id: messageId },
    });
  });
  const updated = (await messages.get(deps.db, messageId))!;
  deps.bus.publish(topics.workspace(actor.workspaceId), { type: 'message.updated', data: updated });
  return updated;
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
        inReplyTo: await inReplyTo(deps.db, conv.id),
        via: await viaOf(deps.db, message.id),
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

async function inReplyTo(db: Db, conversationId: string) {
  const last = await messages.lastInbound(db, conversationId);
  return last && { messageId: last.id, meta: last.meta, createdAt: last.createdAt };
}

async function viaOf(db: Db, messageId: string): Promise<'dm' | undefined> {
  const r = await db.selectFrom('messages').select('meta').where('id', '=', messageId).executeTakeFirst();
  return r?.meta && (JSON.parse(r.meta) as { via?: string }).via === 'dm' ? 'dm' : undefined;
}
