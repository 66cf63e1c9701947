import { Badge, Box, Group, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AmplifyAction, Message } from '../../api/types';
import { langOf } from '../../i18n';
import { formatShortTime } from '../../lib/time';
import { AmplifyActions } from './AmplifyActions';
import { FlagBadge } from '../../components/badges';
import { DeliveryStatus } from './DeliveryStatus';

/** Customer messages on the left; replies and notes (ours) on the right; system lines centred. */
export function MessageBubble({ message, amplify }: { message: Message; amplify?: AmplifyAction[] }) {
  const { t, i18n } = useTranslation();
  const time = formatShortTime(message.createdAt, i18n.language);
  const text = message.localized?.[langOf(i18n.language)] ?? message.text;
  const common = {
    'data-testid': 'message',
    'data-kind': message.kind,
    'data-message-id': message.id,
    'data-flag': message.flag ?? undefined,
  };

  if (message.kind === 'system') {
    return (
      <Text size="xs" c="dimmed" ta="center" className="koe-message-text" py={4} {...common}>
        {text} · {time}
      </Text>
    );
  }

  const ours = message.kind !== 'customer';
  const isNote = message.kind === 'note';
  const background = isNote
    ? 'var(--mantine-color-yellow-0)'
    : ours
      ? 'var(--mantine-color-teal-0)'
      : 'var(--mantine-color-white)';
  const border = isNote
    ? 'var(--mantine-color-yellow-4)'
    : ours
      ? 'var(--mantine-color-teal-2)'
      : 'var(--mantine-color-gray-3)';

  return (
    <Box style={{ display: 'flex', justifyContent: ours ? 'flex-end' : 'flex-start' }} {...common}>
      <Box maw="min(560px, 88%)">
        <Group gap={6} justify={ours ? 'flex-end' : 'flex-start'} mb={2}>
          {isNote && (
            <Badge size="xs" color="yellow" variant="filled" c="dark">
              {t('thread.privateNote')}
            </Badge>
          )}
          <Text size="xs" fw={600}>
            {message.author.name || (ours ? '' : t('thread.customer'))}
          </Text>
          <Text size="xs" c="dimmed">
            {time}
          </Text>
          {/* Which message triage set aside: the others in the thread may well be genuine. */}
          <FlagBadge flag={message.flag} />
        </Group>
        <Paper px="sm" py={8} radius="md" style={{ background, border: `1px solid ${border}` }}>
          <Text size="sm" className="koe-message-text">
            {text}
          </Text>
        </Paper>
        {message.kind === 'customer' && amplify && amplify.length > 0 && (
          <AmplifyActions message={message} actions={amplify} />
        )}
        {message.kind === 'reply' && message.delivery && (
          <DeliveryStatus messageId={message.id} conversationId={message.conversationId} delivery={message.delivery} />
        )}
      </Box>
    </Box>
  );
}
