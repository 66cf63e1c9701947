import { conflict, notFound } from '../domain/errors';
import { nowIso } from '../domain/ids';
import type { Actor } from '../domain/permissions';
import { queueSend, type OutboundDeps } from '../outbound/sender';
import { topics } from '../realtime/bus';
import { audit, conversations, messages, outbox, type Message, byAgent } from '../store/repositories';
import { handBackInTx, routeHandedBack } from './first-responder';
import { scheduleSlaCheck } from './sla';

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
  opts: { via?: 'dm'; followUpTo?: string } = {},
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
      // Once moved to DMs, every later reply goes there too (the public thread is not answered again) — except the
      // public follow-up on the original post after the case was resolved privately.
      meta: isPrivate
        ? null
        : opts.followUpTo
          ? { followUp: true, inReplyToMessageId: opts.followUpTo }
          : opts.via === 'dm' || conv.reply_mode === 'dm'
            ? { via: 'dm' }
            : null,
    });
    if (!isPrivate) {
      const outboxId = await outbox.create(tx, { messageId: id, channelId: conv.channel_id, at: now });
      await queueSend(deps.jobs, outboxId, tx);
      await conversations.update(tx, conv.id, {
        waiting_since: opts.followUpTo ? conv.waiting_since : null,
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
      actor: byAgent(actor),
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
    await queueSend(deps.jobs, outboxId, tx);
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
    await queueSend(deps.jobs, entry.id, tx);
    await audit.log(tx, {
      workspaceId: actor.workspaceId,
      actor: byAgent(actor),
      action: 'reply.retried',
      target: { type: 'message', id: messageId },
    });
  });
  const updated = (await messages.get(deps.db, messageId))!;
  deps.bus.publish(topics.workspace(actor.workspaceId), { type: 'message.updated', data: updated });
  return updated;
}
