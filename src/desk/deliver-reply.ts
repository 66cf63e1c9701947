import type { ConversationChange } from '../contracts/conversations';
import { canTransition, type ConversationStatus } from '../domain/conversation-status';
import { DomainError } from '../domain/errors';
import type { Actor } from '../domain/permissions';
import type { Message } from '../store/repositories';
import { capacityFreed } from './assign';
import { updateConversation, type ConversationUpdateDeps } from './conversation-update';
import { publishConversations } from './publish';
import { writeReply } from './replies';
import { deskSettings } from './settings';

/** What the agent does with the conversation in the same click as the reply. */
export type AfterReply = 'resolve' | 'pending';
export const STATUS_AFTER: Record<AfterReply, ConversationStatus> = { resolve: 'resolved', pending: 'pending' };

/**
 * Writes a customer-visible reply and applies what follows from it: the status the agent chose, and the conversation
 * becomes theirs when nobody owned it. Used by the composer's send and by an approved reply (signed by its author);
 * `before` is the conversation as the caller read it before the reply.
 */
export async function deliverReply(
  deps: ConversationUpdateDeps,
  actor: Actor & { displayName: string },
  before: { id: string; status: string; assignee_id: string | null },
  text: string,
  then?: AfterReply,
): Promise<Message> {
  const conversationId = before.id;
  const message = await writeReply(deps, actor, conversationId, text, false);
  const status = then ? STATUS_AFTER[then] : undefined;
  const change: ConversationChange = {};
  if (status && canTransition(before.status as ConversationStatus, status)) change.status = status;
  if (!before.assignee_id && (await deskSettings.get(deps.db, actor.workspaceId)).autoAssign.takeOnReply)
    change.assigneeId = actor.agentId;
  if (Object.keys(change).length) {
    try {
      await updateConversation(deps, actor, conversationId, change);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      deps.log.warn({ err, conversationId, change }, 'the reply was sent; the change after it was not made');
    }
    await publishConversations(deps, actor.workspaceId, [conversationId]);
  }
  // A reply leaves the conversation waiting on the customer: the agent has room for the next one.
  await capacityFreed(deps.jobs, actor.workspaceId);
  return message;
}
