import type { Escalation } from '../../contracts/conversations';
import { nowIso } from '../../domain/ids';
import type { EscalationTable } from '../schema';
import type { Db } from './types';

export type NewEscalation = Omit<EscalationTable, 'status' | 'accepted_at' | 'accepted_by' | 'resolved_at'>;

/** Escalations and hand-backs between levels, with their written hand-off notes. */
export const escalations = {
  async create(db: Db, e: NewEscalation): Promise<void> {
    await db
      .insertInto('escalations')
      .values({ ...e, status: 'open', accepted_at: null, accepted_by: null, resolved_at: null })
      .execute();
  },
  async get(db: Db, workspaceId: string, id: string): Promise<EscalationTable | undefined> {
    return db
      .selectFrom('escalations')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
  },
  /** Accepts an open escalation; the conversation goes to the acceptor when nobody owns it yet. */
  async accept(db: Db, e: { id: string; conversationId: string }, agentId: string, at: string): Promise<void> {
    await db
      .updateTable('escalations')
      .set({ status: 'accepted', accepted_at: at, accepted_by: agentId })
      .where('id', '=', e.id)
      .where('status', '=', 'open')
      .execute();
    await db
      .updateTable('conversations')
      .set({ assignee_id: agentId, updated_at: at })
      .where('id', '=', e.conversationId)
      .where('assignee_id', 'is', null)
      .execute();
  },
  /** Resolving or closing a conversation completes its escalations (time to resolve is measured from here). */
  async resolveFor(db: Db, conversationId: string): Promise<void> {
    await db
      .updateTable('escalations')
      .set({ status: 'resolved', resolved_at: nowIso() })
      .where('conversation_id', '=', conversationId)
      .where('status', 'in', ['open', 'accepted'])
      .execute();
  },
  /** A conversation's escalations, newest first, with the names of who sent and who received them. */
  async forConversation(db: Db, conversationId: string): Promise<Escalation[]> {
    const rows = await db
      .selectFrom('escalations as e')
      .leftJoin('agents as f', 'f.id', 'e.from_agent_id')
      .leftJoin('agents as t', 't.id', 'e.to_agent_id')
      .selectAll('e')
      .select(['f.name as from_name', 't.name as to_name'])
      .where('e.conversation_id', '=', conversationId)
      .orderBy('e.created_at', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      direction: r.direction as Escalation['direction'],
      fromLevel: Number(r.from_level),
      toLevel: Number(r.to_level),
      note: r.note,
      status: r.status as Escalation['status'],
      from: r.from_agent_id ? { id: r.from_agent_id, name: r.from_name ?? '' } : null,
      to: r.to_agent_id ? { id: r.to_agent_id, name: r.to_name ?? '' } : null,
      toTeamId: r.to_team_id,
      createdAt: r.created_at,
      acceptedAt: r.accepted_at,
      resolvedAt: r.resolved_at,
    }));
  },
  /** Escalations still in flight (open or accepted, or just one of them), oldest first, with the sender's name. */
  async inFlight(db: Db, workspaceId: string, f: { status?: 'open' | 'accepted'; level?: number }) {
    let q = db
      .selectFrom('escalations as e')
      .leftJoin('agents as fa', 'fa.id', 'e.from_agent_id')
      .selectAll('e')
      .select(['fa.name as from_name'])
      .where('e.workspace_id', '=', workspaceId);
    q = f.status ? q.where('e.status', '=', f.status) : q.where('e.status', 'in', ['open', 'accepted']);
    if (f.level !== undefined) q = q.where('e.to_level', '=', f.level);
    return q.orderBy('e.created_at').limit(500).execute();
  },
  /** Upward escalations created since a time, for the board's averages. */
  async upSince(db: Db, workspaceId: string, since: string) {
    return db
      .selectFrom('escalations')
      .select(['to_level', 'created_at', 'accepted_at', 'resolved_at', 'status'])
      .where('workspace_id', '=', workspaceId)
      .where('direction', '=', 'up')
      .where('created_at', '>=', since)
      .execute();
  },
};
