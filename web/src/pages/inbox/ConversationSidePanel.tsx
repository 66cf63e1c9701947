import { Badge, Divider, Group, Stack, TagsInput, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useUpdateConversation } from '../../api/conversations';
import type { Conversation } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CustomerPanel } from './CustomerPanel';

/** Tags of the conversation and everything we know about its customer. */
export function ConversationSidePanel({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const update = useUpdateConversation(conversation.id);

  return (
    <Stack gap="md" p="md">
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
        {conversation.categories.length > 0 && (
          <Group gap={4} mt={4} data-testid="categories">
            <Text size="xs" c="dimmed">
              {t('conversation.categories')}:
            </Text>
            {conversation.categories.map((category) => (
              <Badge key={category} size="xs" variant="light" color="grape">
                {category}
              </Badge>
            ))}
          </Group>
        )}
      </Stack>
      <Divider />
      <CustomerPanel conversation={conversation} />
    </Stack>
  );
}
