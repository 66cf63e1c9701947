// Applying rule actions to facts, purely: the pipeline uses the result to
// know what to persist, and the dry run shows it without touching anything.
import { canonical } from './keywords';
import type { RuleChange } from '../contracts/automation';
import type { Action, Level, RuleFacts } from './types';

/** Why an action is malformed, or null when it is fine. */
export function actionProblem(a: Action): string | null {
  switch (a.type) {
    case 'set_level':
      return [0, 1, 2, 3].includes(a.level) ? null : 'level must be 0–3';
    case 'set_priority':
      return Number.isInteger(a.priority) && a.priority >= 0 && a.priority <= 100
        ? null
        : 'priority must be an integer 0–100';
    case 'add_tag':
      return a.tag?.trim() ? null : 'tag is empty';
    case 'assign_team':
      return a.teamId ? null : 'team is missing';
    case 'assign_agent':
      return a.agentId ? null : 'agent is missing';
    // A hand-off without a note loses what was tried and promised, so it is refused.
    case 'escalate':
      return !a.note?.trim()
        ? 'escalation needs a hand-off note'
        : a.toLevel !== undefined && ![1, 2, 3].includes(a.toLevel)
          ? 'escalation level must be 1–3'
          : null;
    case 'notify':
      if (a.target === 'agent' && !a.agentId) return 'notify agent needs an agent';
      if (a.target === 'team' && !a.teamId) return 'notify team needs a team';
      return ['assignee', 'supervisors', 'team', 'agent'].includes(a.target) ? null : 'unknown notification target';
    case 'add_note':
      return a.text?.trim() ? null : 'note is empty';
    case 'send_template':
      return a.templateId ? null : 'template is missing';
    default:
      return `unknown action "${(a as { type: string }).type}"`;
  }
}

function copy(f: RuleFacts): RuleFacts {
  return {
    ...f,
    conversation: { ...f.conversation, categories: [...f.conversation.categories], tags: [...f.conversation.tags] },
    customer: { ...f.customer, tags: [...f.customer.tags] },
    message: f.message ? { ...f.message } : f.message,
  };
}

const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * One action applied to a copy of the facts, with the audit line for what it
 * changed (null when it changed nothing, e.g. a tag that was already there).
 */
export function applyAction(
  facts: RuleFacts,
  action: Action,
): { facts: RuleFacts; change: string | null; edit: RuleChange | null } {
  const f = copy(facts);
  const c = f.conversation;
  const none = { facts: f, change: null, edit: null };
  switch (action.type) {
    case 'set_level': {
      if (c.level === action.level) return none;
      const edit: RuleChange = { kind: 'level', from: c.level, to: action.level };
      c.level = action.level;
      return { facts: f, change: `level L${edit.from} → L${edit.to}`, edit };
    }
    case 'set_priority': {
      if (c.priority === action.priority) return none;
      const edit: RuleChange = { kind: 'priority', from: c.priority, to: action.priority };
      c.priority = action.priority;
      return { facts: f, change: `priority ${edit.from} → ${edit.to}`, edit };
    }
    case 'add_tag': {
      const tag = action.tag.trim();
      if (c.tags.some((t) => canonical(t) === canonical(tag))) return none;
      c.tags.push(tag);
      return { facts: f, change: `tag +${tag}`, edit: { kind: 'tag', tag } };
    }
    case 'assign_team':
      if (c.teamId === action.teamId) return none;
      c.teamId = action.teamId;
      return { facts: f, change: `team → ${action.teamId}`, edit: { kind: 'team', teamId: action.teamId } };
    case 'assign_agent':
      if (c.assigneeId === action.agentId) return none;
      c.assigneeId = action.agentId;
      return { facts: f, change: `assignee → ${action.agentId}`, edit: { kind: 'assignee', agentId: action.agentId } };
    case 'escalate': {
      const from = c.level;
      // Escalation never lowers the level; without a target it goes one step up.
      c.level = Math.max(c.level, action.toLevel ?? Math.min(3, c.level + 1)) as Level;
      if (action.teamId) c.teamId = action.teamId;
      if (action.agentId) c.assigneeId = action.agentId;
      const to = [action.agentId && `agent ${action.agentId}`, action.teamId && `team ${action.teamId}`]
        .filter(Boolean)
        .join(', ');
      return {
        facts: f,
        change: `escalated L${from} → L${c.level}${to ? ` to ${to}` : ''}, note: "${clip(action.note)}"`,
        edit: {
          kind: 'escalate',
          from,
          to: c.level,
          agentId: action.agentId ?? null,
          teamId: action.teamId ?? null,
          note: clip(action.note),
        },
      };
    }
    case 'notify': {
      const who =
        action.target === 'agent'
          ? `agent ${action.agentId}`
          : action.target === 'team'
            ? `team ${action.teamId}`
            : action.target;
      return {
        facts: f,
        change: `notify ${who}`,
        edit: { kind: 'notify', target: action.target, agentId: action.agentId ?? null, teamId: action.teamId ?? null },
      };
    }
    case 'add_note':
      return {
        facts: f,
        change: `private note: "${clip(action.text)}"`,
        edit: { kind: 'note', text: clip(action.text) },
      };
    case 'send_template':
      return {
        facts: f,
        change: `template reply ${action.templateId}`,
        edit: { kind: 'template', templateId: action.templateId },
      };
  }
}

/** The facts after a list of actions, in order; the input is left untouched. */
export function applyActions(facts: RuleFacts, actions: readonly Action[]): RuleFacts {
  return actions.reduce((f, a) => applyAction(f, a).facts, facts);
}
