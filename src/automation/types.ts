// The automation rule model: event → conditions (all must match) → actions.
// Rules are admin data stored as JSON, so every shape here is plain and serialisable.
// The vocabulary and the shapes are the API's own (src/contracts): rules are saved only through those schemas.
export {
  CONDITION_FIELDS,
  CONDITION_OPS,
  NOTIFY_TARGETS,
  RULE_EVENTS,
  type ConditionField,
  type ConditionOp,
  type NotifyTarget,
  type RuleEvent,
} from '../contracts/automation-values';
export type {
  Action,
  Condition,
  ConditionValue,
  FiredRule,
  Rule,
  RuleChange,
  RuleFacts,
  Skip,
} from '../contracts/automation';
import type { Action, FiredRule, RuleFacts, Skip } from '../contracts/automation';

export type Level = 0 | 1 | 2 | 3;
export type ActionType = Action['type'];

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

export interface RuleEvaluation {
  fired: FiredRule[];
  /** All actions to carry out, in rule order. */
  actions: Action[];
  skipped: Skip[];
  /** The facts after the fired rules' actions, as later rules saw them. */
  facts: RuleFacts;
}
