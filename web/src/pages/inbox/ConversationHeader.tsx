import { ActionIcon, Badge, Button, Group, NativeSelect, Stack, Text, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { onPage } from '../../lib/hotkeys';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useUpdateConversation } from '../../api/conversations';
import { useAgents } from '../../api/admin';
import { useMe } from '../../api/session';
import { CONVERSATION_STATUSES, type Conversation, type ConversationStatus } from '../../api/types';
import {
  ChannelBadge,
  FirstResponderBadge,
  ListeningBadge,
  MarkBadge,
  LevelBadge,
  PriorityBadge,
  SentimentBadge,
  statusKey,
} from '../../components/badges';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SlaBadge } from '../../components/SlaBadge';
import { useNow } from '../../lib/time';
import { EscalateButton } from './EscalateDialog';
import { incidentIdOf } from '../../api/incidents';
import { IncidentLinkBadge } from '../incidents/IncidentBadge';

interface Props {
  conversation: Conversation;
  backHref?: string;
  onShowDetails?: () => void;
}

const UNASSIGNED = '';

const isConflict = (error: unknown) => error instanceof ApiError && error.status === 409;

export function ConversationHeader({ conversation, backHref, onShowDetails }: Props) {
  const { t } = useTranslation();
  const me = useMe().data?.agent;
  const agents = useAgents().data ?? [];
  const update = useUpdateConversation(conversation.id);
  const mine = Boolean(me && conversation.assignee?.id === me.id);
  const now = useNow(15_000);
  const incidentId = incidentIdOf(conversation);

  const assignMe = () => me && !mine && !update.isPending && update.mutate({ assigneeId: me.id });
  // Keyboard: e resolves (from open or pending), a assigns the conversation to me.
  useHotkeys([
    [
      'e',
      onPage(
        () =>
          (conversation.status === 'open' || conversation.status === 'pending') &&
          !update.isPending &&
          update.mutate({ status: 'resolved' }),
      ),
    ],
    ['a', onPage(assignMe)],
  ]);

  // Keep the current assignee selectable even if deactivated since.
  const assignable = agents.filter((a) => a.active || a.id === conversation.assignee?.id);
  const assigneeOptions = [
    { value: UNASSIGNED, label: t('inbox.unassigned') },
    ...assignable.map((a) => ({ value: a.id, label: a.name })),
  ];
  if (conversation.assignee && !assignable.some((a) => a.id === conversation.assignee?.id)) {
    assigneeOptions.push({ value: conversation.assignee.id, label: conversation.assignee.name });
  }

  return (
    <Stack gap="xs" px="md" py="sm" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
          {backHref && (
            <ActionIcon
              component={Link}
              to={backHref}
              variant="subtle"
              color="gray"
              aria-label={t('conversation.backToList')}
              data-testid="back-to-list"
            >
              <span aria-hidden="true">←</span>
            </ActionIcon>
          )}
          <Text component="h2" fw={700} fz="lg" m={0} truncate="end">
            {conversation.customer.name}
          </Text>
          <Tooltip label={t('conversation.reference')} withArrow>
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }} data-testid="conversation-reference">
              #{conversation.reference}
            </Text>
          </Tooltip>
        </Group>
        {onShowDetails && (
          <Button size="xs" variant="light" onClick={onShowDetails} style={{ flexShrink: 0 }}>
            {t('conversation.details')}
          </Button>
        )}
      </Group>
      <Group gap={6}>
        <ChannelBadge kind={conversation.channel.kind} />
        <Text size="xs" c="dimmed">
          {conversation.channel.name}
        </Text>
        <LevelBadge level={conversation.level} />
        <MarkBadge mark={conversation.mark} size="sm" />
        {conversation.listening && <ListeningBadge size="sm" />}
        {conversation.firstResponder && <FirstResponderBadge />}
        <PriorityBadge priority={conversation.priority} />
        <SentimentBadge sentiment={conversation.sentiment} />
        <SlaBadge sla={conversation.sla} now={now} size="sm" />
        {conversation.approval?.status === 'pending' && (
          <Badge size="sm" variant="light" color="yellow" c="dark" data-testid="approval-pending-badge">
            {t('approvals.badge')}
          </Badge>
        )}
        {incidentId && <IncidentLinkBadge incidentId={incidentId} />}
      </Group>
      <Group gap="xs" align="flex-end">
        <NativeSelect
          size="xs"
          label={t('conversation.status')}
          data-testid="status-select"
          value={conversation.status}
          disabled={update.isPending}
          onChange={(e) => update.mutate({ status: e.currentTarget.value as ConversationStatus })}
          data={CONVERSATION_STATUSES.map((s) => ({ value: s, label: t(statusKey(s, conversation.firstResponseAt)) }))}
          w={120}
        />
        <NativeSelect
          size="xs"
          label={t('conversation.assignee')}
          data-testid="assignee-select"
          value={conversation.assignee?.id ?? UNASSIGNED}
          disabled={update.isPending}
          onChange={(e) => update.mutate({ assigneeId: e.currentTarget.value || null })}
          data={assigneeOptions}
          w={160}
        />
        {/* Stays clickable when already mine (a no-op) so the action is always predictable. */}
        <Button
          size="xs"
          variant={mine ? 'outline' : 'light'}
          data-testid="assign-me"
          aria-pressed={mine}
          disabled={!me}
          loading={update.isPending && update.variables?.assigneeId === me?.id}
          onClick={assignMe}
        >
          {t('conversation.assignMe')}
        </Button>
        <EscalateButton conversation={conversation} />
      </Group>
      {update.error && (
        <ErrorAlert
          error={update.error}
          summary={isConflict(update.error) ? t('conversation.illegalTransition') : undefined}
          onClose={() => update.reset()}
        />
      )}
    </Stack>
  );
}
