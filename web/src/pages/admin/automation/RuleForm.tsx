import { useState } from 'react';
import { ActionIcon, Button, Checkbox, Group, NativeSelect, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  RULE_EVENTS,
  type Condition,
  type ConditionField,
  type ConditionOp,
  type ConditionValue,
  type RuleAction,
  type RuleActionType,
  type RuleEvent,
  type RuleInput,
} from '../../../api/routingTypes';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ACTION_TYPES, ActionParams, newAction } from './ActionRow';
import { ConditionRow, type ConditionDraft } from './ConditionRow';

type Row = ConditionDraft;

const NUMERIC: ConditionField[] = ['level', 'priority'];
const BOOLEAN: ConditionField[] = ['businessHours', 'customer.vip'];

/** The text an admin typed, as the value the server expects for this field and operator. */
export function parseValue(field: ConditionField, op: ConditionOp, raw: string): ConditionValue {
  if (BOOLEAN.includes(field)) return raw.trim() !== 'false';
  if (op === 'in' || op === 'matches_any') {
    const parts = raw
      .split(/[,、]/)
      .map((p) => p.trim())
      .filter(Boolean);
    return NUMERIC.includes(field) ? parts.map(Number) : parts;
  }
  if (NUMERIC.includes(field)) return Number(raw);
  return raw.trim();
}

interface Props {
  pending: boolean;
  error: unknown;
  onSubmit: (rule: RuleInput) => void;
  onCancel: () => void;
}

export function RuleForm({ pending, error, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [event, setEvent] = useState<RuleEvent>('message.received');
  const [order, setOrder] = useState<number | string>(100);
  const [stop, setStop] = useState(false);
  const [rows, setRows] = useState<Row[]>([{ field: 'categories', op: 'contains', value: '' }]);
  const [actions, setActions] = useState<RuleAction[]>([newAction('add_tag')]);
  const setAction = (i: number, a: RuleAction) => setActions(actions.map((x, j) => (j === i ? a : x)));

  const submit = () => {
    const conditions: Condition[] = rows
      .filter((r) => r.value.trim() !== '')
      .map((r) => ({ field: r.field, op: r.op, value: parseValue(r.field, r.op, r.value) }));
    onSubmit({
      name: name.trim(),
      enabled: true,
      order: Number(order) || 0,
      event,
      conditions,
      actions,
      stopProcessing: stop,
    });
  };

  return (
    <Stack gap="sm" data-testid="rule-form">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label={t('automation.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          w={260}
          data-testid="rule-name"
        />
        <NativeSelect
          label={t('automation.event')}
          value={event}
          onChange={(e) => setEvent(e.currentTarget.value as RuleEvent)}
          data={RULE_EVENTS.map((v) => ({ value: v, label: t(`automation.events.${v}`) }))}
          data-testid="rule-event"
        />
        <NumberInput label={t('automation.order')} value={order} onChange={setOrder} min={0} max={10000} w={100} />
      </Group>

      <Text size="sm" fw={600}>
        {t('automation.conditions')}
      </Text>
      {rows.map((r, i) => (
        <ConditionRow
          key={i}
          row={r}
          onChange={(next) => setRows(rows.map((x, j) => (j === i ? next : x)))}
          onRemove={() => setRows(rows.filter((_, j) => j !== i))}
        />
      ))}
      <Button
        size="compact-xs"
        variant="subtle"
        w="fit-content"
        onClick={() => setRows([...rows, { field: 'keywords', op: 'matches_any', value: '' }])}
        data-testid="condition-add"
      >
        + {t('automation.addCondition')}
      </Button>

      <Text size="sm" fw={600}>
        {t('automation.actions')}
      </Text>
      {actions.map((a, i) => (
        <Group key={i} gap="xs" wrap="wrap" align="flex-start" data-testid="action-row">
          <NativeSelect
            size="xs"
            aria-label={t('automation.actions')}
            value={a.type}
            onChange={(e) => setAction(i, newAction(e.currentTarget.value as RuleActionType))}
            data={ACTION_TYPES.map((v) => ({ value: v, label: t(`automation.actionTypes.${v}`) }))}
            data-testid="action-type"
          />
          <ActionParams action={a} onChange={(x) => setAction(i, x)} />
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t('automation.remove')}
            onClick={() => setActions(actions.filter((_, j) => j !== i))}
            disabled={actions.length === 1}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      <Button
        size="compact-xs"
        variant="subtle"
        w="fit-content"
        onClick={() => setActions([...actions, newAction('notify')])}
        data-testid="action-add"
      >
        + {t('automation.addAction')}
      </Button>

      <Checkbox
        label={t('automation.stop')}
        checked={stop}
        onChange={(e) => setStop(e.currentTarget.checked)}
        data-testid="rule-stop"
      />
      {Boolean(error) && <ErrorAlert error={error} />}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('app.cancel')}
        </Button>
        <Button onClick={submit} loading={pending} disabled={!name.trim()} data-testid="rule-save">
          {t('app.save')}
        </Button>
      </Group>
    </Stack>
  );
}
