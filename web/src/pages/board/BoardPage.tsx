import { useState } from 'react';
import { Badge, Group, Loader, NativeSelect, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useBoard, type BoardFilter } from '../../api/routing';
import type { BoardStat } from '../../api/routingTypes';
import { ChannelBadge, LevelBadge } from '../../components/badges';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SlaBadge } from '../../components/SlaBadge';
import { durationLabel, useNow } from '../../lib/time';
import { AdminPage } from '../admin/AdminPage';
import { EscalationStatusBadge } from '../inbox/HandoffCard';

const seconds = (t: TFunction, s: number | null) => (s === null ? '–' : durationLabel(t, s * 1000));

/** Supervisor board: escalations in flight (oldest first) and where the process is slow, per level. */
export function BoardPage() {
  const { t } = useTranslation();
  const now = useNow(15_000);
  const [level, setLevel] = useState('');
  const [status, setStatus] = useState('');
  const filter: BoardFilter = {
    ...(level ? { level: Number(level) } : {}),
    ...(status ? { status: status as 'open' | 'accepted' } : {}),
  };
  const board = useBoard(filter);
  const items = board.data?.items ?? [];

  return (
    <AdminPage title={t('board.title')} allow={['admin', 'supervisor']}>
      <Stack gap="md">
        {board.data && <Stats stats={board.data.stats} />}
        <Group gap="sm" align="flex-end">
          <NativeSelect
            size="xs"
            label={t('board.level')}
            value={level}
            onChange={(e) => setLevel(e.currentTarget.value)}
            data={[
              { value: '', label: t('board.allLevels') },
              ...[3, 2, 1].map((l) => ({ value: String(l), label: `L${l}` })),
            ]}
            data-testid="board-filter-level"
          />
          <NativeSelect
            size="xs"
            label={t('board.status')}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value)}
            data={[
              { value: '', label: t('board.allStatuses') },
              { value: 'open', label: t('escalation.statusOpen') },
              { value: 'accepted', label: t('escalation.statusAccepted') },
            ]}
            data-testid="board-filter-status"
          />
          {board.isFetching && <Loader size="xs" />}
        </Group>
        {board.error && <ErrorAlert error={board.error} onRetry={() => void board.refetch()} />}
        <Table.ScrollContainer minWidth={860}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="board-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('board.age')}</Table.Th>
                <Table.Th>{t('board.level')}</Table.Th>
                <Table.Th>{t('board.owner')}</Table.Th>
                <Table.Th>{t('board.conversation')}</Table.Th>
                <Table.Th>{t('board.sla')}</Table.Th>
                <Table.Th>{t('board.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {board.isSuccess && items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text c="dimmed" size="sm" data-testid="board-empty">
                      {t('board.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {items.map((e) => (
                <Table.Tr
                  key={e.id}
                  data-testid="board-row"
                  data-conversation-id={e.conversationId}
                  data-status={e.status}
                >
                  <Table.Td>
                    <Text size="sm" fw={600} c={e.status === 'open' && e.ageSeconds > 300 ? 'red.7' : undefined}>
                      {durationLabel(t, now - Date.parse(e.createdAt))}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <LevelBadge level={e.fromLevel} />
                      <Text size="xs">{e.direction === 'up' ? '→' : '↘'}</Text>
                      <LevelBadge level={e.toLevel} />
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={e.owner ? undefined : 'dimmed'}>
                      {e.owner?.name ?? t('board.nobody')}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('escalation.from', { name: e.from?.name ?? t('escalation.system') })}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={360}>
                    <Group gap={6} wrap="nowrap">
                      <ChannelBadge kind={e.channel.kind} />
                      <Text
                        size="sm"
                        fw={600}
                        component={Link}
                        to={`/conversations/${encodeURIComponent(e.conversationId)}`}
                        c="teal.8"
                      >
                        {e.customer.name}
                      </Text>
                    </Group>
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {e.preview}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <SlaBadge sla={e.sla} now={now} />
                  </Table.Td>
                  <Table.Td>
                    <EscalationStatusBadge status={e.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </AdminPage>
  );
}

function Stats({ stats }: { stats: BoardStat[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6} data-testid="board-stats">
      <Text size="sm" fw={600} c="dimmed">
        {t('board.stats')}
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
        {[3, 2, 1].map((level) => {
          const s = stats.find((x) => x.level === level);
          return (
            <Paper key={level} withBorder p="sm" radius="md" data-testid="board-stat" data-level={level}>
              <Group justify="space-between" mb={4}>
                <Badge variant="outline" color={level === 3 ? 'red' : level === 2 ? 'orange' : 'blue'}>
                  L{level}
                </Badge>
                <Text size="xs" c="dimmed">
                  {t('board.total')} {s?.total ?? 0}
                </Text>
              </Group>
              <StatLine label={t('board.inFlight')} value={String(s?.inFlight ?? 0)} />
              <StatLine label={t('board.toAccept')} value={seconds(t, s?.avgSecondsToAccept ?? null)} />
              <StatLine label={t('board.toResolve')} value={seconds(t, s?.avgSecondsToResolve ?? null)} />
            </Paper>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}

function StatLine({ label, value }: { label: string; value: string }) {
  return (
    <Group justify="space-between" gap="xs">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600}>
        {value}
      </Text>
    </Group>
  );
}
