import { Box, Center, Drawer, Loader, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useConversation, useMessages } from '../../api/conversations';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ConversationHeader } from './ConversationHeader';
import { MessageThread } from './MessageThread';
import { PublicFollowUpCard } from './PublicFollowUpCard';
import { ApprovalCard } from './ApprovalCard';
import { Composer, latestReplyOf } from './Composer';
import { ConversationSidePanel } from './ConversationSidePanel';
import { FlagBanner } from './FlagBanner';
import { NeedsLookBanner } from './NeedsLookBanner';
import { HandoffCard } from './HandoffCard';

interface Props {
  id: string;
  /** Set on phones, where the list is a separate screen. */
  backHref?: string;
}

/** One conversation: header with status/assignee, thread, composer, and the customer side panel. */
export function ConversationView({ id, backHref }: Props) {
  const { t } = useTranslation();
  const conversation = useConversation(id);
  const messages = useMessages(id);
  const [params] = useSearchParams();
  const focusMessageId = params.get('message');
  // The side panel gets its own column only when there is room for it next to the thread.
  const wide = useMediaQuery('(min-width: 75em)', true, { getInitialValueInEffect: false });
  const [detailsOpened, details] = useDisclosure(false);

  if (conversation.isPending) {
    return (
      <Center h="100%">
        <Loader size="sm" />
      </Center>
    );
  }
  if (conversation.error || !conversation.data) {
    const notFound = conversation.error instanceof ApiError && conversation.error.status === 404;
    return (
      <Box p="md">
        {notFound ? (
          <Text c="dimmed">{t('conversation.notFound')}</Text>
        ) : (
          <ErrorAlert error={conversation.error} onRetry={() => void conversation.refetch()} />
        )}
      </Box>
    );
  }

  const data = conversation.data;
  const sidePanel = <ConversationSidePanel conversation={data} />;

  return (
    <Box h="100%" style={{ display: 'flex', minHeight: 0 }} data-testid="conversation-view" data-conversation-id={id}>
      <Stack gap={0} style={{ flex: 1, minWidth: 0, minHeight: 0 }}>
        <ConversationHeader conversation={data} backHref={backHref} onShowDetails={wide ? undefined : details.open} />
        <HandoffCard conversation={data} />
        <ApprovalCard conversation={data} />
        <FlagBanner conversation={data} />
        <NeedsLookBanner key={data.id} conversation={data} />
        <Box style={{ flex: 1, minHeight: 0 }} bg="gray.0">
          <MessageThread
            messages={messages.data}
            error={messages.error}
            onRetry={() => void messages.refetch()}
            amplify={data.replyContext?.amplify}
            amplifyMessageId={data.replyContext?.amplifyMessageId}
            focusMessageId={focusMessageId}
          />
        </Box>
        <PublicFollowUpCard conversation={data} />
        <Composer
          conversationId={id}
          status={data.status}
          replyContext={data.replyContext}
          latestReply={latestReplyOf(messages.data)}
          lastCustomerMessageId={messages.data?.findLast((m) => m.kind === 'customer')?.id ?? null}
        />
      </Stack>
      {wide ? (
        <Box
          w={{ base: 280, xl: 320 }}
          bg="white"
          style={{ flexShrink: 0, borderLeft: '1px solid var(--mantine-color-gray-3)', minHeight: 0 }}
        >
          <ScrollArea h="100%" type="auto">
            {sidePanel}
          </ScrollArea>
        </Box>
      ) : (
        <Drawer
          opened={detailsOpened}
          onClose={details.close}
          position="right"
          size="min(360px, 100%)"
          title={t('conversation.details')}
          closeButtonProps={{ 'aria-label': t('app.close') }}
        >
          {sidePanel}
        </Drawer>
      )}
    </Box>
  );
}
