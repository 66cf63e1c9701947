import { Button, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useArticleSuggestions, useReplyDraft, type ArticleSuggestion } from '../../api/answer-bot';
import { useDeskSettings } from '../../api/routing';
import { ErrorAlert } from '../../components/ErrorAlert';

/** What goes into the reply, in the customer's language (no words of the agent's interface). */
export function suggestionText(s: ArticleSuggestion, what: 'link' | 'excerpt'): string {
  const title = s.lang === 'ja' ? `「${s.title}」` : `"${s.title}"`;
  const link = s.url ? `${title} ${s.url}` : title;
  return what === 'link' ? link : `${s.excerpt}\n${link}`;
}

/**
 * The 3 published articles that best match the customer's last message, beside the composer: one click puts the
 * article's link, or its first sentences and the link, into the reply.
 */
export function ArticleSuggestions({
  conversationId,
  lastCustomerMessageId,
  onInsert,
}: {
  conversationId: string;
  lastCustomerMessageId: string | null;
  onInsert: (text: string) => void;
}) {
  const { t } = useTranslation();
  const suggestions = useArticleSuggestions(conversationId, lastCustomerMessageId);
  const drafts = useDeskSettings().data?.llmDrafts.enabled ?? false;
  const draft = useReplyDraft(conversationId);
  const items = suggestions.data?.items ?? [];
  if (!lastCustomerMessageId || suggestions.isPending || suggestions.isError) return null;
  return (
    <Paper withBorder p="xs" mb="xs" radius="sm" data-testid="article-suggestions">
      <Group justify="space-between" mb={4}>
        <Tooltip label={t('answerBot.suggestionsHint')} multiline w={260} withArrow>
          <Text size="xs" fw={600} c="dimmed" w="fit-content">
            {t('answerBot.suggestions')}
          </Text>
        </Tooltip>
        {drafts && (
          <Button
            size="compact-xs"
            variant="light"
            color="grape"
            loading={draft.isPending}
            onClick={() => draft.mutate(undefined, { onSuccess: (d) => onInsert(d.text) })}
            data-testid="llm-draft"
          >
            {t('answerBot.llm.draft')}
          </Button>
        )}
      </Group>
      {draft.error && <ErrorAlert error={draft.error} onClose={() => draft.reset()} />}
      {items.length === 0 ? (
        <Text size="xs" c="dimmed">
          {t('answerBot.noSuggestions')}
        </Text>
      ) : (
        <Stack gap={4}>
          {items.map((s) => (
            <Group key={s.articleId} gap="xs" wrap="nowrap" data-testid="article-suggestion">
              <Text size="sm" lineClamp={1} style={{ flex: 1 }} title={s.excerpt}>
                {s.title}
              </Text>
              <Button
                size="compact-xs"
                variant="light"
                onClick={() => onInsert(suggestionText(s, 'link'))}
                data-testid="article-insert-link"
              >
                {t('answerBot.insertLink')}
              </Button>
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => onInsert(suggestionText(s, 'excerpt'))}
                data-testid="article-insert-excerpt"
              >
                {t('answerBot.insertExcerpt')}
              </Button>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
