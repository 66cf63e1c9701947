import { useState, type KeyboardEvent } from 'react';
import { Box, Button, Group, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSendMessage } from '../../api/conversations';
import { ErrorAlert } from '../../components/ErrorAlert';

const MAX_LENGTH = 5000;

/** Reply to the customer or add a private note; Ctrl/Cmd+Enter sends. */
export function Composer({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [isPrivate, setPrivate] = useState(false);
  const send = useSendMessage(conversationId);
  const trimmed = text.trim();
  const tooLong = text.length > MAX_LENGTH;
  const canSend = trimmed.length > 0 && !tooLong && !send.isPending;

  const submit = () => {
    if (!canSend) return;
    send.mutate({ text: trimmed, private: isPrivate }, { onSuccess: () => setText('') });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    }
  };

  return (
    <Box
      px="md"
      py="sm"
      bg={isPrivate ? 'yellow.0' : 'white'}
      style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
    >
      <Group gap={4} mb={6} role="group">
        <Button
          size="compact-sm"
          variant={isPrivate ? 'subtle' : 'light'}
          color="teal"
          aria-pressed={!isPrivate}
          onClick={() => setPrivate(false)}
          data-testid="composer-reply-toggle"
        >
          {t('composer.reply')}
        </Button>
        <Button
          size="compact-sm"
          variant={isPrivate ? 'filled' : 'subtle'}
          color={isPrivate ? 'yellow' : 'gray'}
          c={isPrivate ? 'dark' : undefined}
          aria-pressed={isPrivate}
          onClick={() => setPrivate((p) => !p)}
          data-testid="composer-private-toggle"
        >
          {t('composer.note')}
        </Button>
      </Group>
      {send.error && (
        <Box mb="xs">
          <ErrorAlert error={send.error} onClose={() => send.reset()} />
        </Box>
      )}
      <Textarea
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        placeholder={isPrivate ? t('composer.notePlaceholder') : t('composer.replyPlaceholder')}
        aria-label={isPrivate ? t('composer.note') : t('composer.reply')}
        autosize
        minRows={2}
        maxRows={8}
        error={tooLong ? t('composer.tooLong') : undefined}
        data-testid="composer-input"
        styles={isPrivate ? { input: { background: 'var(--mantine-color-yellow-0)', borderColor: 'var(--mantine-color-yellow-5)' } } : undefined}
      />
      <Group justify="space-between" mt={6}>
        <Text size="xs" c="dimmed" visibleFrom="sm">
          {t('composer.shortcut')}
        </Text>
        <Button
          onClick={submit}
          disabled={!canSend}
          loading={send.isPending}
          color={isPrivate ? 'yellow' : 'teal'}
          c={isPrivate ? 'dark' : undefined}
          data-testid="composer-send"
          ml="auto"
        >
          {isPrivate ? t('composer.addNote') : t('composer.send')}
        </Button>
      </Group>
    </Box>
  );
}
