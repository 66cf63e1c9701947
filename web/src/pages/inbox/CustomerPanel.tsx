import { Anchor, Badge, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { Link, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCustomer } from '../../api/customers';
import type { Conversation } from '../../api/types';
import { ChannelBadge, StatusBadge } from '../../components/badges';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatShortTime } from '../../lib/time';
import { MergeHistory, MergeSuggestions } from './CustomerMerge';

/** Name, channel identities and all past conversations of the conversation's customer. */
export function CustomerPanel({ conversation }: { conversation: Conversation }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const customer = useCustomer(conversation.customer.id);
  // The conversation already carries name and identities; show them before the customer loads.
  const base = customer.data ?? conversation.customer;

  return (
    <Stack gap="sm" data-testid="customer-panel">
      <Stack gap={0}>
        <Text size="xs" c="dimmed" fw={600} tt="uppercase">
          {t('customer.title')}
        </Text>
        <Title order={4} fz="md">
          {base.name}
        </Title>
        {base.email && (
          <Text size="sm" c="dimmed">
            {base.email}
          </Text>
        )}
      </Stack>

      <Stack gap={4}>
        <Text size="xs" c="dimmed" fw={600}>
          {t('customer.identities')}
        </Text>
        {base.identities.length === 0 && <Text size="sm">{t('customer.noIdentities')}</Text>}
        {base.identities.map((identity) => (
          <Group
            key={`${identity.channelId}-${identity.externalId}`}
            gap={6}
            wrap="nowrap"
            data-testid="customer-identity"
          >
            <ChannelBadge kind={identity.channelKind} />
            <Text size="sm" truncate="end" title={identity.externalId}>
              {identity.handle ?? identity.externalId}
            </Text>
          </Group>
        ))}
      </Stack>

      {customer.data && <MergeHistory customer={customer.data} />}
      <MergeSuggestions customerId={conversation.customer.id} customerName={base.name} />

      <Stack gap={4}>
        <Text size="xs" c="dimmed" fw={600}>
          {t('customer.pastConversations')}
        </Text>
        {customer.isPending && <Loader size="xs" />}
        {customer.error && <ErrorAlert error={customer.error} />}
        {customer.data && customer.data.conversations.length === 0 && <Text size="sm">{t('customer.noPast')}</Text>}
        {customer.data?.conversations.map((past) => {
          const current = past.id === conversation.id;
          return (
            <Anchor
              key={past.id}
              component={Link}
              to={`/conversations/${encodeURIComponent(past.id)}${location.search}`}
              underline="never"
              c="inherit"
              p={6}
              bg={current ? 'teal.0' : undefined}
              style={{ borderRadius: 6, border: '1px solid var(--mantine-color-gray-2)' }}
              data-testid="past-conversation"
            >
              <Group justify="space-between" gap={4} wrap="nowrap">
                <Group gap={4} wrap="nowrap">
                  <ChannelBadge kind={past.channel.kind} />
                  <StatusBadge status={past.status} firstResponseAt={past.firstResponseAt} />
                  {current && (
                    <Badge size="xs" variant="outline">
                      {t('customer.current')}
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                  {formatShortTime(past.lastMessageAt, i18n.language)}
                </Text>
              </Group>
              <Text size="xs" c="dimmed" lineClamp={2} mt={2}>
                {past.preview}
              </Text>
            </Anchor>
          );
        })}
      </Stack>
    </Stack>
  );
}
