import { useState } from 'react';
import { Badge, Box, Button, Center, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useIncidents, type Incident } from '../../api/incidents';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DeclareDialog } from './DeclareDialog';
import { CategoryBadges, DeclaredLine, IncidentStatusBadge, ReplyProgress, useCanManageIncidents } from './parts';

/** Everyone sees incidents (open first, then resolved); supervisors and admins declare them. */
export function IncidentsPage() {
  const { t } = useTranslation();
  const canManage = useCanManageIncidents();
  const list = useIncidents('all');
  const [declaring, setDeclaring] = useState(false);
  const items = list.data ?? [];
  const open = items.filter((i) => i.status === 'open');
  const resolved = items.filter((i) => i.status === 'resolved');

  return (
    <Box p={{ base: 'sm', sm: 'lg' }} maw={1200} data-testid="incidents-page">
      <Group justify="space-between" mb="md" gap="xs">
        <Title order={2} fz="xl">
          {t('incidents.title')}
        </Title>
        {canManage && (
          <Button color="red" onClick={() => setDeclaring(true)} data-testid="incident-declare-open">
            {t('incidents.declare')}
          </Button>
        )}
      </Group>
      {list.isPending && (
        <Center p="xl">
          <Loader size="sm" />
        </Center>
      )}
      {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && (
        <Stack gap="lg">
          <Section
            title={t('incidents.openHeading')}
            count={open.length}
            empty={t('incidents.noOpen')}
            items={open}
            testId="incidents-open"
          />
          <Section
            title={t('incidents.resolvedHeading')}
            count={resolved.length}
            empty={t('incidents.noResolved')}
            items={resolved}
            testId="incidents-resolved"
          />
        </Stack>
      )}
      {!canManage && (
        <Text size="xs" c="dimmed" mt="lg">
          {t('incidents.supervisorsOnly')}
        </Text>
      )}
      <DeclareDialog opened={declaring} onClose={() => setDeclaring(false)} />
    </Box>
  );
}

function Section({
  title,
  count,
  empty,
  items,
  testId,
}: {
  title: string;
  count: number;
  empty: string;
  items: Incident[];
  testId: string;
}) {
  return (
    <Stack gap="xs" data-testid={testId}>
      <Group gap="xs">
        <Text fw={700} size="sm" c="dimmed">
          {title}
        </Text>
        <Badge size="sm" variant="light" color="gray">
          {count}
        </Badge>
      </Group>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          {items.map((incident) => (
            <IncidentCard key={incident.id} incident={incident} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

function IncidentCard({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const open = incident.status === 'open';
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      component={Link}
      to={`/incidents/${encodeURIComponent(incident.id)}`}
      style={{
        textDecoration: 'none',
        color: 'inherit',
        borderLeft: `4px solid var(--mantine-color-${open ? 'red-6' : 'gray-4'})`,
      }}
      data-testid="incident-card"
      data-incident-id={incident.id}
      data-status={incident.status}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
          <Text fw={700} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
            {incident.title}
          </Text>
          <IncidentStatusBadge status={incident.status} />
        </Group>
        <CategoryBadges categories={incident.categories} />
        <DeclaredLine incident={incident} />
        <ReplyProgress linked={incident.linkedCount} replied={incident.acknowledgedCount} />
        {open && (
          <Text size="xs" c="dimmed">
            {t(incident.autoAcknowledge ? 'incidents.autoOn' : 'incidents.autoOff')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
