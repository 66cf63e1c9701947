import { useState } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useUpdateConversation } from '../../api/conversations';
import { URGENT_CATEGORIES as URGENT, type Category, type Conversation } from '../../api/types';
import { isCategory } from '../../components/badges';
import { ErrorAlert } from '../../components/ErrorAlert';

/**
 * Triage could not decide whether this is urgent: one click settles it either way. Both answers are recorded as the
 * agent's labels, so the workspace model learns from them, and the mark goes away.
 */
export function NeedsLookBanner({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const update = useUpdateConversation(conversation.id);
  const [done, setDone] = useState(false);
  if (conversation.mark !== 'needs_look') {
    return done ? (
      <Text size="xs" c="teal.8" role="status" px="md" py={4} data-testid="needs-look-done">
        ✓ {t('triage.needsLookDone')}
      </Text>
    ) : null;
  }
  const suggested = (conversation.reasons ?? []).find((r) => r.code === 'needs_look')?.category;
  const category: Category = suggested && isCategory(suggested) ? suggested : 'outage';
  const current = conversation.categories.filter(isCategory);
  const confirm = () =>
    update.mutate(
      { level: 3, categories: [...new Set([...current.filter((c) => URGENT.has(c)), category])] },
      { onSuccess: () => setDone(true) },
    );
  const dismiss = () => {
    const categories = current.filter((c) => !URGENT.has(c));
    const level = conversation.level >= 3 ? (categories.length > 0 ? 1 : 0) : conversation.level;
    update.mutate({ level, categories }, { onSuccess: () => setDone(true) });
  };

  return (
    <Alert
      color="orange"
      variant="light"
      radius={0}
      py="xs"
      icon={<span aria-hidden="true">?</span>}
      data-testid="needs-look-banner"
      style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs">
          <Text size="sm" style={{ flex: '1 1 240px' }}>
            {t('triage.needsLookBanner', { category: t(`category.${category}`) })}
          </Text>
          <Group gap="xs">
            <Button
              size="compact-sm"
              color="red"
              loading={update.isPending}
              onClick={confirm}
              data-testid="needs-look-confirm"
            >
              {t('triage.needsLookConfirm')}
            </Button>
            <Button
              size="compact-sm"
              variant="white"
              color="dark"
              loading={update.isPending}
              onClick={dismiss}
              data-testid="needs-look-dismiss"
            >
              {t('triage.needsLookDismiss')}
            </Button>
          </Group>
        </Group>
        {update.error && <ErrorAlert error={update.error} onClose={() => update.reset()} />}
      </Stack>
    </Alert>
  );
}
