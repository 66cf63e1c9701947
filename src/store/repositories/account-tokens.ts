import { newId, nowIso } from '../../domain/ids';
import { hashToken } from '../../security/secrets';
import type { Db } from './types';

export type AccountTokenKind = 'invitation' | 'password_reset';

/** One-time account links (invitations, password resets); looked up by the token's hash. */
export const accountTokens = {
  /** Stores a new link and retires the agent's earlier unused ones of the same kind (only the newest works). */
  async create(
    db: Db,
    t: {
      workspaceId: string;
      agentId: string;
      kind: AccountTokenKind;
      token: string;
      expiresAt: string;
      by: string | null;
    },
  ): Promise<void> {
    const now = nowIso();
    await db
      .updateTable('account_tokens')
      .set({ used_at: now })
      .where('agent_id', '=', t.agentId)
      .where('kind', '=', t.kind)
      .where('used_at', 'is', null)
      .execute();
    await db
      .insertInto('account_tokens')
      .values({
        id: newId(),
        workspace_id: t.workspaceId,
        agent_id: t.agentId,
        kind: t.kind,
        token_hash: hashToken(t.token),
        expires_at: t.expiresAt,
        used_at: null,
        created_by: t.by,
        created_at: now,
      })
      .execute();
  },
  /** The link's record, used or not (the caller tells an expired or used link from an unknown one). */
  async find(db: Db, token: string) {
    return db
      .selectFrom('account_tokens as t')
      .innerJoin('agents as a', 'a.id', 't.agent_id')
      .innerJoin('workspaces as w', 'w.id', 't.workspace_id')
      .select([
        't.id',
        't.kind',
        't.agent_id',
        't.workspace_id',
        't.expires_at',
        't.used_at',
        'a.email',
        'a.name',
        'a.active',
        'w.name as workspace_name',
      ])
      .where('t.token_hash', '=', hashToken(token))
      .executeTakeFirst();
  },
  /** Marks a link used; false when someone used it first. */
  async consume(db: Db, id: string): Promise<boolean> {
    const r = await db
      .updateTable('account_tokens')
      .set({ used_at: nowIso() })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },
};
