import { newId, nowIso, randomToken } from '../../domain/ids';
import { hashToken } from '../../security/secrets';
import type { Db } from './types';

export const apiTokens = {
  async create(
    db: Db,
    workspaceId: string,
    agentId: string,
    name: string,
  ): Promise<{ id: string; name: string; token: string }> {
    const token = `koe_${randomToken(32)}`;
    const id = newId();
    await db
      .insertInto('api_tokens')
      .values({
        id,
        workspace_id: workspaceId,
        agent_id: agentId,
        name,
        token_hash: hashToken(token),
        created_at: nowIso(),
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    return { id, name, token };
  },
  /** The agent on whose behalf the token acts, when it is valid. */
  async resolve(db: Db, token: string): Promise<string | undefined> {
    const r = await db
      .selectFrom('api_tokens')
      .select(['id', 'agent_id'])
      .where('token_hash', '=', hashToken(token))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!r) return undefined;
    await db.updateTable('api_tokens').set({ last_used_at: nowIso() }).where('id', '=', r.id).execute();
    return r.agent_id;
  },
};
