// Routing, escalation, SLA and automation shapes, mirrored by hand from docs/api.md.
import type { ChannelRef, Sla } from './types';

export type NotificationKind = 'assigned' | 'escalated' | 'sla.warning' | 'sla.breached';

export interface AppNotification {
  id: string;
  kind: NotificationKind;
  conversationId: string | null;
  title: string;
  body: string;
  urgent: boolean;
  createdAt: string;
  readAt: string | null;
}

export interface BoardItem {
  id: string;
  conversationId: string;
  preview: string;
  customer: { id: string; name: string };
  channel: ChannelRef;
  fromLevel: number;
  toLevel: number;
  direction: 'up' | 'down';
  note: string;
  status: 'open' | 'accepted';
  from: { id: string; name: string } | null;
  owner: { id: string; name: string } | null;
  createdAt: string;
  acceptedAt: string | null;
  ageSeconds: number;
  sla?: Sla;
}

export interface BoardStat {
  level: number;
  total: number;
  inFlight: number;
  avgSecondsToAccept: number | null;
  avgSecondsToResolve: number | null;
}

export interface Team {
  id: string;
  name: string;
  memberIds: string[];
}

export type OnBreach = 'notify' | 'escalate' | 'reassign';
export type AssignStrategy = 'least_loaded' | 'round_robin';

export interface DeskSettings {
  /**
   * reserveUrgentSlots: open slots each L3 agent keeps for L3 work (0–5, default 1).
   * firstResponders: when every L3 agent owes an urgent first reply, a free agent acknowledges (default true).
   */
  autoAssign: { enabled: boolean; strategy: AssignStrategy; reserveUrgentSlots: number; firstResponders: boolean };
  sla: {
    warnAtFraction: number;
    onBreach: OnBreach;
    firstResponseMins: Partial<Record<'1' | '2' | '3', number>>;
    timeZone: string;
  };
  businessHours: {
    timeZone: string;
    /** Weekday (0 = Sunday … 6) → [["09:00","18:00"], …]. */
    weekly: Record<string, [string, string][]>;
    holidays: string[];
    includeJapaneseHolidays: boolean;
  };
  automation: { allowTemplateReplies: boolean };
  /** Email / outgoing webhook (see docs/routing.md, "External notifications"). */
  notifications: ExternalNotificationSettings;
}

export const EXTERNAL_KINDS = ['assigned_urgent', 'escalated', 'sla.warning', 'sla.breached', 'spike'] as const;
export type ExternalKind = (typeof EXTERNAL_KINDS)[number];

export interface ExternalNotificationSettings {
  /** smtpConfigured is read-only: whether the server has KOE_SMTP_URL. */
  email: { enabled: boolean; kinds: ExternalKind[]; smtpConfigured?: boolean };
  /**
   * The secret is write-only: GET returns `hasSecret`; PUT without `secret` keeps it, `null` removes it,
   * a string replaces it. Only admins see the URL.
   */
  webhook: { url: string | null; kinds: ExternalKind[]; hasSecret: boolean; secret?: string | null };
}

export interface NotificationTestResult {
  ok: boolean;
  status?: number;
  error?: string;
}

// The rule vocabulary is the server's own (pure module), so the form can never offer what the API rejects.
export { CONDITION_FIELDS, CONDITION_OPS, RULE_EVENTS } from '../../../src/automation/types';
export type { Condition, ConditionField, ConditionOp, ConditionValue, RuleEvent } from '../../../src/automation/types';

export type { Action as RuleAction } from '../../../src/automation/types';
import type { Action as RuleAction } from '../../../src/automation/types';
export type RuleActionType = RuleAction['type'];

export type { Rule } from '../../../src/automation/types';
import type { Rule } from '../../../src/automation/types';
export type RuleInput = Omit<Rule, 'id'>;

export interface ReplyTemplate {
  id: string;
  name: string;
  body: string;
  createdAt: string;
}

export interface DryRunResult {
  fired: { ruleId: string; ruleName: string; actions: RuleAction[]; changes: string[] }[];
  skipped: { ruleId: string; reason: string }[];
  changes: string[];
  before: unknown;
  after: unknown;
}
