import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRetryMessage } from '../../api/conversations';
import type { Message } from '../../api/types';
import { errorMessage } from '../../components/ErrorAlert';

interface Props {
  messageId: string;
  conversationId: string;
  delivery: NonNullable<Message['delivery']>;
}

const COLORS = { pending: 'dimmed', sending: 'dimmed', sent: 'teal.7', failed: 'red.7' } as const;
const ICONS = { pending: '…', sending: '…', sent: '✓', failed: '!' } as const;

/** Outbox state of a reply: 送信中 / 送信済み / 失敗 (reason) with a retry button. */
export function DeliveryStatus({ messageId, conversationId, delivery }: Props) {
  const { t } = useTranslation();
  const retry = useRetryMessage(conversationId);
  const failed = delivery.status === 'failed';

  return (
    <Group gap={6} justify="flex-end" mt={2} data-testid="delivery-status" data-status={delivery.status} wrap="wrap">
      <Text size="xs" c={COLORS[delivery.status]} fw={failed ? 600 : 400}>
        <span aria-hidden="true">{ICONS[delivery.status]} </span>
        {t(`delivery.${delivery.status}`)}
        {failed && delivery.error ? `: ${delivery.error}` : ''}
        {failed && delivery.attempts > 0 ? ` (${t('delivery.attempts', { count: delivery.attempts })})` : ''}
      </Text>
      {failed && (
        <Button
          size="compact-xs"
          variant="light"
          color="red"
          loading={retry.isPending}
          onClick={() => retry.mutate(messageId)}
          data-testid="delivery-retry"
        >
          {t('delivery.retry')}
        </Button>
      )}
      {retry.error && (
        <Text size="xs" c="red.7" role="alert">
          {errorMessage(retry.error, t)}
        </Text>
      )}
    </Group>
  );
}
