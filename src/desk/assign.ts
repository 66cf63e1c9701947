import { sql } from 'kysely';
import type { Logger } from 'pino';
import { nowIso } from '../domain/ids';
import type { JobQueue } from '../jobs/queue';
import { topics, type RealtimeBus } from '../realtime/bus';
import { chooseOwner, type AgentState } from '../routing/assignment';
import { audit, conversations, messages, type Db } from '../store/repositories';
import { parseJson } from '../store/repositories/types';
import { notify } from './notifications';
import { deskSettings } from './settings';

export interface AssignDeps {
  db: Db;
  bus: RealtimeBus;
  log: Logger;
  jobs: JobQueue;
}

/** Every active agent of the workspace with the load routing needs. */
export async function agentStates(db: Db, workspaceId: string): Promise<AgentState[]> {
  const rows = await db
    .selectFrom('agents')
    .select(['id', 'name', 'level', 'skills', 'capacity', 'presence', 'last_assigned_at'])
    .where('workspace_id', '=', workspaceId)
    .where('active', '=', 1)
    .execute();
  // One grouped query per agent: open conversations waiting on the agent's reply (the customer wrote last; a reply
  // frees the slot while the customer is away), and how many are urgent (L3) with no first response yet.
  const loads = await db
    .selectFrom('conversations')
    .select([
      'assignee_id',
      sql<number>`count(case when waiting_since is not null then 1 end)`.as('n'),
      sql<number>`count(case when level >= 3 and first_response_at is null then 1 end)`.as('urgent'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'open')
    .where('assignee_id', 'is not', null)
    .groupBy('assignee_id')
    .execute();
  const load = new Map(loads.map((l) => [l.assignee_id, { open: Number(l.n), urgent: Number(l.urgent) }]));
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
  const last = await deps.db
    .selectFrom('conversations')
    .select('assignee_id')
    .where('customer_id', '=', row.customer_id)
    .where('assignee_id', 'is not', null)
    .where('id', '!=', row.id)
    .orderBy('last_message_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  let agents = await agentStates(deps.db, workspaceId);
  if (opts.onlyAgentIds) agents = agents.filter((a) => opts.onlyAgentIds!.includes(a.id));
  // A first responder only for a customer still waiting for a first reply, and never for an escalation or hand-back.
  const firstResponders = settings.autoAssign.firstResponders && !row.first_response_at && opts.minLevel === undefined;
  const decision = chooseOwner(
    {
      level: Math.max(row.level, opts.minLevel ?? 0) as 0 | 1 | 2 | 3,
      categories: parseJson(row.categories, []),
      customerId: row.customer_id,
      lastAgentIdForCustomer: last?.assignee_id ?? null,
    },
    agents,
    {
      enabled: settings.autoAssign.enabled,
      strategy: settings.autoAssign.strategy,
      reserveUrgentSlots: settings.autoAssign.reserveUrgentSlots,
      firstResponders,
    },
  );
  if (!decision.agentId) return null;
  const firstResponder = decision.firstResponder === true;
  const at = nowIso();
  const claimed = await deps.db.transaction().execute(async (tx) => {
    // Conditional on still being unowned: two processes routing the same conversation assign it once.
    const r = await tx
      .updateTable('conversations')
      .set({
        assignee_id: decision.agentId,
        first_responder_id: firstResponder ? decision.agentId : null,
        updated_at: at,
      })
      .where('id', '=', row.id)
      .where('assignee_id', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return false;
    await tx.updateTable('agents').set({ last_assigned_at: at }).where('id', '=', decision.agentId!).execute();
    await messages.create(tx, {
      conversationId: row.id,
      kind: 'system',
      text: decision.explanationJa,
      authorType: 'system',
      authorId: null,
      authorName: 'Koe',
      createdAt: at,
    });
    await audit.log(tx, {
      workspaceId,
      actor: { type: 'system', id: null, name: 'Koe routing' },
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
      ? `一次対応 (L3): ${row.preview.slice(0, 40)}`
      : row.level >= 3
        ? `至急 (L3): ${row.preview.slice(0, 40)}`
        : `担当になりました: ${row.preview.slice(0, 40)}`,
    body: decision.explanationJa,
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
  const waiting = await deps.db
    .selectFrom('conversations')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'open')
    .where('assignee_id', 'is', null)
    .where('level', '>=', 1)
    .where((eb) => eb.or([eb('flag', 'is', null), eb('flag', 'not in', ['spam', 'troll'])]))
    .orderBy('priority', 'desc')
    .orderBy('sort_wait')
    .orderBy('id')
    .limit(limit)
    .execute();
  let n = 0;
  for (const w of waiting) if (await autoAssign(deps, workspaceId, w.id)) n++;
  return n;
}
