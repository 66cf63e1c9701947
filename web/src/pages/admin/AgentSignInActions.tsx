import { Button, Divider, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useResetTwoFactor, useUnlockSignIn } from '../../api/security';
import type { Agent } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';

/** An admin's help for an agent who cannot sign in: end a pause after wrong passwords, or reset a lost second factor. */
export function AgentSignInActions({ agent }: { agent: Agent }) {
  const { t } = useTranslation();
  const unlock = useUnlockSignIn();
  const reset = useResetTwoFactor();
  return (
    <Stack gap="xs" mt="md">
      <Divider label={t('agentSecurity.heading')} labelPosition="left" />
      {(unlock.error || reset.error) && <ErrorAlert error={unlock.error ?? reset.error} />}
      <Group gap="xs">
        <Button
          size="xs"
          variant="light"
          onClick={() => unlock.mutate(agent.id)}
          loading={unlock.isPending}
          disabled={unlock.isSuccess}
          data-testid="agent-unlock"
        >
          {unlock.isSuccess ? t('agentSecurity.unlocked') : t('agentSecurity.unlock')}
        </Button>
        {agent.twoFactor && (
          <Button
            size="xs"
            variant="light"
            color="red"
            loading={reset.isPending}
            disabled={reset.isSuccess}
            onClick={() => {
              if (window.confirm(t('agentSecurity.resetConfirm', { name: agent.name }))) reset.mutate(agent.id);
            }}
            data-testid="agent-reset-2fa"
          >
            {reset.isSuccess ? t('agentSecurity.resetDone') : t('agentSecurity.reset')}
          </Button>
        )}
      </Group>
      {reset.isSuccess && (
        <Text size="xs" c="dimmed">
          {t('agentSecurity.resetDone')}
        </Text>
      )}
    </Stack>
  );
}
