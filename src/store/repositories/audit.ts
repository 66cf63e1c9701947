import { newId, nowIso } from '../../domain/ids';
import { parseJson, type Db } from './types';

export interface AuditEntry {
  workspaceId: string | null;
  actor: { type: 'agent' | 'system' | 'anonymous'; id: string | null; name: string };
  action: string;
  target?: { type: string; id: string };
  detail?: Record<string, unknown>;
}

/** The actor of an entry written for an agent's action: a signed-in actor ({ agentId }) or an agent row ({ id }). */
export const byAgent = (a: { agentId: string; name: string } | { id: string; name: string }): AuditEntry['actor'] => ({
  type: 'agent',
  id: 'agentId' in a ? a.agentId : a.id,
  name: a.name,
});
/** The actor of an entry for someone not signed in (a failed sign-in), named by the email they gave. */
export const byAnonymous = (email: string): AuditEntry['actor'] => ({ type: 'anonymous', id: null, name: email });
/** The actor of an entry Koe writes by itself (routing, SLA timers, notifications), named for the part that acted. */
export const bySystem = (name: string): AuditEntry['actor'] => ({ type: 'system', id: null, name });

export const audit = {
  async log(db: Db, e: AuditEntry): Promise<void> {
    await db
      .insertInto('audit_log')
      .values({
        id: newId(),
        workspace_id: e.workspaceId,
        at: nowIso(),
        actor_type: e.actor.type,
        actor_id: e.actor.id,
        actor_name: e.actor.name,
        action: e.action,
        target_type: e.target?.type ?? null,
        target_id: e.target?.id ?? null,
        detail: JSON.stringify(e.detail ?? {}),
      })
      .execute();
  },
  async list(db: Db, workspaceId: string, limit: number) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('at', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: { type: r.actor_type as AuditEntry['actor']['type'], id: r.actor_id, name: r.actor_name },
      action: r.action,
      target: r.target_type ? { type: r.target_type, id: r.target_id } : null,
      detail: parseJson<Record<string, unknown>>(r.detail, {}),
    }));
  },
};
