import type { Selectable } from 'kysely';
import { slaPauseMs } from '../routing/sla';
import type { Db } from '../store/repositories';
import type { ConversationTable } from '../store/schema';
import { deskSettings } from './settings';
import { slaPolicy } from './sla';

/**
 * Leaving `pending` restarts the SLA clock: the time spent waiting on the customer is added to paused_ms.
 * Returns the columns to set (nothing when the conversation was not pending).
 */
export async function resumeClock(
  db: Db,
  row: Selectable<ConversationTable>,
  at: string,
): Promise<{ pending_since?: null; paused_ms?: number }> {
  if (row.status !== 'pending' || !row.pending_since) return {};
  const policy = slaPolicy(row, await deskSettings.get(db, row.workspace_id));
  const paused = policy ? slaPauseMs(policy, row.pending_since, at) : 0;
  return { pending_since: null, paused_ms: Number(row.paused_ms ?? 0) + Math.max(0, paused) };
}
