import { nowIso, randomToken } from '../../domain/ids';
import { hashToken } from '../../security/secrets';
import type { Db } from './types';

export type SessionVia = 'password' | 'sso';
export interface SessionRecord {
  agentId: string;
  csrfToken: string;
  expiresAt: string;
  via: SessionVia;
}

/** Session ids live only in the cookie; the table keeps their hash, so a database leak does not leak sessions. */
export const sessions = {
  async create(
    db: Db,
    agentId: string,
    days: number,
    via: SessionVia,
  ): Promise<{ token: string; csrfToken: string; expiresAt: string }> {
    const token = randomToken(32);
    const csrfToken = randomToken(24);
    const expiresAt = new Date(Date.now() + days * 86_400_000).toISOString();
    await db
      .insertInto('sessions')
      .values({
        id: hashToken(token),
        agent_id: agentId,
        csrf_token: csrfToken,
        created_at: nowIso(),
        expires_at: expiresAt,
        via,
      })
      .execute();
    return { token, csrfToken, expiresAt };
  },
  async find(db: Db, token: string): Promise<SessionRecord | undefined> {
    const r = await db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', hashToken(token))
      .where('expires_at', '>', nowIso())
      .executeTakeFirst();
    return r && { agentId: r.agent_id, csrfToken: r.csrf_token, expiresAt: r.expires_at, via: r.via as SessionVia };
  },
  async delete(db: Db, token: string): Promise<void> {
    await db.deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
  },
  /** Signs the agent out everywhere, or everywhere but the session `keepToken` (after a security change made there). */
  async deleteForAgent(db: Db, agentId: string, keepToken?: string): Promise<void> {
    let q = db.deleteFrom('sessions').where('agent_id', '=', agentId);
    if (keepToken) q = q.where('id', '!=', hashToken(keepToken));
    await q.execute();
  },
};
