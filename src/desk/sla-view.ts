import type { ConversationStatus } from '../domain/conversation-status';
import { computeSla, type SlaStatus } from '../routing/sla';
import type { ConversationItem } from '../store/repositories';
import { slaPolicy } from './sla';
import type { DeskSettings } from './settings';

/** The SLA clock for an inbox row, from the same stored timestamps the SLA jobs use. */
export function slaOfItem(item: ConversationItem, settings: DeskSettings, now = new Date()): SlaStatus {
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
    slaPolicy(item, settings),
    now,
  );
}
