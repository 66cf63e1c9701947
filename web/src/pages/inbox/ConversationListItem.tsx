import { Badge, Group, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ConversationItem } from '../../api/types';
import { formatShortTime, waitingLabel } from '../../lib/time';
import {
  CategoryBadge,
  ChannelBadge,
  FirstResponderBadge,
  ListeningBadge,
  MarkBadge,
  FlagBadge,
  LevelBadge,
  PriorityBadge,
  SentimentBadge,
  StatusBadge,
} from '../../components/badges';
import { SlaBadge } from '../../components/SlaBadge';
import { incidentIdOf } from '../../api/incidents';
import { IncidentListBadge } from '../incidents/IncidentBadge';
import { useHasDraft } from './useDraft';
import { ListCollisionMarker } from './CollisionNotice';

interface Props {
  item: ConversationItem;
  active: boolean;
  /** Under the keyboard cursor (j/k). */
  cursor?: boolean;
  /** A reply in it waits for the viewer's approval. */
  awaitingApproval?: boolean;
  now: number;
}

export function ConversationListItem({ item, active, cursor = false, awaitingApproval = false, now }: Props) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const waiting = item.waitingSince ? waitingLabel(t, item.waitingSince, now) : null;
  const incidentId = incidentIdOf(item);
  const hasDraft = useHasDraft(item.id);

  return (
    <Link
      to={`/conversations/${encodeURIComponent(item.id)}${location.search}`}
      className="koe-conversation-item"
      data-testid="conversation-item"
      data-conversation-id={item.id}
      data-active={active}
      data-cursor={cursor || undefined}
      data-flag={item.flag ?? undefined}
      data-draft={hasDraft || undefined}
      aria-current={active ? 'page' : undefined}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <Text fw={600} size="sm" truncate="end">
            {item.customer.name}
          </Text>
          {hasDraft && (
            <Badge
              size="xs"
              variant="outline"
              color="red"
              radius="sm"
              style={{ flexShrink: 0 }}
              title={t('composer.draftTitle')}
              data-testid="draft-marker"
            >
              {t('composer.draft')}
            </Badge>
          )}
          {awaitingApproval && (
            <Badge
              size="xs"
              variant="light"
              color="yellow"
              c="dark"
              radius="sm"
              style={{ flexShrink: 0 }}
              data-testid="approval-marker"
            >
              {t('approvals.nav')}
            </Badge>
          )}
        </Group>
        {waiting ? (
          <Text size="xs" c="orange.8" fw={600} style={{ flexShrink: 0 }} data-testid="waiting-time">
            {waiting}
          </Text>
        ) : (
          <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
            {formatShortTime(item.lastMessageAt, i18n.language, now)}
          </Text>
        )}
      </Group>
      <Text size="sm" c="dimmed" lineClamp={2} className="koe-message-text" my={4}>
        {item.preview}
      </Text>
      <ListCollisionMarker conversationId={item.id} />
      <Group justify="space-between" wrap="nowrap" gap={4}>
        <Group gap={4} wrap="wrap">
          <SlaBadge sla={item.sla} now={now} />
          {incidentId && <IncidentListBadge incidentId={incidentId} />}
          <FlagBadge flag={item.flag} />
          <ChannelBadge kind={item.channel.kind} />
          <LevelBadge level={item.level} />
          <MarkBadge mark={item.mark} />
          {item.listening && <ListeningBadge />}
          {item.firstResponder && <FirstResponderBadge />}
          <PriorityBadge priority={item.priority} />
          <SentimentBadge sentiment={item.sentiment} />
          <StatusBadge status={item.status} firstResponseAt={item.firstResponseAt} />
          {item.categories.map((category) => (
            <CategoryBadge key={category} category={category} />
          ))}
        </Group>
        <Text size="xs" c={item.assignee ? 'dark' : 'dimmed'} truncate="end" maw={110} style={{ flexShrink: 0 }}>
          {item.assignee ? item.assignee.name : t('inbox.unassigned')}
        </Text>
      </Group>
    </Link>
  );
}
