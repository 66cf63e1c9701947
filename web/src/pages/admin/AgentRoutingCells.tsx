import { useState } from 'react';
import { Badge, Group, NumberInput, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useUpdateCapacity } from '../../api/routing';
import type { Agent, Presence } from '../../api/types';
import { errorMessage } from '../../components/ErrorAlert';

const PRESENCE_COLORS: Record<Presence, string> = { online: 'teal', away: 'yellow', offline: 'gray' };

export function PresenceBadge({ presence }: { presence: Presence | undefined }) {
  const { t } = useTranslation();
  const p = presence ?? 'offline';
  return (
    <Badge size="sm" variant="dot" color={PRESENCE_COLORS[p]} data-testid="agent-presence" data-presence={p}>
      {t(`presence.${p}`)}
    </Badge>
  );
}

/** Capacity (open conversations at once) edited in place; saved on blur or Enter. */
export function CapacityInput({ agent }: { agent: Agent }) {
  const { t } = useTranslation();
  const update = useUpdateCapacity();
  const [value, setValue] = useState<number | string>(agent.capacity ?? 5);
  const save = () => {
    const capacity = Number(value);
    if (!Number.isInteger(capacity) || capacity === agent.capacity) return;
    update.mutate({ id: agent.id, capacity });
  };
  return (
    <Group gap={4} wrap="nowrap">
      <NumberInput
        size="xs"
        w={72}
        min={0}
        max={100}
        value={value}
        onChange={setValue}
        onBlur={save}
        onKeyDown={(e) => e.key === 'Enter' && save()}
        aria-label={t('agents.capacity')}
        error={update.error ? errorMessage(update.error, t) : undefined}
        disabled={update.isPending}
        data-testid="agent-capacity"
      />
      {update.isSuccess && (
        <Text size="xs" c="teal">
          ✓
        </Text>
      )}
    </Group>
  );
}
