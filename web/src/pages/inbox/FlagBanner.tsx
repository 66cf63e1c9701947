import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useUpdateConversation } from '../../api/conversations';
import type { Conversation } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';

/** Says why a conversation sits in the flagged view (it is never hidden) and lets the agent clear the flag. */
export function FlagBanner({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const update = useUpdateConversation(conversation.id);
  const flag = conversation.flag;
  if (!flag) return null;

  return (
    <Alert
      color={flag === 'spam' ? 'gray' : 'orange'}
      variant="light"
      radius={0}
      py="xs"
      icon={<span aria-hidden="true">⚑</span>}
      data-testid="flag-banner"
      data-flag={flag}
      style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs">
          <Text size="sm" style={{ flex: '1 1 220px' }}>
            {t(`triage.flagBanner.${flag}`)}
          </Text>
          <Button
            size="compact-sm"
            variant="white"
            color="dark"
            loading={update.isPending}
            onClick={() => update.mutate({ flag: null })}
            data-testid="flag-clear"
          >
            {t('triage.clearFlag')}
          </Button>
        </Group>
        {update.error && <ErrorAlert error={update.error} onClose={() => update.reset()} />}
      </Stack>
    </Alert>
  );
}
