import { Divider, Stack, TagsInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useUpdateConversation } from '../../api/conversations';
import type { Conversation } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CustomerPanel } from './CustomerPanel';
import { TriagePanel } from './TriagePanel';
import { EscalationHistory } from './EscalationHistory';

/** Why triage labelled the conversation (and how to correct it), its tags, and everything we know about its customer. */
export function ConversationSidePanel({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const update = useUpdateConversation(conversation.id);

  return (
    <Stack gap="md" p="md">
      <TriagePanel conversation={conversation} />
      <Divider />
      <EscalationHistory conversation={conversation} />
      <Divider />
      <Stack gap={4}>
        <TagsInput
          label={t('conversation.tags')}
          placeholder={t('conversation.tagsPlaceholder')}
          value={conversation.tags}
          onChange={(tags) => update.mutate({ tags })}
          clearable
          data-testid="tags-input"
        />
        {update.error && <ErrorAlert error={update.error} onClose={() => update.reset()} />}
      </Stack>
      <Divider />
      <CustomerPanel conversation={conversation} />
    </Stack>
  );
}
