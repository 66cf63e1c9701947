import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Center,
  Grid,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import {
  useIncident,
  useUnlinkConversations,
  type IncidentConversation,
  type IncidentDetail,
} from '../../api/incidents';
import { ChannelBadge, StatusBadge } from '../../components/badges';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatShortTime } from '../../lib/time';
import { AcknowledgeButton } from './AcknowledgeDialog';
import { ResolveButton } from './ResolveDialog';
import { CategoryBadges, DeclaredLine, IncidentStatusBadge, ReplyProgress, useCanManageIncidents } from './parts';

/** One incident: its approved texts, the linked conversations, and the supervisor's actions. */
export function IncidentDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const incident = useIncident(id);

  return (
    <Box p={{ base: 'sm', sm: 'lg' }} maw={1200}>
      <Anchor component={Link} to="/incidents" size="sm" data-testid="incident-back">
        ← {t('incidents.backToList')}
      </Anchor>
      {incident.isPending && (
        <Center p="xl">
          <Loader size="sm" />
        </Center>
      )}
      {incident.error &&
        (incident.error instanceof ApiError && incident.error.status === 404 ? (
          <Text c="dimmed" mt="md">
            {t('incidents.notFound')}
          </Text>
        ) : (
          <Box mt="md">
            <ErrorAlert error={incident.error} onRetry={() => void incident.refetch()} />
          </Box>
        ))}
      {incident.data && <Detail incident={incident.data} />}
    </Box>
  );
}

function Detail({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const canManage = useCanManageIncidents();
  const open = incident.status === 'open';
  const waiting = incident.conversations.filter((c) => !c.firstResponseAt);
  const replied = incident.conversations.length - waiting.length;

  return (
    <Stack gap="md" mt="sm" data-testid="incident-detail" data-incident-id={incident.id} data-status={incident.status}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          <Title order={2} fz="xl" style={{ minWidth: 0, overflowWrap: 'anywhere' }} data-testid="incident-title">
            {incident.title}
          </Title>
          <IncidentStatusBadge status={incident.status} />
        </Group>
        <CategoryBadges categories={incident.categories} />
        {incident.keywords.length > 0 && (
          <Group gap={4}>
            <Text size="xs" c="dimmed">
              {t('incidents.detail.keywords')}:
            </Text>
            {incident.keywords.map((k) => (
              <Badge key={k} size="xs" variant="outline" color="gray" tt="none">
                {k}
              </Badge>
            ))}
          </Group>
        )}
        <DeclaredLine incident={incident} />
        {open && (
          <Text size="xs" c="dimmed">
            {t(incident.autoAcknowledge ? 'incidents.autoOn' : 'incidents.autoOff')}
          </Text>
        )}
      </Stack>

      <Paper withBorder radius="md" p="sm">
        <Stack gap="sm">
          <ReplyProgress linked={incident.conversations.length} replied={replied} />
          {canManage && open && (
            <Group gap="xs">
              <AcknowledgeButton incident={incident} waiting={waiting.length} />
              <ResolveButton incident={incident} />
            </Group>
          )}
        </Stack>
      </Paper>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Conversations incident={incident} canUnlink={canManage && open} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Texts incident={incident} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function Conversations({ incident, canUnlink }: { incident: IncidentDetail; canUnlink: boolean }) {
  const { t } = useTranslation();
  const unlink = useUnlinkConversations(incident.id);
  return (
    <Stack gap="xs">
      <Text fw={700} size="sm" c="dimmed">
        {t('incidents.detail.conversations')}
      </Text>
      {unlink.error && <ErrorAlert error={unlink.error} onClose={() => unlink.reset()} />}
      <Paper withBorder radius="md" style={{ overflow: 'hidden' }} data-testid="incident-conversations">
        {incident.conversations.length === 0 && (
          <Text size="sm" c="dimmed" p="sm">
            {t('incidents.detail.noConversations')}
          </Text>
        )}
        {incident.conversations.map((c) => (
          <ConversationRow
            key={c.id}
            conversation={c}
            onUnlink={canUnlink ? () => unlink.mutate([c.id]) : undefined}
            unlinking={unlink.isPending && unlink.variables?.includes(c.id)}
          />
        ))}
      </Paper>
    </Stack>
  );
}

function ConversationRow({
  conversation: c,
  onUnlink,
  unlinking,
}: {
  conversation: IncidentConversation;
  onUnlink?: () => void;
  unlinking: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Group
      wrap="nowrap"
      gap={0}
      align="stretch"
      style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
      data-testid="incident-conversation"
      data-conversation-id={c.id}
      data-replied={Boolean(c.firstResponseAt)}
    >
      <Box
        component={Link}
        to={`/conversations/${encodeURIComponent(c.id)}`}
        className="koe-conversation-item"
        style={{ flex: 1, minWidth: 0, borderBottom: 'none', color: 'inherit', textDecoration: 'none' }}
      >
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text fw={600} size="sm" truncate="end">
            {c.customerName}
          </Text>
          <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
            {formatShortTime(c.createdAt, i18n.language)}
          </Text>
        </Group>
        <Text size="sm" c="dimmed" lineClamp={2} className="koe-message-text" my={4}>
          {c.preview}
        </Text>
        <Group gap={4}>
          <ChannelBadge kind={c.channelType} />
          <StatusBadge status={c.status} />
          <Badge
            size="xs"
            radius="sm"
            variant={c.firstResponseAt ? 'light' : 'filled'}
            color={c.firstResponseAt ? 'teal' : 'orange'}
            data-testid="incident-conversation-reply"
          >
            {t(c.firstResponseAt ? 'incidents.detail.repliedBadge' : 'incidents.detail.waitingBadge')}
          </Badge>
        </Group>
      </Box>
      {onUnlink && (
        <Center px="xs" bg="white">
          <Button
            size="compact-xs"
            variant="subtle"
            color="gray"
            onClick={onUnlink}
            loading={unlinking}
            aria-label={t('incidents.detail.unlinkLabel', { name: c.customerName })}
            data-testid="incident-unlink"
          >
            {t('incidents.detail.unlink')}
          </Button>
        </Center>
      )}
    </Group>
  );
}

function Texts({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="incident-texts">
      <Text fw={700} size="sm" c="dimmed">
        {t('incidents.detail.texts')}
      </Text>
      <TextBlock label={t('incidents.detail.ackJa')} text={incident.ackJa} testId="incident-ack-ja" />
      <TextBlock label={t('incidents.detail.ackEn')} text={incident.ackEn} testId="incident-ack-en" />
      {incident.followUpJa && (
        <TextBlock label={t('incidents.detail.followUpJa')} text={incident.followUpJa} testId="incident-follow-up-ja" />
      )}
      {incident.followUpEn && (
        <TextBlock label={t('incidents.detail.followUpEn')} text={incident.followUpEn} testId="incident-follow-up-en" />
      )}
    </Stack>
  );
}

function TextBlock({ label, text, testId }: { label: string; text: string; testId: string }) {
  if (!text) return null;
  return (
    <Alert
      variant="light"
      color="gray"
      radius="md"
      title={label}
      data-testid={testId}
      styles={{ title: { fontSize: 'var(--mantine-font-size-xs)' } }}
    >
      <Text size="sm" className="koe-message-text">
        {text}
      </Text>
    </Alert>
  );
}
