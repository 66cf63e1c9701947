import { sql } from 'kysely';
import { newId, nowIso } from '../../domain/ids';
import type { Db } from './types';

export interface Workspace {
  id: string;
  name: string;
  createdAt: string;
}

export const workspaces = {
  /** Serialises concurrent first-time set-ups on PostgreSQL (SQLite transactions already are serial). */
  async lockForSetup(tx: Db, dialect: 'sqlite' | 'postgres'): Promise<void> {
    if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(4242)`.execute(tx);
  },
  async count(db: Db): Promise<number> {
    const r = await db
      .selectFrom('workspaces')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
  async create(db: Db, name: string): Promise<Workspace> {
    const w = { id: newId(), name, created_at: nowIso() };
    await db.insertInto('workspaces').values(w).execute();
    return { id: w.id, name, createdAt: w.created_at };
  },
  async get(db: Db, id: string): Promise<Workspace | undefined> {
    const r = await db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
    return r && { id: r.id, name: r.name, createdAt: r.created_at };
  },
  async all(db: Db): Promise<Workspace[]> {
    const rows = await db.selectFrom('workspaces').selectAll().orderBy('created_at').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at }));
  },
  /** Claims a week's summary email for a workspace: true for exactly one caller. */
  async claimWeeklySummary(db: Db, workspaceId: string, week: string, at: string): Promise<boolean> {
    const r = await db
      .insertInto('weekly_summaries')
      .values({ workspace_id: workspaceId, week, sent_at: at, recipients: 0 })
      .onConflict((oc) => oc.columns(['workspace_id', 'week']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  },
  async releaseWeeklySummary(db: Db, workspaceId: string, week: string): Promise<void> {
    await db.deleteFrom('weekly_summaries').where('workspace_id', '=', workspaceId).where('week', '=', week).execute();
  },
  async recordWeeklySummary(db: Db, workspaceId: string, week: string, recipients: number): Promise<void> {
    await db
      .updateTable('weekly_summaries')
      .set({ recipients })
      .where('workspace_id', '=', workspaceId)
      .where('week', '=', week)
      .execute();
  },
  async first(db: Db): Promise<Workspace | undefined> {
    const r = await db.selectFrom('workspaces').selectAll().orderBy('created_at').limit(1).executeTakeFirst();
    return r && { id: r.id, name: r.name, createdAt: r.created_at };
  },
};
