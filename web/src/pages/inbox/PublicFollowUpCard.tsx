import { useState } from 'react';
import { Box, Button, Group, Paper, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePublicFollowUp } from '../../api/conversations';
import type { Conversation } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';

/**
 * Resolved after moving a public complaint to DMs: everyone who saw the complaint should see it answered. Offers the
 * drafted public reply on the original post (the customer's language), once; the agent edits and sends it.
 */
export function PublicFollowUpCard({ conversation }: { conversation: Conversation }) {
  const offer = conversation.replyContext?.publicFollowUp ?? null;
  // Keyed by the offer so a new resolution starts from a fresh draft.
  return offer ? <FollowUp key={offer.messageId} conversation={conversation} draft={offer.draft} /> : null;
}

function FollowUp({ conversation, draft }: { conversation: Conversation; draft: string }) {
  const { t } = useTranslation();
  const send = usePublicFollowUp(conversation.id);
  const [text, setText] = useState(draft);
  const [dismissed, setDismissed] = useState(false);
  if (dismissed) return null;
  return (
    <Box px="md" py="sm" bg="white" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
      <Paper withBorder p="sm" radius="md" bg="teal.0" data-testid="public-follow-up">
        <Text size="sm" fw={700}>
          {t('followUp.title', { channel: t(`channelKind.${conversation.channel.kind}`) })}
        </Text>
        <Text size="xs" c="dimmed" mb={6}>
          {t('followUp.hint')}
        </Text>
        {send.error && <ErrorAlert error={send.error} onClose={() => send.reset()} />}
        <Textarea
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={2}
          maxRows={6}
          aria-label={t('followUp.title', { channel: t(`channelKind.${conversation.channel.kind}`) })}
          data-testid="public-follow-up-text"
        />
        <Group justify="flex-end" mt={6} gap="xs">
          <Button size="xs" variant="subtle" color="gray" onClick={() => setDismissed(true)}>
            {t('followUp.notNow')}
          </Button>
          <Button
            size="xs"
            color="teal"
            disabled={!text.trim()}
            loading={send.isPending}
            onClick={() => send.mutate(text.trim())}
            data-testid="public-follow-up-send"
          >
            {t('followUp.send')}
          </Button>
        </Group>
      </Paper>
    </Box>
  );
}
