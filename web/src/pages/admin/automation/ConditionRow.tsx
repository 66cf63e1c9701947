import { ActionIcon, Group, MultiSelect, NativeSelect, TextInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useAgents } from '../../../api/admin';
import {
  CONDITION_FIELDS,
  FIELD_KINDS,
  OPS_BY_KIND,
  type ConditionField,
  type ConditionOp,
} from '@contracts/automation-values';
import type { Condition } from '../../../api/routingTypes';
import { CATEGORIES, CHANNEL_KINDS, CONVERSATION_STATUSES, SENTIMENTS } from '../../../api/types';

/** A condition as the form holds it: the value as text (lists comma-separated), parsed on save. */
export interface ConditionDraft {
  field: ConditionField;
  op: ConditionOp;
  value: string;
}

/** i18n keys cannot hold a dot: `customer.tags` → `customer_tags`. */
const fieldKey = (f: ConditionField) => f.replace('.', '_') as 'channel';

/** The choices a field's value can take, with the reader's labels; null for free text and numbers. */
function useChoices(field: ConditionField): { value: string; label: string }[] | null {
  const { t } = useTranslation();
  const agents = useAgents().data ?? [];
  switch (field) {
    case 'categories':
      return CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }));
    case 'sentiment':
      return SENTIMENTS.map((s) => ({ value: s, label: t(`sentiment.${s}`) }));
    case 'status':
      return CONVERSATION_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }));
    case 'channel':
      return CHANNEL_KINDS.map((k) => ({ value: k, label: t(`channelKind.${k}`) }));
    case 'level':
      return ['0', '1', '2', '3'].map((l) => ({ value: l, label: `L${l}` }));
    case 'assignee':
      return [
        { value: 'none', label: t('inbox.unassigned') },
        ...agents.filter((a) => a.active).map((a) => ({ value: a.id, label: a.name })),
      ];
    case 'businessHours':
    case 'customer.vip':
      return [
        { value: 'true', label: t('automation.yes') },
        { value: 'false', label: t('automation.no') },
      ];
    default:
      return null;
  }
}

/** One condition: field, the operators that fit it, and a value input that offers the field's own choices. */
export function ConditionRow({
  row,
  onChange,
  onRemove,
}: {
  row: ConditionDraft;
  onChange: (next: ConditionDraft) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const choices = useChoices(row.field);
  const ops = OPS_BY_KIND[FIELD_KINDS[row.field]];
  const many = row.op === 'in' || row.op === 'matches_any';
  const listed = row.value
    .split(/[,、]/)
    .map((v) => v.trim())
    .filter(Boolean);
  return (
    <Group gap="xs" wrap="nowrap" data-testid="condition-row">
      <NativeSelect
        size="xs"
        aria-label={t('automation.field')}
        value={row.field}
        onChange={(e) => {
          const field = e.currentTarget.value as ConditionField;
          const allowed = OPS_BY_KIND[FIELD_KINDS[field]];
          onChange({ field, op: allowed.includes(row.op) ? row.op : allowed[0]!, value: '' });
        }}
        data={CONDITION_FIELDS.map((f) => ({ value: f, label: t(`automation.fields.${fieldKey(f)}`) }))}
        data-testid="condition-field"
      />
      <NativeSelect
        size="xs"
        aria-label={t('automation.op')}
        value={row.op}
        onChange={(e) => onChange({ ...row, op: e.currentTarget.value as ConditionOp, value: '' })}
        data={ops.map((op) => ({ value: op, label: t(`automation.ops.${op}`) }))}
        data-testid="condition-op"
      />
      {choices && many ? (
        <MultiSelect
          size="xs"
          aria-label={t('automation.value')}
          data={choices}
          value={listed}
          onChange={(v) => onChange({ ...row, value: v.join(',') })}
          style={{ flex: 1 }}
          data-testid="condition-value"
        />
      ) : choices ? (
        <NativeSelect
          size="xs"
          aria-label={t('automation.value')}
          data={[{ value: '', label: t('automation.choose') }, ...choices]}
          value={row.value}
          onChange={(e) => onChange({ ...row, value: e.currentTarget.value })}
          style={{ flex: 1 }}
          data-testid="condition-value"
        />
      ) : (
        <TextInput
          size="xs"
          aria-label={t('automation.value')}
          placeholder={t(many ? 'automation.valueListHint' : 'automation.valueHint')}
          value={row.value}
          onChange={(e) => onChange({ ...row, value: e.currentTarget.value })}
          style={{ flex: 1 }}
          data-testid="condition-value"
        />
      )}
      <ActionIcon variant="subtle" color="gray" aria-label={t('automation.remove')} onClick={onRemove}>
        ×
      </ActionIcon>
    </Group>
  );
}

/** A saved condition in words: 「分類 が次を含む 請求トラブル」. */
export function describeCondition(t: TFunction, c: Condition, agentName: (id: string) => string | undefined): string {
  const one = (v: unknown): string => {
    const s = String(v);
    switch (c.field) {
      case 'categories':
        return (CATEGORIES as readonly string[]).includes(s) ? t(`category.${s as 'spam'}`) : s;
      case 'sentiment':
        return (SENTIMENTS as readonly string[]).includes(s) ? t(`sentiment.${s as 'neutral'}`) : s;
      case 'status':
        return (CONVERSATION_STATUSES as readonly string[]).includes(s) ? t(`status.${s as 'open'}`) : s;
      case 'channel':
        return (CHANNEL_KINDS as readonly string[]).includes(s) ? t(`channelKind.${s as 'x'}`) : s;
      case 'level':
        return `L${s}`;
      case 'assignee':
        return v === null || s === 'none' ? t('inbox.unassigned') : (agentName(s) ?? t('automation.formerAgent'));
      case 'businessHours':
      case 'customer.vip':
        return v === true || s === 'true' ? t('automation.yes') : t('automation.no');
      default:
        return `「${s}」`;
    }
  };
  const value = Array.isArray(c.value) ? c.value.map(one).join('・') : one(c.value);
  return `${t(`automation.fields.${fieldKey(c.field)}`)} ${t(`automation.ops.${c.op as 'is'}`)} ${value}`;
}
