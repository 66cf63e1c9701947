// Rule evaluation: for one event, run the enabled rules in order, match their
// conditions against the facts, and collect the actions to carry out with an
// audit line for every change. Pure: the pipeline performs the actions, the
// dry run only shows them.
import { actionProblem, applyAction } from './actions';
import { conditionMatches, conditionProblem, describeMiss } from './conditions';
import type {
  Action,
  EvaluationOptions,
  FiredRule,
  Rule,
  RuleChange,
  RuleEvaluation,
  RuleEvent,
  RuleFacts,
  Skip,
} from './types';

export type * from './types';
export { applyActions } from './actions';

/** Events caused by rules may trigger rules again; past this depth nothing fires. */
export const MAX_RULE_DEPTH = 3;

const TEMPLATE_REFUSED =
  'template reply dropped: allowed only on private channels when the admin enabled template replies';

/** Problems that stop a rule from being saved (and from firing if stored anyway). */
export function ruleProblems(rule: Rule): string[] {
  const problems: string[] = [];
  if (!rule.name?.trim()) problems.push('rule needs a name');
  if (rule.actions.length === 0) problems.push('rule needs at least one action');
  rule.conditions.forEach((c, i) => {
    const p = conditionProblem(c);
    if (p) problems.push(`condition ${i + 1}: ${p}`);
  });
  rule.actions.forEach((a, i) => {
    const p = actionProblem(a);
    if (p) problems.push(`action ${i + 1}: ${p}`);
  });
  return problems;
}

const byOrder = (a: Rule, b: Rule) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function evaluateRules(
  rules: readonly Rule[],
  event: RuleEvent,
  facts: RuleFacts,
  opts: EvaluationOptions,
): RuleEvaluation {
  const result: RuleEvaluation = { fired: [], actions: [], skipped: [], facts };
  const forEvent = rules.filter((r) => r.event === event).sort(byOrder);

  if (opts.depth > MAX_RULE_DEPTH) {
    for (const r of forEvent) {
      if (r.enabled)
        result.skipped.push({
          ruleId: r.id,
          code: 'loop_guard',
          reason: `loop guard: event chain depth ${opts.depth} exceeds ${MAX_RULE_DEPTH}`,
        });
    }
    return result;
  }

  const alreadyFired = new Set(opts.alreadyFired ?? []);
  const templatesAllowed = opts.allowTemplateReplies && opts.channelIsPrivate;
  let stoppedBy: Rule | null = null;

  for (const rule of forEvent) {
    const skip = (code: Skip['code'], reason: string, extra: Partial<Skip> = {}) =>
      result.skipped.push({ ruleId: rule.id, code, reason, ...extra });
    if (!rule.enabled) {
      skip('disabled', 'disabled');
      continue;
    }
    if (stoppedBy) {
      skip('stopped_by', `stopped by rule "${stoppedBy.name}"`, { rule: stoppedBy.name });
      continue;
    }
    if (alreadyFired.has(rule.id)) {
      skip('already_fired', 'already fired in this event chain');
      continue;
    }
    const problems = ruleProblems(rule);
    if (problems.length > 0) {
      skip('invalid', `invalid rule: ${problems.join('; ')}`);
      continue;
    }
    // Later rules see what earlier rules changed, so "if level is 3 then notify" works after "set level 3".
    const miss = rule.conditions.find((c) => !conditionMatches(c, result.facts));
    if (miss) {
      skip('condition_not_met', `condition not met: ${describeMiss(miss, result.facts)}`, { condition: miss });
      continue;
    }

    const fired: FiredRule = { ruleId: rule.id, ruleName: rule.name, actions: [], changes: [], edits: [] };
    for (const action of rule.actions) {
      if (action.type === 'send_template' && !templatesAllowed) {
        skip('template_refused', TEMPLATE_REFUSED);
        continue;
      }
      const { facts: next, change, edit } = applyAction(result.facts, action);
      result.facts = next;
      fired.actions.push(action);
      if (change) fired.changes.push(change);
      if (edit) fired.edits.push(edit);
    }
    result.fired.push(fired);
    result.actions.push(...fired.actions);
    alreadyFired.add(rule.id);
    if (rule.stopProcessing) stoppedBy = rule;
  }
  return result;
}

/**
 * Options for evaluating an event that this evaluation's actions caused (for
 * example `conversation.escalated` after an escalate action): one level deeper,
 * and the rules that fired here cannot fire again in the chain.
 */
export function followUpOptions(opts: EvaluationOptions, evaluation: RuleEvaluation): EvaluationOptions {
  return {
    ...opts,
    depth: opts.depth + 1,
    alreadyFired: [...(opts.alreadyFired ?? []), ...evaluation.fired.map((f) => f.ruleId)],
  };
}

export interface DryRunResult extends RuleEvaluation {
  before: RuleFacts;
  after: RuleFacts;
  /** Every change in order, prefixed with the rule that made it. */
  changes: string[];
  edits: { rule: string; change: RuleChange }[];
}

/** "What would happen if this sample conversation hit this event?" — nothing is performed or persisted. */
export function dryRun(
  rules: readonly Rule[],
  event: RuleEvent,
  facts: RuleFacts,
  opts: EvaluationOptions,
): DryRunResult {
  const before = structuredClone(facts);
  const evaluation = evaluateRules(rules, event, structuredClone(facts), opts);
  return {
    ...evaluation,
    before,
    after: evaluation.facts,
    changes: evaluation.fired.flatMap((f) => f.changes.map((c) => `${f.ruleName}: ${c}`)),
    edits: evaluation.fired.flatMap((f) => f.edits.map((change) => ({ rule: f.ruleName, change }))),
  };
}

/** The events an action list will cause, so the pipeline can evaluate them with `followUpOptions`. */
export function eventsCausedBy(actions: readonly Action[]): RuleEvent[] {
  const events = new Set<RuleEvent>();
  for (const a of actions) {
    if (a.type === 'escalate') events.add('conversation.escalated');
    else if (a.type !== 'notify' && a.type !== 'add_note' && a.type !== 'send_template')
      events.add('conversation.updated');
  }
  return [...events];
}
