import type { ConversationChange } from '../contracts/conversations';
import { canTransition, type ConversationStatus } from '../domain/conversation-status';
import { conflict, DomainError, invalid, notFound } from '../domain/errors';
import type { Actor } from '../domain/permissions';
import { topics } from '../realtime/bus';
import { conversations, messages, type Message } from '../store/repositories';
import { capacityFreed } from './assign';
import { updateConversation, type ConversationUpdateDeps } from './conversation-update';
import { writeReply } from './replies';
import { deskSettings } from './settings';

/** What the agent does with the conversation in the same click as the reply. */
export type AfterReply = 'resolve' | 'pending';
const STATUS_AFTER: Record<AfterReply, ConversationStatus> = { resolve: 'resolved', pending: 'pending' };

/**
 * The composer's send: a reply (or a note) and, for a reply, what follows from it in the same click. The agent may
 * resolve the conversation or leave it waiting on the customer; when nobody owned it, it becomes the replying agent's
 * (desk setting `autoAssign.takeOnReply`), since the customer is now talking to that person.
 *
 * The send guard runs first: a reply another agent (or another tab) sent after this draft began refuses the send
 * until the agent has seen it (`sinceReplyId`, see the contract).
 *
 * The follow-up is checked before anything is written (a status the conversation cannot move to refuses the whole
 * send), and once the reply is queued a failed follow-up never fails the send: the agent would otherwise keep the
 * draft and send the same reply twice. A colleague who took the conversation meanwhile simply keeps it.
 */
export async function sendReply(
  deps: ConversationUpdateDeps,
  actor: Actor & { displayName: string },
  conversationId: string,
  input: { text: string; private: boolean; then?: AfterReply; sinceReplyId?: string | null; force?: boolean },
): Promise<Message> {
  if (input.private && input.then) throw invalid('then', 'only a reply to the customer can resolve or wait');
  const before = await conversations.row(deps.db, actor.workspaceId, conversationId);
  if (!before) throw notFound('Conversation');
  if (!input.private && input.sinceReplyId !== undefined && !input.force) {
    // Two agents answering the same customer: the second sees the first's reply before theirs goes out too.
    const latest = await messages.latestReply(deps.db, conversationId);
    if (latest && latest.id !== input.sinceReplyId)
      throw new DomainError(
        'conflict',
        `${latest.author.name} replied in this conversation after your draft began; read it, then send anyway if needed`,
        undefined,
        'replied_since_draft',
      );
  }
  const status = input.then ? STATUS_AFTER[input.then] : undefined;
  if (status && !canTransition(before.status as ConversationStatus, status))
    throw conflict(`A ${before.status} conversation cannot become ${status}`);

  const message = await writeReply(deps, actor, conversationId, input.text, input.private);
  if (input.private) return message;

  const change: ConversationChange = {};
  if (status) change.status = status;
  if (!before.assignee_id && (await deskSettings.get(deps.db, actor.workspaceId)).autoAssign.takeOnReply)
    change.assigneeId = actor.agentId;
  if (Object.keys(change).length) {
    try {
      await updateConversation(deps, actor, conversationId, change);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      deps.log.warn({ err, conversationId, change }, 'the reply was sent; the change after it was not made');
    }
    deps.bus.publish(topics.workspace(actor.workspaceId), {
      type: 'conversation.updated',
      data: await conversations.item(deps.db, actor.workspaceId, conversationId),
    });
  }
  // A reply leaves the conversation waiting on the customer: the agent has room for the next one.
  await capacityFreed(deps.jobs, actor.workspaceId);
  return message;
}
