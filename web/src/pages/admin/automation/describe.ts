import type { TFunction } from 'i18next';
import type { RuleChange, Skip } from '@contracts/automation';
import { describeCondition } from './ConditionRow';

/** Names for the ids a rule's changes hold (an agent, a team, a saved reply); undefined when unknown. */
export interface RuleNames {
  agent(id: string): string | undefined;
  team(id: string): string | undefined;
  template(id: string): string | undefined;
}

/** One change an automation rule made, in the reader's words: 「レベル L1 → L3」「タグ「返金」を追加」. */
export function describeEdit(t: TFunction, e: RuleChange, names: RuleNames): string {
  const agent = (id: string | null) => (id ? (names.agent(id) ?? t('automation.formerAgent')) : '');
  const team = (id: string | null) => (id ? (names.team(id) ?? t('automation.edits.someTeam')) : '');
  switch (e.kind) {
    case 'level':
      return t('automation.edits.level', { from: e.from, to: e.to });
    case 'priority':
      return t('automation.edits.priority', { from: e.from, to: e.to });
    case 'tag':
      return t('automation.edits.tag', { tag: e.tag });
    case 'team':
      return t('automation.edits.team', { team: team(e.teamId) });
    case 'assignee':
      return t('automation.edits.assignee', { agent: agent(e.agentId) });
    case 'escalate':
      return t('automation.edits.escalate', {
        from: e.from,
        to: e.to,
        target: [agent(e.agentId), team(e.teamId)].filter(Boolean).join('・') || `L${e.to}`,
        note: e.note,
      });
    case 'notify':
      return t('automation.edits.notify', {
        who:
          e.target === 'agent'
            ? agent(e.agentId)
            : e.target === 'team'
              ? team(e.teamId)
              : t(`automation.notifyTargets.${e.target}`),
      });
    case 'note':
      return t('automation.edits.note', { text: e.text });
    case 'template':
      return t('automation.edits.template', {
        name: names.template(e.templateId) ?? t('automation.edits.someTemplate'),
      });
  }
}

/** Why a rule did not fire, in the reader's words. */
export function describeSkip(t: TFunction, s: Skip, names: RuleNames): string {
  switch (s.code) {
    case 'condition_not_met':
      return s.condition
        ? t('automation.skips.condition_not_met', { condition: describeCondition(t, s.condition, names.agent) })
        : t('automation.skips.other');
    case 'stopped_by':
      return t('automation.skips.stopped_by', { rule: s.rule ?? '' });
    default:
      return t(`automation.skips.${s.code}`);
  }
}
