import type { Selectable } from 'kysely';
import type { Logger } from 'pino';
import type { ConversationStatus } from '../domain/conversation-status';
import type { JobQueue } from '../jobs/queue';
import type { RealtimeBus } from '../realtime/bus';
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
import { hasOpeningHours, type BusinessCalendar } from '../routing/business-hours';
import { conversations, type Db } from '../store/repositories';
import type { ConversationTable } from '../store/schema';
import { deskSettings, type DeskSettings } from './settings';

export const SLA_CHECK = 'sla.check';
export type SlaRow = Selectable<ConversationTable>;
type Row = SlaRow;

export function slaPolicy(row: { level: number; priority: number }, settings: DeskSettings): SlaPolicy | null {
  const base = slaPolicyFor(row);
  if (!base) return null;
  const level = Math.min(3, Math.max(1, row.level)) as 1 | 2 | 3;
  return {
    ...base,
    warnAtFraction: settings.sla.warnAtFraction,
    firstResponseMins: settings.sla.firstResponseMins[level] ?? DEFAULT_SLA_POLICIES[level].firstResponseMins,
    // A week without opening hours cannot pause a clock forever: such a calendar counts around the clock.
    businessHours:
      settings.sla.businessHoursLevels.includes(level) && hasOpeningHours(settings.businessHours as BusinessCalendar)
        ? (settings.businessHours as BusinessCalendar)
        : null,
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

export type SlaEvent = 'sla.warning' | 'sla.breached';
type Announce = (row: SlaRow, status: SlaStatus, event: SlaEvent, settings: DeskSettings) => Promise<void>;

export interface SlaDeps {
  db: Db;
  jobs: JobQueue;
  bus: RealtimeBus;
  log: Logger;
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

/**
 * A warning or breach is announced once per clock (a conditional update claims it), then the next check is scheduled.
 * `announce` is what a warning or breach does (notify, audit, the breach policy, `sla.*` automation rules:
 * desk/sla-announce.ts), given by the composition root so that the timers here depend on none of those services.
 */
export function slaChecker(deps: SlaDeps & { announce: Announce }) {
  return async ({ workspaceId, conversationId }: { workspaceId: string; conversationId: string }) => {
    const row = await conversations.row(deps.db, workspaceId, conversationId);
    if (!row) return;
    const settings = await deskSettings.get(deps.db, workspaceId);
    const status = slaOf(row, settings);
    const previous = row.sla_announced ? (JSON.parse(row.sla_announced) as Pick<SlaStatus, 'target' | 'state'>) : null;
    const event = slaEventFor(previous, status);
    if (event) {
      const next = JSON.stringify({ target: status.target, state: status.state });
      if (await conversations.claimSlaAnnouncement(deps.db, row.id, row.sla_announced, next)) {
        await deps.announce(row, status, event, settings);
      }
    }
    await scheduleSlaCheck(deps, workspaceId, conversationId);
  };
}
