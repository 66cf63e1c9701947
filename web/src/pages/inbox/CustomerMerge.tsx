import { useState } from 'react';
import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMergeCustomer, useMergeSuggestions, useUndoMerge } from '../../api/customers';
import type { Customer, MergeSuggestion } from '../../api/types';
import { ChannelBadge } from '../../components/badges';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatShortTime } from '../../lib/time';

const cardStyle = { borderRadius: 6, border: '1px solid var(--mantine-color-gray-3)' };

/** Other customers who are probably this person; merging moves their identities and conversations here. */
export function MergeSuggestions({ customerId, customerName }: { customerId: string; customerName: string }) {
  const { t } = useTranslation();
  const suggestions = useMergeSuggestions(customerId);
  const merge = useMergeCustomer(customerId);
  const [confirming, setConfirming] = useState<string | null>(null);

  // Nothing to decide: keep the panel quiet rather than showing an empty section.
  if (!suggestions.error && !merge.error && (!suggestions.data || suggestions.data.length === 0)) return null;

  const run = (s: MergeSuggestion) => merge.mutate(s.id, { onSuccess: () => setConfirming(null) });

  return (
    <Stack gap={4} data-testid="merge-suggestions">
      <Text size="xs" c="dimmed" fw={600}>
        {t('merge.title')}
      </Text>
      {suggestions.error && <ErrorAlert error={suggestions.error} onRetry={() => void suggestions.refetch()} />}
      {merge.error && <ErrorAlert error={merge.error} onClose={() => merge.reset()} />}
      {suggestions.data?.map((s) => (
        <Paper key={s.id} p={6} style={cardStyle} data-testid="merge-suggestion" data-customer-id={s.id}>
          <Group justify="space-between" gap={4} wrap="nowrap" align="flex-start">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Text size="sm" fw={600} truncate="end">
                {s.name}
              </Text>
              {s.email && (
                <Text size="xs" c="dimmed" truncate="end">
                  {s.email}
                </Text>
              )}
              <Group gap={4}>
                {s.identities.map((identity) => (
                  <ChannelBadge key={`${identity.channelId}-${identity.externalId}`} kind={identity.channelKind} />
                ))}
                <Badge size="xs" variant="light" color="grape" data-testid="merge-reason" data-reason={s.reason}>
                  {s.reason === 'same_email' ? t('merge.reasonSameEmail') : t('merge.reasonSameName')}
                </Badge>
              </Group>
            </Stack>
            {confirming !== s.id && (
              <Button
                size="compact-xs"
                variant="light"
                onClick={() => setConfirming(s.id)}
                disabled={merge.isPending}
                data-testid="merge-button"
              >
                {t('merge.merge')}
              </Button>
            )}
          </Group>
          {confirming === s.id && (
            <Stack gap={6} mt={6} data-testid="merge-confirm-box">
              <Text size="xs">{t('merge.confirmBody', { source: s.name, target: customerName })}</Text>
              <Group gap={6} justify="flex-end">
                <Button
                  size="compact-xs"
                  variant="default"
                  onClick={() => setConfirming(null)}
                  disabled={merge.isPending}
                >
                  {t('merge.cancel')}
                </Button>
                <Button size="compact-xs" onClick={() => run(s)} loading={merge.isPending} data-testid="merge-confirm">
                  {t('merge.confirm')}
                </Button>
              </Group>
            </Stack>
          )}
        </Paper>
      ))}
    </Stack>
  );
}

/** Merges into this customer that still stand, each with a way back. */
export function MergeHistory({ customer }: { customer: Customer }) {
  const { t, i18n } = useTranslation();
  const undo = useUndoMerge();
  const active = (customer.merges ?? []).filter((m) => !m.undoneAt);
  if (active.length === 0 && !undo.error) return null;

  return (
    <Stack gap={4} data-testid="merge-history">
      <Text size="xs" c="dimmed" fw={600}>
        {t('merge.history')}
      </Text>
      {undo.error && <ErrorAlert error={undo.error} onClose={() => undo.reset()} />}
      {active.map((m) => (
        <Group key={m.id} justify="space-between" gap={4} wrap="nowrap" data-testid="merge-entry" data-merge-id={m.id}>
          <Text size="xs" c="dimmed" truncate="end">
            {t('merge.mergedAt', { name: m.sourceName, time: formatShortTime(m.createdAt, i18n.language) })}
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            color="gray"
            onClick={() => undo.mutate(m.id)}
            loading={undo.isPending && undo.variables === m.id}
            data-testid="merge-undo"
          >
            {t('merge.undo')}
          </Button>
        </Group>
      ))}
    </Stack>
  );
}
