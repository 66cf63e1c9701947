import { Badge, Box, Button, Group, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAcceptEscalation, useTeams } from '../../api/routing';
import type { Conversation, Escalation } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { durationLabel, useNow } from '../../lib/time';

/** Who handed the conversation on, from which level to which, and why: a label for the escalation target. */
export function useEscalationTarget() {
  const teams = useTeams().data ?? [];
  return (e: Escalation) => e.to?.name ?? teams.find((team) => team.id === e.toTeamId)?.name ?? null;
}

export function EscalationStatusBadge({ status }: { status: Escalation['status'] }) {
  const { t } = useTranslation();
  const key = status === 'open' ? 'statusOpen' : status === 'accepted' ? 'statusAccepted' : 'statusResolved';
  return (
    <Badge
      size="xs"
      variant={status === 'open' ? 'filled' : 'light'}
      color={status === 'open' ? 'orange' : 'gray'}
      data-testid="escalation-status"
      data-status={status}
    >
      {t(`escalation.${key}`)}
    </Badge>
  );
}

/** The open hand-off at the top of the conversation: from → to, age, the note, and 「受け付ける」. */
export function HandoffCard({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const now = useNow(15_000);
  const accept = useAcceptEscalation(conversation.id);
  const targetOf = useEscalationTarget();
  const e = conversation.openEscalation;
  if (!e) return null;
  const target = targetOf(e);
  const up = e.direction === 'up';

  return (
    <Box px="md" pt="sm" bg="white">
      <Paper
        withBorder
        p="sm"
        radius="md"
        bg={up ? 'orange.0' : 'blue.0'}
        style={{ borderColor: `var(--mantine-color-${up ? 'orange' : 'blue'}-3)` }}
        data-testid="handoff-card"
        data-status={e.status}
      >
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          <Group gap={6} wrap="wrap">
            <Text fw={700} size="sm">
              {up ? t('escalation.handoff') : t('escalation.handoffDown')}
            </Text>
            <Text size="sm" fw={600} data-testid="handoff-levels">
              L{e.fromLevel} → L{e.toLevel}
              {target ? `（${target}）` : ''}
            </Text>
            <EscalationStatusBadge status={e.status} />
            <Text size="xs" c="dimmed">
              {t('escalation.from', { name: e.from?.name ?? t('escalation.system') })} ·{' '}
              {now - Date.parse(e.createdAt) < 60_000
                ? t('time.justNow')
                : t('escalation.ago', { time: durationLabel(t, now - Date.parse(e.createdAt)) })}
            </Text>
          </Group>
          {e.status === 'open' && (
            <Button
              size="xs"
              color="orange"
              onClick={() => accept.mutate(e.id)}
              loading={accept.isPending}
              data-testid="escalation-accept"
              style={{ flexShrink: 0 }}
            >
              {t('escalation.accept')}
            </Button>
          )}
        </Group>
        <Text
          size="sm"
          mt={6}
          className="koe-message-text"
          data-testid="handoff-note"
          mah={160}
          style={{ overflowY: 'auto' }}
        >
          {e.note}
        </Text>
        {accept.error && <ErrorAlert error={accept.error} onClose={() => accept.reset()} />}
      </Paper>
    </Box>
  );
}
