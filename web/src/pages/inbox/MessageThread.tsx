import { useEffect, useRef } from 'react';
import { Box, Center, Loader, ScrollArea, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AmplifyAction, Message } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { MessageBubble } from './MessageBubble';

interface Props {
  messages: Message[] | undefined;
  error: unknown;
  onRetry: () => void;
  /** Public actions the platform allows on the latest customer message (from replyContext.amplify). */
  amplify?: AmplifyAction[];
  /** The customer message those actions apply to (replyContext.amplifyMessageId). */
  amplifyMessageId?: string | null;
  /** A message to bring into view and mark (a search result opened the conversation there). */
  focusMessageId?: string | null;
}

// Within this distance of the bottom we assume the agent is following the live conversation.
const STICK_TO_BOTTOM_PX = 120;

export function MessageThread({ messages, error, onRetry, amplify, amplifyMessageId, focusMessageId }: Props) {
  const { t } = useTranslation();
  const viewport = useRef<HTMLDivElement>(null);
  const wasAtBottom = useRef(true);
  const count = messages?.length ?? 0;
  // The server reports what is possible on the latest public customer message only.
  const amplifyTarget = amplify?.length ? (amplifyMessageId ?? undefined) : undefined;

  // Follow new messages, but do not yank the view away from someone reading older ones.
  useEffect(() => {
    const el = viewport.current;
    if (el && wasAtBottom.current) el.scrollTop = el.scrollHeight;
  }, [count]);

  // Opened from a search result: the matching message in the middle of the view, marked for a few seconds.
  const loaded = messages !== undefined;
  useEffect(() => {
    if (!loaded || !focusMessageId) return;
    const el = viewport.current?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(focusMessageId)}"]`);
    if (!el) return;
    wasAtBottom.current = false;
    el.scrollIntoView({ block: 'center' });
    el.dataset.focused = 'true';
    const timer = window.setTimeout(() => delete el.dataset.focused, 4000);
    return () => window.clearTimeout(timer);
  }, [loaded, focusMessageId]);

  const onScroll = () => {
    const el = viewport.current;
    if (el) wasAtBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_TO_BOTTOM_PX;
  };

  if (error) {
    return (
      <Box p="md">
        <ErrorAlert error={error} onRetry={onRetry} />
      </Box>
    );
  }
  if (!messages) {
    return (
      <Center h="100%">
        <Loader size="sm" />
      </Center>
    );
  }

  return (
    <ScrollArea h="100%" type="auto" viewportRef={viewport} onScrollPositionChange={onScroll}>
      <Stack gap="sm" p="md" data-testid="thread">
        {messages.length === 0 && (
          <Text c="dimmed" ta="center" size="sm">
            {t('thread.empty')}
          </Text>
        )}
        {messages.map((message) => (
          <MessageBubble
            key={message.id}
            message={message}
            amplify={message.id === amplifyTarget ? amplify : undefined}
          />
        ))}
      </Stack>
    </ScrollArea>
  );
}
