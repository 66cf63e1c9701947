import { NativeSelect, NumberInput, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAgents } from '../../../api/admin';
import { useTemplates } from '../../../api/automation';
import { useTeams } from '../../../api/routing';
import type { RuleAction, RuleActionType } from '../../../api/routingTypes';

export const ACTION_TYPES: RuleActionType[] = [
  'set_level',
  'set_priority',
  'add_tag',
  'escalate',
  'notify',
  'add_note',
  'send_template',
  'assign_team',
  'assign_agent',
];

/** A fresh action of the given type with sensible defaults. */
export function newAction(type: RuleActionType): RuleAction {
  switch (type) {
    case 'set_level':
      return { type, level: 3 };
    case 'set_priority':
      return { type, priority: 80 };
    case 'add_tag':
      return { type, tag: '' };
    case 'escalate':
      return { type, note: '', toLevel: 3 };
    case 'notify':
      return { type, target: 'supervisors', message: '' };
    case 'add_note':
      return { type, text: '' };
    case 'send_template':
      return { type, templateId: '' };
    case 'assign_team':
      return { type, teamId: '' };
    case 'assign_agent':
      return { type, agentId: '' };
  }
}

/** The parameters of one action; the type itself is chosen by the caller. */
export function ActionParams({ action, onChange }: { action: RuleAction; onChange: (a: RuleAction) => void }) {
  const { t } = useTranslation();
  const templates = useTemplates().data ?? [];
  const teams = useTeams().data ?? [];
  const agents = useAgents().data ?? [];
  const choose = { value: '', label: t('escalation.choose') };
  const levels = [0, 1, 2, 3].map((l) => ({ value: String(l), label: t(`triage.levels.l${l}` as 'triage.levels.l0') }));

  switch (action.type) {
    case 'set_level':
      return (
        <NativeSelect
          size="xs"
          aria-label={t('automation.value')}
          value={String(action.level)}
          onChange={(e) => onChange({ ...action, level: Number(e.currentTarget.value) as 0 | 1 | 2 | 3 })}
          data={levels}
          data-testid="action-level"
        />
      );
    case 'set_priority':
      return (
        <NumberInput
          size="xs"
          aria-label={t('automation.value')}
          value={action.priority}
          min={0}
          max={100}
          onChange={(v) => onChange({ ...action, priority: Number(v) || 0 })}
          w={100}
          data-testid="action-priority"
        />
      );
    case 'add_tag':
      return (
        <TextInput
          size="xs"
          aria-label={t('automation.value')}
          value={action.tag}
          onChange={(e) => onChange({ ...action, tag: e.currentTarget.value })}
          data-testid="action-tag"
        />
      );
    case 'add_note':
      return (
        <TextInput
          size="xs"
          aria-label={t('automation.value')}
          value={action.text}
          onChange={(e) => onChange({ ...action, text: e.currentTarget.value })}
          style={{ flex: 1 }}
          data-testid="action-note-text"
        />
      );
    case 'escalate':
      return (
        <>
          <NativeSelect
            size="xs"
            aria-label={t('escalation.level')}
            value={String(action.toLevel ?? 3)}
            onChange={(e) => onChange({ ...action, toLevel: Number(e.currentTarget.value) as 1 | 2 | 3 })}
            data={levels.slice(1)}
          />
          <Textarea
            size="xs"
            aria-label={t('escalation.note')}
            placeholder={t('escalation.note')}
            value={action.note}
            onChange={(e) => onChange({ ...action, note: e.currentTarget.value })}
            autosize
            minRows={1}
            style={{ flex: 1, minWidth: 200 }}
            data-testid="action-escalate-note"
          />
        </>
      );
    case 'notify':
      return (
        <>
          <NativeSelect
            size="xs"
            aria-label={t('automation.value')}
            value={action.target}
            onChange={(e) => onChange({ ...action, target: e.currentTarget.value as typeof action.target })}
            data={(['assignee', 'supervisors', 'team', 'agent'] as const).map((v) => ({
              value: v,
              label: t(`automation.notifyTargets.${v}`),
            }))}
          />
          {action.target === 'team' && (
            <NativeSelect
              size="xs"
              value={action.teamId ?? ''}
              onChange={(e) => onChange({ ...action, teamId: e.currentTarget.value })}
              data={[choose, ...teams.map((x) => ({ value: x.id, label: x.name }))]}
            />
          )}
          {action.target === 'agent' && (
            <NativeSelect
              size="xs"
              value={action.agentId ?? ''}
              onChange={(e) => onChange({ ...action, agentId: e.currentTarget.value })}
              data={[choose, ...agents.map((x) => ({ value: x.id, label: x.name }))]}
            />
          )}
          <TextInput
            size="xs"
            placeholder={t('automation.value')}
            value={action.message ?? ''}
            onChange={(e) => onChange({ ...action, message: e.currentTarget.value })}
            style={{ flex: 1 }}
          />
        </>
      );
    case 'send_template':
      return (
        <NativeSelect
          size="xs"
          aria-label={t('automation.template')}
          value={action.templateId}
          onChange={(e) => onChange({ ...action, templateId: e.currentTarget.value })}
          data={[choose, ...templates.map((x) => ({ value: x.id, label: x.name }))]}
          data-testid="action-template"
        />
      );
    case 'assign_team':
      return (
        <NativeSelect
          size="xs"
          aria-label={t('escalation.team')}
          value={action.teamId}
          onChange={(e) => onChange({ ...action, teamId: e.currentTarget.value })}
          data={[choose, ...teams.map((x) => ({ value: x.id, label: x.name }))]}
          data-testid="action-team"
        />
      );
    case 'assign_agent':
      return (
        <NativeSelect
          size="xs"
          aria-label={t('escalation.agent')}
          value={action.agentId}
          onChange={(e) => onChange({ ...action, agentId: e.currentTarget.value })}
          data={[choose, ...agents.map((x) => ({ value: x.id, label: x.name }))]}
        />
      );
  }
}
