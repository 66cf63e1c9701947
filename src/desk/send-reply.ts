import type { Approval } from '../contracts/approvals';
import { canTransition, type ConversationStatus } from '../domain/conversation-status';
import { conflict, DomainError, invalid, notFound } from '../domain/errors';
import type { Actor } from '../domain/permissions';
import { conversations, messages, type Message } from '../store/repositories';
import type { ConversationUpdateDeps } from './conversation-update';
import { writeReply } from './replies';
import { approvalReason, holdForApproval } from './approvals';
import { deliverReply, STATUS_AFTER, type AfterReply } from './deliver-reply';

export type { AfterReply } from './deliver-reply';

/**
 * The composer's send: a reply (or a note) and, for a reply, what follows from it in the same click. The agent may
 * resolve the conversation or leave it waiting on the customer; when nobody owned it, it becomes the replying agent's
 * (desk setting `autoAssign.takeOnReply`), since the customer is now talking to that person.
 *
 * The send guard runs first: a reply another agent (or another tab) sent after this draft began refuses the send
 * until the agent has seen it (`sinceReplyId`, see the contract).
 *
 * A public reply the desk's approval rule covers is held for a supervisor instead (desk/approvals.ts).
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
): Promise<{ message: Message } | { approval: Approval }> {
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

  if (input.private) return { message: await writeReply(deps, actor, conversationId, input.text, true) };
  const reason = await approvalReason(deps.db, actor, before);
  if (reason) return { approval: await holdForApproval(deps, actor, conversationId, input.text, input.then, reason) };
  return { message: await deliverReply(deps, actor, before, input.text, input.then) };
}
