import type { Selectable } from 'kysely';
import type { Logger } from 'pino';
import type { ConversationStatus } from '../domain/conversation-status';
import type { ChannelAdapter } from '../channels/types';
import type { JobQueue } from '../jobs/queue';
import { topics, type RealtimeBus } from '../realtime/bus';
import {
  computeSla,
  DEFAULT_SLA_POLICIES,
  nextSlaCheckAt,
  slaEventFor,
  slaPolicyFor,
  type SlaPolicy,
  type SlaStatus,
  type SlaTimestamps,
} from '../routing/sla';
import { audit, conversations, type Db } from '../store/repositories';
import type { ConversationTable } from '../store/schema';
import { assignWaiting, autoAssign } from './assign';
import { notify } from './notifications';
import { deskSettings, type DeskSettings } from './settings';

export const SLA_CHECK = 'sla.check';
type Row = Selectable<ConversationTable>;

export function slaPolicy(row: { level: number; priority: number }, settings: DeskSettings): SlaPolicy | null {
  const base = slaPolicyFor(row);
  if (!base) return null;
  const level = Math.min(3, Math.max(1, row.level)) as 1 | 2 | 3;
  return {
    ...base,
    warnAtFraction: settings.sla.warnAtFraction,
    firstResponseMins: settings.sla.firstResponseMins[level] ?? DEFAULT_SLA_POLICIES[level].firstResponseMins,
  };
}

export const slaTimestamps = (r: Row): SlaTimestamps => ({
  createdAt: r.created_at,
  firstResponseAt: r.first_response_at,
  waitingSince: r.waiting_since,
  lastCustomerMessageAt: r.last_customer_message_at,
  resolvedAt: r.resolved_at,
  status: r.status as ConversationStatus,
  pausedMs: Number(r.paused_ms ?? 0),
  pendingSince: r.pending_since,
});

/** The SLA clock shown in the inbox, computed from stored timestamps only (same answer in every process). */
export function slaOf(r: Row, settings: DeskSettings, now = new Date()): SlaStatus {
  return computeSla(slaTimestamps(r), slaPolicy(r, settings), now);
}

export interface SlaDeps {
  db: Db;
  jobs: JobQueue;
  bus: RealtimeBus;
  log: Logger;
  adapters?: Map<string, ChannelAdapter>;
}

/** Timers are jobs: schedule the next look at this conversation (warning or due time), restart-safe. */
export async function scheduleSlaCheck(
  deps: SlaDeps,
  workspaceId: string,
  conversationId: string,
  tx?: Db,
): Promise<void> {
  const db = tx ?? deps.db;
  const row = await conversations.row(db, workspaceId, conversationId);
  if (!row) return;
  const settings = await deskSettings.get(db, workspaceId);
  const at = nextSlaCheckAt(slaTimestamps(row), slaPolicy(row, settings), new Date());
  // One pending check per conversation: every customer message and reply reschedules it rather than adding another.
  if (at)
    await deps.jobs.enqueue(
      SLA_CHECK,
      { workspaceId, conversationId },
      {
        delayMs: Math.max(0, Date.parse(at) - Date.now()) + 50,
        maxAttempts: 5,
        dedupeKey: `${SLA_CHECK}:${conversationId}`,
      },
      tx,
    );
}

/** A warning or breach is announced once per clock: to the owner and every supervisor, then the policy's action. */
export function slaChecker(deps: SlaDeps) {
  return async ({ workspaceId, conversationId }: { workspaceId: string; conversationId: string }) => {
    const row = await conversations.row(deps.db, workspaceId, conversationId);
    if (!row) return;
    const settings = await deskSettings.get(deps.db, workspaceId);
    const status = slaOf(row, settings);
    const previous = row.sla_announced ? (JSON.parse(row.sla_announced) as Pick<SlaStatus, 'target' | 'state'>) : null;
    const event = slaEventFor(previous, status);
    if (event) {
      const claimed = await deps.db
        .updateTable('conversations')
        .set({ sla_announced: JSON.stringify({ target: status.target, state: status.state }) })
        .where('id', '=', row.id)
        .where((eb) =>
          row.sla_announced === null ? eb('sla_announced', 'is', null) : eb('sla_announced', '=', row.sla_announced),
        )
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) > 0) await announce(deps, row, status, event, settings);
    }
    await scheduleSlaCheck(deps, workspaceId, conversationId);
  };
}

const TARGET_JA: Record<string, string> = { first_response: '初回返信', next_response: '次回返信', resolution: '解決' };

async function announce(
  deps: SlaDeps,
  row: Row,
  status: SlaStatus,
  event: 'sla.warning' | 'sla.breached',
  settings: DeskSettings,
) {
  const supervisors = await deps.db
    .selectFrom('agents')
    .select('id')
    .where('workspace_id', '=', row.workspace_id)
    .where('active', '=', 1)
    .where('role', 'in', ['supervisor', 'admin'])
    .execute();
  const target = TARGET_JA[status.target ?? ''] ?? '';
  const breached = event === 'sla.breached';
  await notify(deps, {
    workspaceId: row.workspace_id,
    agentIds: [...(row.assignee_id ? [row.assignee_id] : []), ...supervisors.map((s) => s.id)],
    kind: event,
    conversationId: row.id,
    urgent: breached || row.level >= 3,
    title: breached
      ? `SLA超過（${target}）: ${row.preview.slice(0, 40)}`
      : `SLA警告（${target}）: ${row.preview.slice(0, 40)}`,
    body: `L${row.level}・期限 ${status.dueAt ? new Intl.DateTimeFormat('ja-JP', { timeZone: settings.sla.timeZone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(status.dueAt)) : '-'}`,
  });
  await audit.log(deps.db, {
    workspaceId: row.workspace_id,
    actor: { type: 'system', id: null, name: 'Koe SLA' },
    action: event,
    target: { type: 'conversation', id: row.id },
    detail: { target: status.target, dueAt: status.dueAt },
  });
  if (breached && settings.sla.onBreach !== 'notify') {
    const { escalate } = await import('./escalate');
    if (settings.sla.onBreach === 'escalate' && row.level < 3) {
      await escalate(
        { ...deps },
        {
          workspaceId: row.workspace_id,
          conversationId: row.id,
          by: null,
          toLevel: 3,
          note: `SLA（${target}）を超過したため自動でL3へエスカレーションしました。`,
        },
      );
    } else if (settings.sla.onBreach === 'reassign' && row.assignee_id) {
      const previousOwner = row.assignee_id;
      await deps.db.updateTable('conversations').set({ assignee_id: null }).where('id', '=', row.id).execute();
      const others = (
        await deps.db
          .selectFrom('agents')
          .select('id')
          .where('workspace_id', '=', row.workspace_id)
          .where('id', '!=', previousOwner)
          .execute()
      ).map((a) => a.id);
      if (!(await autoAssign(deps, row.workspace_id, row.id, { onlyAgentIds: others }))) {
        await deps.db
          .updateTable('conversations')
          .set({ assignee_id: previousOwner })
          .where('id', '=', row.id)
          .execute();
      }
    }
  }
  if (deps.adapters) {
    const { runAutomation } = await import('./automation');
    await runAutomation({ ...deps, adapters: deps.adapters }, row.workspace_id, row.id, event);
  }
  deps.bus.publish(topics.workspace(row.workspace_id), {
    type: 'conversation.updated',
    data: await conversations.item(deps.db, row.workspace_id, row.id),
  });
}

export { assignWaiting };
