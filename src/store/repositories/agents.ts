import type { Role } from '../../domain/permissions';
import { newId, nowIso } from '../../domain/ids';
import type { Selectable, Updateable } from 'kysely';
import type { AgentTable } from '../schema';
import { parseJson, type Db } from './types';

export interface Agent {
  id: string;
  workspaceId: string;
  email: string;
  name: string;
  displayName: string;
  role: Role;
  level: 1 | 2 | 3;
  skills: string[];
  active: boolean;
  locale: string;
  createdAt: string;
  capacity: number;
  presence: 'online' | 'away' | 'offline';
  lastAssignedAt: string | null;
  /** Two-factor sign-in is set up. */
  totpEnabled: boolean;
  /** Invited and not yet joined: no password until the agent sets one through the invitation. */
  invitationPending: boolean;
}

/** The password of an invited agent who has not joined yet: no password matches it (verifyPassword refuses it). */
export const NO_PASSWORD = '';

export const toAgent = (r: Selectable<AgentTable>): Agent => ({
  id: r.id,
  workspaceId: r.workspace_id,
  email: r.email,
  name: r.name,
  displayName: r.display_name,
  role: r.role as Role,
  level: r.level as 1 | 2 | 3,
  skills: parseJson<string[]>(r.skills, []),
  active: Boolean(r.active),
  locale: r.locale,
  createdAt: r.created_at,
  capacity: Number(r.capacity),
  presence: r.presence as Agent['presence'],
  lastAssignedAt: r.last_assigned_at,
  totpEnabled: Boolean(r.totp_enabled_at),
  invitationPending: r.password_hash === NO_PASSWORD,
});

export interface NewAgent {
  workspaceId: string;
  email: string;
  name: string;
  displayName?: string;
  role: Role;
  level: 1 | 2 | 3;
  skills: string[];
  passwordHash: string;
  locale?: string;
  capacity?: number;
}

export interface AgentChanges {
  name?: string;
  displayName?: string;
  role?: Role;
  level?: 1 | 2 | 3;
  skills?: string[];
  active?: boolean;
  locale?: string;
  capacity?: number;
  presence?: Agent['presence'];
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export const agents = {
  async create(db: Db, a: NewAgent): Promise<Agent> {
    const now = nowIso();
    const row: Selectable<AgentTable> = {
      id: newId(),
      workspace_id: a.workspaceId,
      email: normaliseEmail(a.email),
      name: a.name,
      display_name: a.displayName?.trim() || a.name,
      role: a.role,
      level: a.level,
      skills: JSON.stringify([...new Set(a.skills.map((s) => s.trim()).filter(Boolean))]),
      password_hash: a.passwordHash,
      active: 1,
      locale: a.locale ?? 'ja',
      created_at: now,
      updated_at: now,
      capacity: a.capacity ?? 5,
      presence: 'offline',
      last_assigned_at: null,
      login_failures: 0,
      login_failures_since: null,
      login_locked_until: null,
      totp_secret: null,
      totp_pending: null,
      totp_enabled_at: null,
      totp_last_step: null,
      recovery_codes: '[]',
    };
    await db.insertInto('agents').values(row).execute();
    return toAgent(row);
  },
  /** A new password: every lock and failure count is cleared with it. */
  async setPassword(db: Db, id: string, passwordHash: string): Promise<void> {
    await db
      .updateTable('agents')
      .set({
        password_hash: passwordHash,
        login_failures: 0,
        login_failures_since: null,
        login_locked_until: null,
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .execute();
  },
  async byEmail(db: Db, email: string): Promise<(Agent & { passwordHash: string }) | undefined> {
    const r = await db.selectFrom('agents').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
    return r && { ...toAgent(r), passwordHash: r.password_hash };
  },
  /** An agent by id alone (an authenticated session or token names the agent, not the workspace). */
  async byId(db: Db, id: string): Promise<Agent | undefined> {
    const r = await db.selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toAgent(r);
  },
  async get(db: Db, workspaceId: string, id: string): Promise<Agent | undefined> {
    const r = await db
      .selectFrom('agents')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r && toAgent(r);
  },
  async list(db: Db, workspaceId: string): Promise<Agent[]> {
    const rows = await db
      .selectFrom('agents')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at')
      .execute();
    return rows.map(toAgent);
  },
  async update(db: Db, workspaceId: string, id: string, c: AgentChanges): Promise<Agent | undefined> {
    const set: Updateable<AgentTable> = { updated_at: nowIso() };
    if (c.name !== undefined) set.name = c.name;
    if (c.displayName !== undefined) set.display_name = c.displayName;
    if (c.role !== undefined) set.role = c.role;
    if (c.level !== undefined) set.level = c.level;
    if (c.skills !== undefined)
      set.skills = JSON.stringify([...new Set(c.skills.map((s) => s.trim()).filter(Boolean))]);
    if (c.active !== undefined) set.active = c.active ? 1 : 0;
    if (c.locale !== undefined) set.locale = c.locale;
    if (c.capacity !== undefined) set.capacity = c.capacity;
    if (c.presence !== undefined) set.presence = c.presence;
    await db.updateTable('agents').set(set).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
    return this.get(db, workspaceId, id);
  },
  /** Each agent's interface language (notifications are written in it). */
  async localesOf(db: Db, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await db.selectFrom('agents').select(['id', 'locale']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.locale]));
  },
  /** Active supervisors and admins: who hears about escalations, SLA breaches, spikes and unassignable work. */
  async supervisorIds(db: Db, workspaceId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('agents')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('active', '=', 1)
      .where('role', 'in', ['supervisor', 'admin'])
      .execute();
    return rows.map((r) => r.id);
  },
  /** Active agents of at least this support level (who can take an escalation to it). */
  async activeIdsAtLevel(db: Db, workspaceId: string, minLevel: number): Promise<string[]> {
    const rows = await db
      .selectFrom('agents')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('active', '=', 1)
      .where('level', '>=', minLevel)
      .execute();
    return rows.map((r) => r.id);
  },
  /** Every agent of the workspace but one (routing picks among the active ones itself). */
  async idsExcept(db: Db, workspaceId: string, exceptId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('agents')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', '!=', exceptId)
      .execute();
    return rows.map((r) => r.id);
  },
  /** What routing needs of each active agent (load comes from conversations.assigneeLoads). */
  async routingRows(db: Db, workspaceId: string) {
    return db
      .selectFrom('agents')
      .select(['id', 'name', 'level', 'skills', 'capacity', 'presence', 'last_assigned_at'])
      .where('workspace_id', '=', workspaceId)
      .where('active', '=', 1)
      .execute();
  },
  async markAssigned(db: Db, id: string, at: string): Promise<void> {
    await db.updateTable('agents').set({ last_assigned_at: at }).where('id', '=', id).execute();
  },
  async countActiveAdmins(db: Db, workspaceId: string): Promise<number> {
    const r = await db
      .selectFrom('agents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', workspaceId)
      .where('role', '=', 'admin')
      .where('active', '=', 1)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
};
