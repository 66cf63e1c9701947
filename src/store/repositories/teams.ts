import { newId, nowIso } from '../../domain/ids';
import type { Db } from './types';

export interface Team {
  id: string;
  name: string;
  memberIds: string[];
}

export const teams = {
  async create(db: Db, workspaceId: string, name: string, memberIds: string[] = []): Promise<Team> {
    const id = newId();
    await db.insertInto('teams').values({ id, workspace_id: workspaceId, name, created_at: nowIso() }).execute();
    for (const agentId of new Set(memberIds))
      await db.insertInto('team_members').values({ team_id: id, agent_id: agentId }).execute();
    return { id, name, memberIds: [...new Set(memberIds)] };
  },
  async list(db: Db, workspaceId: string): Promise<Team[]> {
    const rows = await db
      .selectFrom('teams')
      .leftJoin('team_members', 'team_members.team_id', 'teams.id')
      .select(['teams.id', 'teams.name', 'team_members.agent_id'])
      .where('teams.workspace_id', '=', workspaceId)
      .orderBy('teams.created_at')
      .execute();
    const byId = new Map<string, Team>();
    for (const r of rows) {
      const t = byId.get(r.id) ?? { id: r.id, name: r.name, memberIds: [] };
      if (r.agent_id) t.memberIds.push(r.agent_id);
      byId.set(r.id, t);
    }
    return [...byId.values()];
  },
};
