// The automation rule vocabulary as plain values, without zod: the web app's rule form imports these at run time, so
// it can never offer what the API rejects. The pure rule model (src/automation) builds on them.
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

/** What kind of value each field holds; it decides the operators that make sense (and the rule form's input). */
export type FieldKind = 'scalar' | 'number' | 'boolean' | 'list' | 'text';

export const FIELD_KINDS: Record<ConditionField, FieldKind> = {
  channel: 'scalar',
  sentiment: 'scalar',
  status: 'scalar',
  assignee: 'scalar',
  level: 'number',
  priority: 'number',
  'customer.vip': 'boolean',
  businessHours: 'boolean',
  categories: 'list',
  'customer.tags': 'list',
  keywords: 'text',
};

export const OPS_BY_KIND: Record<FieldKind, readonly ConditionOp[]> = {
  scalar: ['is', 'is_not', 'in'],
  number: ['is', 'is_not', 'in', 'gte', 'lte'],
  boolean: ['is', 'is_not'],
  list: ['is', 'is_not', 'in', 'contains', 'matches_any'],
  text: ['is_not', 'contains', 'matches_any'],
};

/** Who a `notify` action tells: the owner, the supervisors, a team or one agent. */
export const NOTIFY_TARGETS = ['assignee', 'supervisors', 'team', 'agent'] as const;
export type NotifyTarget = (typeof NOTIFY_TARGETS)[number];
