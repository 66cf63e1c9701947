// Routing, escalation, SLA and automation shapes: the server's own contracts (src/contracts), as types only, so zod
// stays out of the bundle; the run-time enumerations come from the contracts' plain-value modules.
import type { DeskSettingsView } from '@contracts/routing';
import type { Action } from '@contracts/automation';

export type { AppNotification, BoardItem, BoardStat, NotificationTestResult, Team } from '@contracts/routing';
export { EXTERNAL_KINDS } from '@contracts/routing-values';
export type {
  AssignStrategy,
  BreachAction as OnBreach,
  ExternalKind,
  NotificationKind,
} from '@contracts/routing-values';

/**
 * The desk settings form: the settings as GET returns them, plus the write-only webhook `secret` PUT accepts (left out
 * keeps it, null removes it, a string replaces it).
 */
export type ExternalNotificationSettings = DeskSettingsView['notifications'] & {
  webhook: { secret?: string | null };
};
export type DeskSettings = Omit<DeskSettingsView, 'notifications'> & { notifications: ExternalNotificationSettings };

// The rule vocabulary is the server's own, so the form can never offer what the API rejects.
export { CONDITION_FIELDS, CONDITION_OPS, RULE_EVENTS } from '@contracts/automation-values';
export type { ConditionField, ConditionOp, RuleEvent } from '@contracts/automation-values';
export type { Condition, ConditionValue, DryRunResult, ReplyTemplate, Rule, RuleInput } from '@contracts/automation';
export type RuleAction = Action;
export type RuleActionType = RuleAction['type'];
