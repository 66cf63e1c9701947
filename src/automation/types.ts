// The automation rule model: event → conditions (all must match) → actions.
// Rules are admin data stored as JSON, so every shape here is plain and serialisable.
import type { ConversationStatus } from '../domain/conversation-status';

export const RULE_EVENTS = [
  'conversation.created',
  'message.received',
  'conversation.updated',
  'sla.warning',
  'sla.breached',
  'conversation.escalated',
] as const;
export type RuleEvent = (typeof RULE_EVENTS)[number];

export const CONDITION_FIELDS = [
  'channel',
  'categories',
  'level',
  'sentiment',
  'priority',
  'keywords',
  'customer.tags',
  'customer.vip',
  'businessHours',
  'status',
  'assignee',
] as const;
export type ConditionField = (typeof CONDITION_FIELDS)[number];

export const CONDITION_OPS = ['is', 'is_not', 'in', 'contains', 'gte', 'lte', 'matches_any'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

export type ConditionValue = string | number | boolean | null | string[] | number[];

export interface Condition {
  field: ConditionField;
  op: ConditionOp;
  value: ConditionValue;
}

export type Level = 0 | 1 | 2 | 3;

/** Who a notification goes to: the owner, the supervisors, a team or one agent. */
export type NotifyTarget = 'assignee' | 'supervisors' | 'team' | 'agent';

export type Action =
  | { type: 'set_level'; level: Level }
  | { type: 'set_priority'; priority: number }
  | { type: 'add_tag'; tag: string }
  | { type: 'assign_team'; teamId: string }
  | { type: 'assign_agent'; agentId: string }
  /** Escalation always carries a hand-off note; without toLevel it goes one level up. */
  | { type: 'escalate'; note: string; toLevel?: 1 | 2 | 3; teamId?: string; agentId?: string }
  | { type: 'notify'; target: NotifyTarget; agentId?: string; teamId?: string; message?: string }
  | { type: 'add_note'; text: string }
  | { type: 'send_template'; templateId: string };

export type ActionType = Action['type'];

export interface Rule {
  id: string;
  name: string;
  enabled: boolean;
  /** Lower runs first; ties run in id order so evaluation is deterministic. */
  order: number;
  event: RuleEvent;
  conditions: Condition[];
  actions: Action[];
  /** When this rule fires, later rules for the same event are not evaluated. */
  stopProcessing: boolean;
}

/** What rules can see about a conversation at the time of an event. */
export interface RuleFacts {
  conversation: {
    id?: string;
    /** Channel kind, e.g. "x", "line", "email", "webchat". */
    channel: string;
    status: ConversationStatus;
    level: Level;
    priority: number;
    sentiment: string | null;
    categories: string[];
    tags: string[];
    assigneeId: string | null;
    teamId: string | null;
  };
  /** The message that caused the event, when there is one; `keywords` conditions read its text. */
  message?: { text: string } | null;
  customer: { id?: string; tags: string[]; vip: boolean };
  /** Whether the workspace was inside business hours when the event happened. */
  withinBusinessHours: boolean;
}

export interface EvaluationOptions {
  /** The admin enabled automatic template replies for this workspace. */
  allowTemplateReplies: boolean;
  /** The conversation is on a private channel (DM, email, chat); public posts are never auto-answered. */
  channelIsPrivate: boolean;
  /** How many rule-caused events led to this one; 0 for an event from outside. */
  depth: number;
  /** Rules that already fired earlier in this event chain. */
  alreadyFired?: string[];
}

export interface FiredRule {
  ruleId: string;
  ruleName: string;
  actions: Action[];
  /** Human-readable audit lines, e.g. "level L1 → L3". */
  changes: string[];
}

export interface RuleEvaluation {
  fired: FiredRule[];
  /** All actions to carry out, in rule order. */
  actions: Action[];
  skipped: { ruleId: string; reason: string }[];
  /** The facts after the fired rules' actions, as later rules saw them. */
  facts: RuleFacts;
}
