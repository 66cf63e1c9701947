import type { Approval } from '../contracts/approvals';
import { conflict, DomainError, forbidden, notFound } from '../domain/errors';
import { hasRole, type Actor } from '../domain/permissions';
import { agents, approvals, audit, byAgent, conversations, type Db } from '../store/repositories';
import { parseJson } from '../store/repositories/types';
import { deskTexts } from '../texts/desk-texts';
import type { ConversationUpdateDeps } from './conversation-update';
import { notify } from './notifications';
import { publishConversations } from './publish';
import { replyContext } from './reply-context';
import { deliverReply, type AfterReply } from './deliver-reply';
import { deskSettings } from './settings';

/**
 * Why this public reply needs a supervisor first (desk setting `approvals`), or null: the author's role or level is
 * listed, or triage flagged the conversation as backlash. Private replies and notes never wait.
 */
export async function approvalReason(
  db: Db,
  actor: Actor,
  row: Parameters<typeof replyContext>[1] & { categories: string },
): Promise<Approval['reason'] | null> {
  const { approvals: rule } = await deskSettings.get(db, actor.workspaceId);
  if (!rule.enabled) return null;
  if ((await replyContext(db, row)).replyGoes !== 'public') return null;
  if (rule.roles.includes(actor.role)) return 'role';
  const agent = await agents.get(db, actor.workspaceId, actor.agentId);
  if (agent && (rule.levels as number[]).includes(agent.level)) return 'level';
  if (rule.backlash && parseJson<string[]>(row.categories, []).includes('backlash')) return 'backlash';
  return null;
}

/** Holds a public reply for a supervisor and tells them; nothing reaches the customer yet. */
export async function holdForApproval(
  deps: ConversationUpdateDeps,
  actor: Actor & { displayName: string },
  conversationId: string,
  text: string,
  then: AfterReply | undefined,
  reason: Approval['reason'],
): Promise<Approval> {
  const id = await approvals.create(deps.db, {
    workspaceId: actor.workspaceId,
    conversationId,
    authorId: actor.agentId,
    text,
    then: then ?? null,
    reason,
  });
  const approval = (await approvals.get(deps.db, actor.workspaceId, id))!;
  await audit.log(deps.db, {
    workspaceId: actor.workspaceId,
    actor: byAgent(actor),
    action: 'reply.approval_requested',
    target: { type: 'conversation', id: conversationId },
    detail: { reason },
  });
  const reviewers = (await agents.supervisorIds(deps.db, actor.workspaceId)).filter((a) => a !== actor.agentId);
  await notify(deps, {
    workspaceId: actor.workspaceId,
    agentIds: reviewers,
    kind: 'approval_requested',
    conversationId,
    urgent: false,
    title: deskTexts.approvalRequested(actor.displayName || actor.name),
    body: { ja: text.slice(0, 200), en: text.slice(0, 200) },
  });
  await publishConversations(deps, actor.workspaceId, [conversationId]);
  return approval;
}

async function pendingFor(deps: ConversationUpdateDeps, actor: Actor, id: string): Promise<Approval> {
  const a = await approvals.get(deps.db, actor.workspaceId, id);
  if (!a) throw notFound('Approval');
  if (a.status !== 'pending') throw conflict('This reply was already decided');
  return a;
}

/** A held reply a supervisor or admin may decide: someone other than its author. */
async function decidableBy(deps: ConversationUpdateDeps, reviewer: Actor, id: string): Promise<Approval> {
  if (!hasRole(reviewer.role, 'supervisor')) throw forbidden('Only supervisors and admins approve replies');
  const a = await pendingFor(deps, reviewer, id);
  if (a.author.id === reviewer.agentId)
    throw new DomainError('forbidden', 'A reply needs another person to review it', undefined, 'own_reply');
  return a;
}

/** Approves (as written or edited): the reply goes out as the author's, with the follow-up they chose. */
export async function approveReply(
  deps: ConversationUpdateDeps,
  reviewer: Actor & { displayName: string },
  id: string,
  editedText?: string,
): Promise<Approval> {
  const a = await decidableBy(deps, reviewer, id);
  const author = await agents.get(deps.db, reviewer.workspaceId, a.author.id);
  if (!author) throw notFound('Agent');
  const conversation = await conversations.row(deps.db, reviewer.workspaceId, a.conversationId);
  if (!conversation) throw notFound('Conversation');
  const text = editedText?.trim() || a.text;
  if (!(await approvals.decide(deps.db, a.id, { status: 'approved', reviewerId: reviewer.agentId, text })))
    throw conflict('This reply was already decided');
  const message = await deliverReply(
    deps,
    {
      agentId: author.id,
      role: author.role,
      workspaceId: author.workspaceId,
      name: author.name,
      displayName: author.displayName,
    },
    conversation,
    text,
    a.then ?? undefined,
  );
  await approvals.sent(deps.db, a.id, message.id);
  await audit.log(deps.db, {
    workspaceId: reviewer.workspaceId,
    actor: byAgent(reviewer),
    action: 'reply.approved',
    target: { type: 'conversation', id: a.conversationId },
    detail: { edited: text !== a.text },
  });
  await notify(deps, {
    workspaceId: reviewer.workspaceId,
    agentIds: [a.author.id],
    kind: 'approval_decided',
    conversationId: a.conversationId,
    urgent: false,
    title: deskTexts.approvalApproved(reviewer.displayName || reviewer.name, text !== a.text),
    body: { ja: text.slice(0, 200), en: text.slice(0, 200) },
  });
  await publishConversations(deps, reviewer.workspaceId, [a.conversationId]);
  return (await approvals.get(deps.db, reviewer.workspaceId, a.id))!;
}

/** Sends a held reply back to its author with a note; nothing reaches the customer. */
export async function rejectReply(
  deps: ConversationUpdateDeps,
  reviewer: Actor & { displayName: string },
  id: string,
  note: string,
): Promise<Approval> {
  const a = await decidableBy(deps, reviewer, id);
  if (!(await approvals.decide(deps.db, a.id, { status: 'rejected', reviewerId: reviewer.agentId, note })))
    throw conflict('This reply was already decided');
  await audit.log(deps.db, {
    workspaceId: reviewer.workspaceId,
    actor: byAgent(reviewer),
    action: 'reply.rejected',
    target: { type: 'conversation', id: a.conversationId },
    detail: { note },
  });
  await notify(deps, {
    workspaceId: reviewer.workspaceId,
    agentIds: [a.author.id],
    kind: 'approval_decided',
    conversationId: a.conversationId,
    urgent: true,
    title: deskTexts.approvalRejected(reviewer.displayName || reviewer.name),
    body: { ja: note, en: note },
  });
  await publishConversations(deps, reviewer.workspaceId, [a.conversationId]);
  return (await approvals.get(deps.db, reviewer.workspaceId, a.id))!;
}

/** The author takes a held reply back (to rewrite it); nothing is sent. */
export async function withdrawReply(deps: ConversationUpdateDeps, actor: Actor, id: string): Promise<void> {
  const a = await pendingFor(deps, actor, id);
  if (a.author.id !== actor.agentId) throw forbidden('Only the author withdraws a reply');
  await approvals.decide(deps.db, a.id, { status: 'withdrawn', reviewerId: null });
  await publishConversations(deps, actor.workspaceId, [a.conversationId]);
}
