import { newId, nowIso } from '../domain/ids';
import { topics, type RealtimeBus } from '../realtime/bus';
import type { Db } from '../store/repositories';

export interface NewNotification {
  workspaceId: string; agentIds: string[]; kind: 'assigned' | 'escalated' | 'sla.warning' | 'sla.breached' | 'spike';
  conversationId: string | null; title: string; body: string; urgent: boolean;
}

export interface Notification {
  id: string; kind: string; conversationId: string | null; title: string; body: string; urgent: boolean; createdAt: string; readAt: string | null;
}

/** Stored (so a signed-out agent sees it later) and pushed at once to the agent's open tabs. */
export async function notify(db: Db, bus: RealtimeBus, n: NewNotification): Promise<void> {
  const at = nowIso();
  for (const agentId of new Set(n.agentIds)) {
    const row = { id: newId(), workspace_id: n.workspaceId, agent_id: agentId, kind: n.kind, conversation_id: n.conversationId, title: n.title, body: n.body, urgent: n.urgent ? 1 : 0, created_at: at, read_at: null };
    await db.insertInto('notifications').values(row).execute();
    const data: Notification = { id: row.id, kind: n.kind, conversationId: n.conversationId, title: n.title, body: n.body, urgent: n.urgent, createdAt: at, readAt: null };
    bus.publish(topics.agent(agentId), { type: 'notification', data });
  }
}

export const notifications = {
  async forAgent(db: Db, agentId: string, unreadOnly: boolean, limit = 50): Promise<Notification[]> {
    let q = db.selectFrom('notifications').selectAll().where('agent_id', '=', agentId);
    if (unreadOnly) q = q.where('read_at', 'is', null);
    const rows = await q.orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
    return rows.map((r) => ({ id: r.id, kind: r.kind, conversationId: r.conversation_id, title: r.title, body: r.body, urgent: Boolean(r.urgent), createdAt: r.created_at, readAt: r.read_at }));
  },
  async markRead(db: Db, agentId: string, ids: string[] | 'all'): Promise<void> {
    let q = db.updateTable('notifications').set({ read_at: nowIso() }).where('agent_id', '=', agentId).where('read_at', 'is', null);
    if (ids !== 'all') q = q.where('id', 'in', ids.length ? ids : ['']);
    await q.execute();
  },
};
