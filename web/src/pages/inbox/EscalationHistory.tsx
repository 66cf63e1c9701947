import { Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../api/types';
import { formatShortTime } from '../../lib/time';
import { EscalationStatusBadge, useEscalationTarget } from './HandoffCard';

/** Every escalation and de-escalation of the conversation, newest first. */
export function EscalationHistory({ conversation }: { conversation: Conversation }) {
  const { t, i18n } = useTranslation();
  const targetOf = useEscalationTarget();
  const items = conversation.escalations ?? [];
  return (
    <Stack gap={6} data-testid="escalation-history">
      <Text size="xs" c="dimmed" fw={600}>
        {t('escalation.history')}
      </Text>
      {items.length === 0 && <Text size="sm">{t('escalation.noHistory')}</Text>}
      {items.map((e) => {
        const target = targetOf(e);
        return (
          <Stack key={e.id} gap={2} data-testid="escalation-history-item">
            <Group gap={6}>
              <Text size="sm" fw={600}>
                {e.direction === 'up' ? '↑' : '↓'} L{e.fromLevel} → L{e.toLevel}
                {target ? `（${target}）` : ''}
              </Text>
              <EscalationStatusBadge status={e.status} />
            </Group>
            <Text size="xs" c="dimmed">
              {formatShortTime(e.createdAt, i18n.language)} · {e.from?.name ?? t('escalation.system')}
            </Text>
            <Text size="xs" lineClamp={3} className="koe-message-text">
              {e.note}
            </Text>
          </Stack>
        );
      })}
    </Stack>
  );
}
