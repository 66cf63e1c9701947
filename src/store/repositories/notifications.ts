import type { AppNotification } from '../../contracts/routing';
import { nowIso } from '../../domain/ids';
import type { NotificationTable } from '../schema';
import type { Db } from './types';

/** What an agent sees in the bell menu. */
export type Notification = AppNotification;

export const notifications = {
  async insert(db: Db, rows: NotificationTable[]): Promise<void> {
    if (rows.length) await db.insertInto('notifications').values(rows).execute();
  },
  async forAgent(db: Db, agentId: string, unreadOnly: boolean, limit = 50): Promise<Notification[]> {
    let q = db.selectFrom('notifications').selectAll().where('agent_id', '=', agentId);
    if (unreadOnly) q = q.where('read_at', 'is', null);
    const rows = await q.orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind as AppNotification['kind'],
      conversationId: r.conversation_id,
      title: r.title,
      body: r.body,
      urgent: Boolean(r.urgent),
      createdAt: r.created_at,
      readAt: r.read_at,
    }));
  },
  async markRead(db: Db, agentId: string, ids: string[] | 'all'): Promise<void> {
    let q = db
      .updateTable('notifications')
      .set({ read_at: nowIso() })
      .where('agent_id', '=', agentId)
      .where('read_at', 'is', null);
    if (ids !== 'all') q = q.where('id', 'in', ids.length ? ids : ['']);
    await q.execute();
  },
};
