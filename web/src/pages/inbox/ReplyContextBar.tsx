import { Badge, Button, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ReplyContext } from '../../api/types';
import { ContinuePrivatelyDialog } from './ContinuePrivatelyDialog';

const PUBLIC_KINDS = ['x', 'facebook', 'instagram'] as const;
const PRIVATE_KINDS = ['x', 'facebook', 'instagram', 'line', 'email', 'webchat'] as const;

/** 「公開の返信としてXに投稿されます」: where the next reply lands, in the agent's words. */
export function replyGoesText(ctx: ReplyContext, t: TFunction): string {
  if (ctx.replyGoes === 'public') {
    const kind = (PUBLIC_KINDS as readonly string[]).includes(ctx.channelKind)
      ? (ctx.channelKind as (typeof PUBLIC_KINDS)[number])
      : 'other';
    return t(`replyContext.goesPublic.${kind}`);
  }
  const kind = (PRIVATE_KINDS as readonly string[]).includes(ctx.channelKind)
    ? (ctx.channelKind as (typeof PRIVATE_KINDS)[number])
    : 'other';
  return t(`replyContext.goesPrivate.${kind}`);
}

export function remainingText(ms: number, t: TFunction): string {
  const hours = Math.floor(ms / 3_600_000);
  return hours >= 1
    ? t('replyContext.hours', { count: hours })
    : t('replyContext.minutes', { count: Math.max(1, Math.ceil(ms / 60_000)) });
}

/** Above the composer: where the reply goes, Meta's messaging window, and the move to DMs. */
export function ReplyContextBar({ conversationId, context }: { conversationId: string; context: ReplyContext }) {
  const { t } = useTranslation();
  const [opened, dialog] = useDisclosure(false);
  const publicReply = context.replyGoes === 'public';
  const msgWindow = context.messagingWindow;

  return (
    <Group gap="xs" mb={6} wrap="wrap" justify="space-between">
      <Group gap="xs" wrap="wrap" style={{ minWidth: 0 }}>
        <Text
          size="xs"
          fw={500}
          c={publicReply ? 'orange.8' : 'teal.8'}
          data-testid="reply-goes"
          data-goes={context.replyGoes}
        >
          {replyGoesText(context, t)}
        </Text>
        {msgWindow && (
          <Badge
            size="sm"
            variant="light"
            color={msgWindow.open ? 'blue' : 'red'}
            radius="sm"
            data-testid="messaging-window"
            data-open={msgWindow.open ? 'true' : 'false'}
            style={{ textTransform: 'none' }}
          >
            {msgWindow.open
              ? t('replyContext.windowOpen', { time: remainingText(msgWindow.remainingMs, t) })
              : t('replyContext.windowClosed')}
          </Badge>
        )}
      </Group>
      {context.canContinuePrivately && (
        <Button size="compact-xs" variant="light" color="grape" onClick={dialog.open} data-testid="continue-privately">
          {t('replyContext.continuePrivately')}
        </Button>
      )}
      <ContinuePrivatelyDialog conversationId={conversationId} opened={opened} onClose={dialog.close} />
    </Group>
  );
}
