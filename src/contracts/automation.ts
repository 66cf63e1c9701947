import { z } from 'zod';
import { CONDITION_FIELDS, CONDITION_OPS, NOTIFY_TARGETS, RULE_EVENTS } from './automation-values';
import { ConversationLevelSchema } from './conversations';
import { CONVERSATION_STATUSES } from './values';

// Automation rules: event → conditions (all must match) → actions. Rules are saved only through these schemas, so a
// stored rule (and what the dry run shows of it) always satisfies them.

const Level = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);

export const ActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('set_level'), level: Level }),
  z.object({ type: z.literal('set_priority'), priority: z.number().int().min(0).max(100) }),
  z.object({ type: z.literal('add_tag'), tag: z.string().trim().min(1).max(40) }),
  z.object({ type: z.literal('assign_team'), teamId: z.string().min(1).max(100) }),
  z.object({ type: z.literal('assign_agent'), agentId: z.string().min(1).max(100) }),
  /** Escalation always carries a hand-off note; without `toLevel` it goes one level up. */
  z.object({
    type: z.literal('escalate'),
    note: z.string().trim().min(10).max(2000),
    toLevel: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
    teamId: z.string().max(100).optional(),
    agentId: z.string().max(100).optional(),
  }),
  z.object({
    type: z.literal('notify'),
    target: z.enum(NOTIFY_TARGETS),
    agentId: z.string().max(100).optional(),
    teamId: z.string().max(100).optional(),
    message: z.string().max(200).optional(),
  }),
  z.object({ type: z.literal('add_note'), text: z.string().trim().min(1).max(2000) }),
  z.object({ type: z.literal('send_template'), templateId: z.string().min(1).max(100) }),
]);
export type Action = z.infer<typeof ActionSchema>;

export const ConditionSchema = z.object({
  field: z.enum(CONDITION_FIELDS),
  op: z.enum(CONDITION_OPS),
  value: z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string()), z.array(z.number())]),
});
export type Condition = z.infer<typeof ConditionSchema>;
export type ConditionValue = Condition['value'];

/** A rule as an admin writes it (POST, PUT, and a draft in the dry run). */
export const RuleInputSchema = z.object({
  name: z.string().trim().min(1).max(100),
  enabled: z.boolean().default(true),
  /** Lower runs first; ties run in id order. */
  order: z.number().int().min(0).max(10_000).default(100),
  event: z.enum(RULE_EVENTS),
  conditions: z.array(ConditionSchema).max(20).default([]),
  actions: z.array(ActionSchema).min(1).max(20),
  /** When this rule fires, later rules for the same event are not evaluated. */
  stopProcessing: z.boolean().default(false),
});
export type RuleInput = z.infer<typeof RuleInputSchema>;

export const RuleSchema = z.object({ id: z.string(), ...RuleInputSchema.shape });
export type Rule = z.infer<typeof RuleSchema>;

// The dry run.

export const DryRunBody = z.object({
  conversationId: z.string().max(100),
  event: z.enum(RULE_EVENTS),
  /** A sample message text for `keywords` conditions. */
  text: z.string().max(5000).optional(),
  /** A draft rule to try instead of the saved rules. */
  rule: RuleInputSchema.optional(),
});

/** What rules can see about a conversation at the time of an event. */
export const RuleFactsSchema = z.object({
  conversation: z.object({
    id: z.string().optional(),
    /** Channel kind, e.g. "x", "line", "email", "webchat". */
    channel: z.string(),
    status: z.enum(CONVERSATION_STATUSES),
    level: ConversationLevelSchema,
    priority: z.number().int(),
    sentiment: z.string().nullable(),
    categories: z.array(z.string()),
    tags: z.array(z.string()),
    assigneeId: z.string().nullable(),
    teamId: z.string().nullable(),
  }),
  /** The message that caused the event; `keywords` conditions read its text. */
  message: z.object({ text: z.string() }).nullable().optional(),
  customer: z.object({ id: z.string().optional(), tags: z.array(z.string()), vip: z.boolean() }),
  /** Whether the workspace was inside business hours when the event happened. */
  withinBusinessHours: z.boolean(),
});
export type RuleFacts = z.infer<typeof RuleFactsSchema>;

/** What one action changed, as data: the web app says it in the reader's words, with names for ids. */
export const RuleChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('level'), from: z.number().int(), to: z.number().int() }),
  z.object({ kind: z.literal('priority'), from: z.number().int(), to: z.number().int() }),
  z.object({ kind: z.literal('tag'), tag: z.string() }),
  z.object({ kind: z.literal('team'), teamId: z.string() }),
  z.object({ kind: z.literal('assignee'), agentId: z.string() }),
  z.object({
    kind: z.literal('escalate'),
    from: z.number().int(),
    to: z.number().int(),
    agentId: z.string().nullable(),
    teamId: z.string().nullable(),
    note: z.string(),
  }),
  z.object({
    kind: z.literal('notify'),
    target: z.enum(NOTIFY_TARGETS),
    agentId: z.string().nullable(),
    teamId: z.string().nullable(),
  }),
  z.object({ kind: z.literal('note'), text: z.string() }),
  z.object({ kind: z.literal('template'), templateId: z.string() }),
]);
export type RuleChange = z.infer<typeof RuleChangeSchema>;

/** Why a rule did not fire (or an action was dropped), as data. */
export const SkipSchema = z.object({
  ruleId: z.string(),
  code: z.enum([
    'loop_guard',
    'disabled',
    'stopped_by',
    'already_fired',
    'invalid',
    'condition_not_met',
    'template_refused',
  ]),
  /** The same in English, for logs and API clients. */
  reason: z.string(),
  /** stopped_by: the rule that stopped later ones. */
  rule: z.string().optional(),
  /** condition_not_met: the condition that failed. */
  condition: ConditionSchema.optional(),
});
export type Skip = z.infer<typeof SkipSchema>;

export const FiredRuleSchema = z.object({
  ruleId: z.string(),
  ruleName: z.string(),
  actions: z.array(ActionSchema),
  /** Readable lines (English) for what changed, e.g. "level L1 → L3": for logs and API clients. */
  changes: z.array(z.string()),
  /** The same changes as data. */
  edits: z.array(RuleChangeSchema),
});
export type FiredRule = z.infer<typeof FiredRuleSchema>;

/** What the rules would do to the sample conversation; nothing is performed or stored. */
export const DryRunResultSchema = z.object({
  fired: z.array(FiredRuleSchema),
  /** Every action to carry out, in rule order. */
  actions: z.array(ActionSchema),
  skipped: z.array(SkipSchema),
  /** The facts after the fired rules' actions (the same as `after`). */
  facts: RuleFactsSchema,
  before: RuleFactsSchema,
  after: RuleFactsSchema,
  /** Every change in order, prefixed with the rule that made it. */
  changes: z.array(z.string()),
  /** The same as data, with the rule's name. */
  edits: z.array(z.object({ rule: z.string(), change: RuleChangeSchema })),
});
export type DryRunResult = z.infer<typeof DryRunResultSchema>;

// Reply templates.

export const ReplyTemplateSchema = z.object({
  id: z.string(),
  name: z.string(),
  body: z.string(),
  createdAt: z.string(),
});
export type ReplyTemplate = z.infer<typeof ReplyTemplateSchema>;

export const TemplateBody = z.object({
  name: z.string().trim().min(1).max(100),
  body: z.string().trim().min(1).max(5000),
});
