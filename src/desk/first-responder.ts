// First responders (docs/routing.md, "First responders"): when every L3 agent owes another urgent customer a
import { deskTexts } from '../texts/desk-texts';
// first reply, auto-assignment gives an unanswered urgent conversation to a free agent of a lower level, marked
// in `conversations.first_responder_id`. That agent's first public reply (the acknowledgement) hands the
// conversation back to L3: the mark is cleared, the conversation is unassigned and routed again at level 3.
import { conversations, type Db } from '../store/repositories';
import { audit, messages, byAgent } from '../store/repositories';
import { autoAssign, type AssignDeps } from './assign';

/** Statuses in which a handed-back conversation is unassigned and routed to L3 again. */
const HAND_BACK_STATUSES = ['open', 'pending'] as const;

export interface HandBackActor {
  workspaceId: string;
  agentId: string;
  name: string;
}

/**
 * Inside the transaction that writes a public reply: when the author is the conversation's first responder,
 * clears the mark and (while the conversation is open or pending) unassigns it, with a system message and the
 * audit entry `conversation.handed_back`. Conditional on the mark, so it happens once even for concurrent
 * replies. Returns whether the caller should route the conversation to L3 after the commit (`routeToL3`).
 */
export async function handBackInTx(
  tx: Db,
  conv: { id: string; status: string; first_responder_id: string | null },
  actor: HandBackActor,
  at: string,
): Promise<boolean> {
  if (!conv.first_responder_id || conv.first_responder_id !== actor.agentId) return false;
  const unassign = (HAND_BACK_STATUSES as readonly string[]).includes(conv.status);
  if (!(await conversations.releaseFirstResponder(tx, conv.id, actor.agentId, { unassign, at }))) return false;
  // Dated just after the reply so the thread reads: acknowledgement, then the hand-off.
  const after = new Date(Date.parse(at) + 1).toISOString();
  await messages.system(tx, conv.id, deskTexts.firstResponderHandedBack(actor.name), after);
  await audit.log(tx, {
    workspaceId: actor.workspaceId,
    actor: byAgent(actor),
    action: 'conversation.handed_back',
    target: { type: 'conversation', id: conv.id },
    detail: { from: actor.agentId, toLevel: 3, unassigned: unassign },
  });
  return unassign;
}

/** After the hand-back commits: route to an L3 agent; with nobody available it waits unassigned in the L3 queue. */
export async function routeHandedBack(
  deps: AssignDeps,
  workspaceId: string,
  conversationId: string,
): Promise<string | null> {
  return autoAssign(deps, workspaceId, conversationId, { minLevel: 3, statuses: HAND_BACK_STATUSES });
}
