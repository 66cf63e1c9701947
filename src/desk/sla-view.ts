import type { ConversationStatus } from '../domain/conversation-status';
import { computeSla, type SlaStatus } from '../routing/sla';
import type { ConversationItem } from '../store/repositories';
import { nextOpening } from '../routing/business-hours';
import { slaPolicy } from './sla';
import type { DeskSettings } from './settings';

/**
 * The SLA clock for an inbox row, from the same stored timestamps the SLA jobs use. A clock that counts business hours
 * and is outside them now says until when (`closedUntil`): its time stands still until the desk opens.
 */
export function slaOfItem(
  item: ConversationItem,
  settings: DeskSettings,
  now = new Date(),
): SlaStatus & { closedUntil: string | null } {
  const policy = slaPolicy(item, settings);
  const running = item.status === 'open';
  const opens = running && policy?.businessHours ? nextOpening(policy.businessHours, now) : null;
  const closedUntil = opens && opens.getTime() > now.getTime() ? opens.toISOString() : null;
  return { ...sla(item, policy, now), closedUntil };
}

function sla(item: ConversationItem, policy: ReturnType<typeof slaPolicy>, now: Date): SlaStatus {
  return computeSla(
    {
      createdAt: item.createdAt,
      firstResponseAt: item.firstResponseAt,
      waitingSince: item.waitingSince,
      lastCustomerMessageAt: item.lastCustomerMessageAt,
      resolvedAt: item.resolvedAt,
      status: item.status as ConversationStatus,
      pausedMs: item.pausedMs,
      pendingSince: item.pendingSince,
    },
    policy,
    now,
  );
}
