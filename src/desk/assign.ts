import type { Logger } from 'pino';
import { deskTexts } from '../texts/desk-texts';
import { nowIso } from '../domain/ids';
import type { JobQueue } from '../jobs/queue';
import { topics, type RealtimeBus } from '../realtime/bus';
import { chooseOwner, type AgentState } from '../routing/assignment';
import { agents, audit, conversations, messages, type Db, bySystem } from '../store/repositories';
import { parseJson } from '../store/repositories/types';
import { notify } from './notifications';
import { deskSettings, type DeskSettings } from './settings';

export interface AssignDeps {
  db: Db;
  bus: RealtimeBus;
  log: Logger;
  jobs: JobQueue;
}

/** Every active agent of the workspace with the load routing needs. */
export async function agentStates(db: Db, workspaceId: string): Promise<AgentState[]> {
  const rows = await agents.routingRows(db, workspaceId);
  const load = await conversations.assigneeLoads(db, workspaceId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    level: Number(r.level) as 1 | 2 | 3,
    skills: parseJson<string[]>(r.skills, []),
    capacity: Number(r.capacity),
    openCount: load.get(r.id)?.open ?? 0,
    presence: r.presence as AgentState['presence'],
    lastAssignedAt: r.last_assigned_at,
    urgentWaiting: load.get(r.id)?.urgent ?? 0,
  }));
}

export interface AutoAssignOptions {
  /** Route as at least this level (escalations, hand-backs); such routing never picks a first responder. */
  minLevel?: number;
  onlyAgentIds?: string[];
  /** Statuses a conversation may have to be assigned; default only 'open'. */
  statuses?: readonly string[];
}

/**
 * Gives an open, unowned conversation to the best available agent and records why, as a system message
 * in the thread and in the audit log; the agent is notified at once (urgently for L3).
 *
 * An unanswered urgent conversation may go to a first responder (chooseOwner, desk setting
 * `autoAssign.firstResponders`): the mark `first_responder_id` is stored with the assignment, and the
 * first responder's first public reply hands the conversation back to L3 (src/desk/first-responder.ts).
 */
export async function autoAssign(
  deps: AssignDeps,
  workspaceId: string,
  conversationId: string,
  opts: AutoAssignOptions = {},
): Promise<string | null> {
  const settings = await deskSettings.get(deps.db, workspaceId);
  if (!settings.autoAssign.enabled) return null;
  const row = await conversations.row(deps.db, workspaceId, conversationId);
  if (
    !row ||
    !(opts.statuses ?? ['open']).includes(row.status) ||
    row.assignee_id ||
    row.level < 1 ||
    row.flag === 'spam' ||
    row.flag === 'troll'
  )
    return null;
  const decision = await routingDecision(deps.db, workspaceId, row, settings, opts);
  if (!decision.agentId) return null;
  const firstResponder = decision.firstResponder === true;
  const at = nowIso();
  const claimed = await deps.db.transaction().execute(async (tx) => {
    if (!(await conversations.claimOwner(tx, row.id, decision.agentId!, { firstResponder, at }))) return false;
    await agents.markAssigned(tx, decision.agentId!, at);
    await messages.system(tx, row.id, { ja: decision.explanationJa, en: decision.explanation }, at);
    await audit.log(tx, {
      workspaceId,
      actor: bySystem('Koe routing'),
      action: 'conversation.auto_assigned',
      target: { type: 'conversation', id: row.id },
      detail: {
        to: decision.agentId,
        explanation: decision.explanation,
        ...(firstResponder ? { firstResponder: true } : {}),
      },
    });
    return true;
  });
  if (!claimed) return null;
  await notify(deps, {
    workspaceId,
    agentIds: [decision.agentId],
    kind: 'assigned',
    conversationId: row.id,
    urgent: firstResponder || row.level >= 3,
    title: firstResponder
      ? deskTexts.assignedFirstResponder(row.preview)
      : row.level >= 3
        ? deskTexts.assignedUrgent(row.preview)
        : deskTexts.assigned(row.preview),
    body: { ja: decision.explanationJa, en: decision.explanation },
  });
  deps.bus.publish(topics.workspace(workspaceId), {
    type: 'conversation.updated',
    data: await conversations.item(deps.db, workspaceId, row.id),
  });
  return decision.agentId;
}

export const ASSIGN_WAITING = 'desk.assign_waiting';

/**
 * Capacity was freed (a reply, a status change, a reassignment): route waiting conversations in a job, so the
 * request that freed it does not wait for routing.
 */
export async function capacityFreed(jobs: JobQueue, workspaceId: string): Promise<void> {
  await jobs.enqueue(ASSIGN_WAITING, { workspaceId }, { maxAttempts: 3 });
}

/** When an agent comes online or frees capacity: hand them the most urgent waiting work they can take. */
export async function assignWaiting(deps: AssignDeps, workspaceId: string, limit = 20): Promise<number> {
  let n = 0;
  for (const id of await conversations.unassignedWaitingIds(deps.db, workspaceId, limit))
    if (await autoAssign(deps, workspaceId, id)) n++;
  return n;
}

/** What routing would decide for this conversation now (chooseOwner over every active agent's state); nothing changes. */
async function routingDecision(
  db: Db,
  workspaceId: string,
  row: { id: string; level: number; categories: string; customer_id: string; first_response_at: string | null },
  settings: DeskSettings,
  opts: AutoAssignOptions = {},
) {
  const lastOwner = await conversations.lastAssigneeOfCustomer(db, row.customer_id, row.id);
  let candidates = await agentStates(db, workspaceId);
  if (opts.onlyAgentIds) candidates = candidates.filter((a) => opts.onlyAgentIds!.includes(a.id));
  // A first responder only for a customer still waiting for a first reply, and never for an escalation or hand-back.
  const firstResponders = settings.autoAssign.firstResponders && !row.first_response_at && opts.minLevel === undefined;
  return chooseOwner(
    {
      level: Math.max(row.level, opts.minLevel ?? 0) as 0 | 1 | 2 | 3,
      categories: parseJson(row.categories, []),
      customerId: row.customer_id,
      lastAgentIdForCustomer: lastOwner,
    },
    candidates,
    {
      enabled: settings.autoAssign.enabled,
      strategy: settings.autoAssign.strategy,
      reserveUrgentSlots: settings.autoAssign.reserveUrgentSlots,
      firstResponders,
    },
  );
}

/**
 * Why routing cannot give this conversation to anyone now (offline, at capacity, level too low…), in both languages;
 * null when someone could take it. Nothing is changed.
 */
export async function whyUnassignable(
  db: Db,
  workspaceId: string,
  row: { level: number; categories: string; customer_id: string; id: string; first_response_at: string | null },
): Promise<{ ja: string; en: string } | null> {
  const settings = await deskSettings.get(db, workspaceId);
  if (!settings.autoAssign.enabled) return deskTexts.autoAssignOff;
  const decision = await routingDecision(db, workspaceId, row, settings);
  return decision.agentId ? null : { ja: decision.explanationJa, en: decision.explanation };
}
