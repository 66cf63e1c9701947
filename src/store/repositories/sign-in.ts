import type { ExpressionBuilder, Selectable } from 'kysely';
import { nowIso, randomToken } from '../../domain/ids';
import { hashToken } from '../../security/secrets';
import { normaliseEmail, toAgent, type Agent } from './agents';
import type { AgentTable, Database } from '../schema';
import { parseJson, type Db } from './types';

/** What signing in needs to know about an account, beyond the agent itself. */
export interface SignInRecord {
  agent: Agent;
  passwordHash: string;
  lockedUntil: string | null;
  totpSecret: string | null;
  totpPending: string | null;
  recoveryCodes: string[];
}

const CHALLENGE_MINUTES = 5;

const toSignInRecord = (r: Selectable<AgentTable>): SignInRecord => ({
  agent: toAgent(r),
  passwordHash: r.password_hash,
  lockedUntil: r.login_locked_until,
  totpSecret: r.totp_secret,
  totpPending: r.totp_pending,
  recoveryCodes: parseJson<string[]>(r.recovery_codes, []),
});

export const signIns = {
  async byEmail(db: Db, email: string): Promise<SignInRecord | undefined> {
    const r = await db.selectFrom('agents').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
    return r && toSignInRecord(r);
  },
  async byAgentId(db: Db, agentId: string): Promise<SignInRecord | undefined> {
    const r = await db.selectFrom('agents').selectAll().where('id', '=', agentId).executeTakeFirst();
    return r && toSignInRecord(r);
  },

  /**
   * Counts one failed password within a sliding window; when the count reaches `max`, locks the account for `lockMs`.
   * Returns true only to the one caller whose update started the lock (so the owner is told once per lock).
   */
  async recordFailure(
    db: Db,
    agentId: string,
    o: { windowMs: number; max: number; lockMs: number; now?: Date },
  ): Promise<boolean> {
    const now = o.now ?? new Date();
    const windowStart = new Date(now.getTime() - o.windowMs).toISOString();
    const fresh = (eb: ExpressionBuilder<Database, 'agents'>) =>
      eb.or([eb('login_failures_since', 'is', null), eb('login_failures_since', '<', windowStart)]);
    await db
      .updateTable('agents')
      .set((eb) => ({
        login_failures: eb
          .case()
          .when(fresh(eb))
          .then(eb.val(1))
          .else(eb('login_failures', '+', 1))
          .end(),
        login_failures_since: eb
          .case()
          .when(fresh(eb))
          .then(eb.val(now.toISOString()))
          .else(eb.ref('login_failures_since'))
          .end(),
      }))
      .where('id', '=', agentId)
      .execute();
    const row = await db.selectFrom('agents').select('login_failures').where('id', '=', agentId).executeTakeFirst();
    if (!row || Number(row.login_failures) < o.max) return false;
    const locked = await db
      .updateTable('agents')
      .set({
        login_locked_until: new Date(now.getTime() + o.lockMs).toISOString(),
        login_failures: 0,
        login_failures_since: null,
      })
      .where('id', '=', agentId)
      .where((eb) => eb.or([eb('login_locked_until', 'is', null), eb('login_locked_until', '<', now.toISOString())]))
      .executeTakeFirst();
    return Number(locked.numUpdatedRows) > 0;
  },
  async clearFailures(db: Db, agentId: string): Promise<void> {
    await db
      .updateTable('agents')
      .set({ login_failures: 0, login_failures_since: null })
      .where('id', '=', agentId)
      .execute();
  },
  async unlock(db: Db, agentId: string): Promise<void> {
    await db
      .updateTable('agents')
      .set({ login_failures: 0, login_failures_since: null, login_locked_until: null })
      .where('id', '=', agentId)
      .execute();
  },

  /**
   * The step between a correct password and the second factor; the token lives in the client, its hash here.
   * Challenges that have expired are deleted on the way, so the table holds only the few minutes' worth in use.
   */
  async createChallenge(db: Db, agentId: string): Promise<{ token: string; expiresAt: string }> {
    await db.deleteFrom('login_challenges').where('expires_at', '<', nowIso()).execute();
    const token = randomToken(24);
    const expiresAt = new Date(Date.now() + CHALLENGE_MINUTES * 60_000).toISOString();
    await db
      .insertInto('login_challenges')
      .values({ id: hashToken(token), agent_id: agentId, created_at: nowIso(), expires_at: expiresAt })
      .execute();
    return { token, expiresAt };
  },
  /** Counts an attempt against the challenge and returns its agent, or null when it is unknown, spent or expired. */
  async useChallenge(db: Db, token: string, maxAttempts: number): Promise<string | null> {
    const id = hashToken(token);
    const r = await db
      .updateTable('login_challenges')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where('expires_at', '>', nowIso())
      .where('attempts', '<', maxAttempts)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return null;
    const row = await db.selectFrom('login_challenges').select('agent_id').where('id', '=', id).executeTakeFirst();
    return row?.agent_id ?? null;
  },
  async deleteChallenge(db: Db, token: string): Promise<void> {
    await db.deleteFrom('login_challenges').where('id', '=', hashToken(token)).execute();
  },
  async setPendingTotp(db: Db, agentId: string, sealed: string | null): Promise<void> {
    await db
      .updateTable('agents')
      .set({ totp_pending: sealed, updated_at: nowIso() })
      .where('id', '=', agentId)
      .execute();
  },
  async enableTotp(db: Db, agentId: string, sealed: string, step: number, recoveryHashes: string[]): Promise<void> {
    await db
      .updateTable('agents')
      .set({
        totp_secret: sealed,
        totp_pending: null,
        totp_enabled_at: nowIso(),
        totp_last_step: step,
        recovery_codes: JSON.stringify(recoveryHashes),
        updated_at: nowIso(),
      })
      .where('id', '=', agentId)
      .execute();
  },
  async disableTotp(db: Db, agentId: string): Promise<void> {
    await db
      .updateTable('agents')
      .set({
        totp_secret: null,
        totp_pending: null,
        totp_enabled_at: null,
        totp_last_step: null,
        recovery_codes: '[]',
        updated_at: nowIso(),
      })
      .where('id', '=', agentId)
      .execute();
  },
  /** Accepts a time step only once and only moving forward (a code seen once cannot be replayed). */
  async claimTotpStep(db: Db, agentId: string, step: number): Promise<boolean> {
    const r = await db
      .updateTable('agents')
      .set({ totp_last_step: step })
      .where('id', '=', agentId)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },
  /** Removes one recovery code if it is still unused; true when it was. */
  async useRecoveryCode(db: Db, agentId: string, codeHash: string): Promise<boolean> {
    const row = await db.selectFrom('agents').select('recovery_codes').where('id', '=', agentId).executeTakeFirst();
    const codes = parseJson<string[]>(row?.recovery_codes, []);
    if (!row || !codes.includes(codeHash)) return false;
    // Compare-and-set on the whole list: two requests with the same code cannot both spend it.
    const left = JSON.stringify(codes.filter((c) => c !== codeHash));
    const r = await db
      .updateTable('agents')
      .set({ recovery_codes: left })
      .where('id', '=', agentId)
      .where('recovery_codes', '=', row.recovery_codes)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },
  async setRecoveryCodes(db: Db, agentId: string, hashes: string[]): Promise<void> {
    await db
      .updateTable('agents')
      .set({ recovery_codes: JSON.stringify(hashes), updated_at: nowIso() })
      .where('id', '=', agentId)
      .execute();
  },
};
