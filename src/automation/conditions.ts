// Condition matching. Each field has a kind (text, list, number, …) that
// decides which operators make sense; a rule using an operator that does not
// fit its field is rejected when saved and never matches at run time.
import { canonical, containsKeyword } from './keywords';
import { FIELD_KINDS, OPS_BY_KIND } from '../contracts/automation-values';
import type { Condition, ConditionField, ConditionOp, ConditionValue, RuleFacts } from './types';

/** Why a condition is malformed, or null when it is fine. */
export function conditionProblem(c: Condition): string | null {
  const kind = FIELD_KINDS[c.field];
  if (!kind) return `unknown field "${String(c.field)}"`;
  if (!OPS_BY_KIND[kind].includes(c.op)) return `"${c.op}" does not apply to ${c.field}`;
  const v = c.value;
  const isList = Array.isArray(v);
  if (kind === 'number' && !(typeof v === 'number' || (isList && v.every((x) => typeof x === 'number'))))
    return `${c.field} needs a number`;
  if (kind === 'boolean' && typeof v !== 'boolean') return `${c.field} needs true or false`;
  if ((c.op === 'in' || c.op === 'matches_any') && (!isList || v.length === 0))
    return `"${c.op}" needs a non-empty list`;
  if ((c.op === 'gte' || c.op === 'lte') && typeof v !== 'number') return `"${c.op}" needs a number`;
  if (
    (kind === 'text' || kind === 'list') &&
    c.op !== 'in' &&
    c.op !== 'matches_any' &&
    typeof v !== 'string' &&
    !isList
  )
    return `${c.field} needs text`;
  return null;
}

function actual(field: ConditionField, f: RuleFacts): string | number | boolean | null | string[] {
  switch (field) {
    case 'channel':
      return f.conversation.channel;
    case 'categories':
      return f.conversation.categories;
    case 'level':
      return f.conversation.level;
    case 'sentiment':
      return f.conversation.sentiment;
    case 'priority':
      return f.conversation.priority;
    case 'keywords':
      return f.message?.text ?? '';
    case 'customer.tags':
      return f.customer.tags;
    case 'customer.vip':
      return f.customer.vip;
    case 'businessHours':
      return f.withinBusinessHours;
    case 'status':
      return f.conversation.status;
    case 'assignee':
      return f.conversation.assigneeId;
  }
}

const asList = (v: ConditionValue): (string | number)[] =>
  Array.isArray(v) ? v : v === null || typeof v === 'boolean' ? [] : [v];
// "none" is how an admin says "unassigned" in a form; both spellings mean null.
const scalarKey = (v: unknown): string => (v === null || v === 'none' ? '\u0000none' : canonical(String(v)));

function matchScalar(op: ConditionOp, value: ConditionValue, have: unknown): boolean {
  const want: unknown[] = value === null ? [null] : asList(value);
  const hit = want.some((w) => scalarKey(w) === scalarKey(have));
  return op === 'is_not' ? !hit : hit;
}

function matchNumber(op: ConditionOp, value: ConditionValue, have: number): boolean {
  if (op === 'gte') return have >= (value as number);
  if (op === 'lte') return have <= (value as number);
  const hit = asList(value).some((w) => Number(w) === have);
  return op === 'is_not' ? !hit : hit;
}

function matchList(op: ConditionOp, value: ConditionValue, have: string[]): boolean {
  const held = new Set(have.map(canonical));
  const want = asList(value).map((w) => canonical(String(w)));
  // contains/is need every listed value; in/matches_any need one; is_not needs none.
  if (op === 'in' || op === 'matches_any') return want.some((w) => held.has(w));
  if (op === 'is_not') return !want.some((w) => held.has(w));
  return want.length > 0 && want.every((w) => held.has(w));
}

function matchText(op: ConditionOp, value: ConditionValue, text: string): boolean {
  const words = asList(value).map(String);
  if (op === 'matches_any') return words.some((w) => containsKeyword(text, w));
  if (op === 'is_not') return !words.some((w) => containsKeyword(text, w));
  return words.length > 0 && words.every((w) => containsKeyword(text, w));
}

export function conditionMatches(c: Condition, facts: RuleFacts): boolean {
  if (conditionProblem(c)) return false;
  const have = actual(c.field, facts);
  switch (FIELD_KINDS[c.field]) {
    case 'number':
      return matchNumber(c.op, c.value, have as number);
    case 'boolean':
      return c.op === 'is' ? have === c.value : have !== c.value;
    case 'list':
      return matchList(c.op, c.value, have as string[]);
    case 'text':
      return matchText(c.op, c.value, have as string);
    case 'scalar':
      return matchScalar(c.op, c.value, have);
  }
}

/** "level gte 2 (was 1)": the audit and dry-run wording for a condition that did not match. */
export function describeMiss(c: Condition, facts: RuleFacts): string {
  const have = c.field === 'keywords' ? 'no match' : JSON.stringify(actual(c.field, facts));
  return `${c.field} ${c.op} ${JSON.stringify(c.value)} (was ${have})`;
}
