import { Button, Divider, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMakeAccountLink } from '../../api/accounts';
import { AccountLinkModal } from './AccountLinkModal';
import { useResetTwoFactor, useUnlockSignIn } from '../../api/security';
import type { Agent } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';

/** An admin's help for an agent who cannot sign in: end a pause after wrong passwords, or reset a lost second factor. */
export function AgentSignInActions({ agent }: { agent: Agent }) {
  const { t } = useTranslation();
  const unlock = useUnlockSignIn();
  const reset = useResetTwoFactor();
  const makeLink = useMakeAccountLink();
  return (
    <Stack gap="xs" mt="md">
      <AccountLinkModal
        link={makeLink.data?.link ?? null}
        kind={makeLink.data?.kind ?? 'password_reset'}
        email={agent.email}
        onClose={() => makeLink.reset()}
      />
      <Divider label={t('agentSecurity.heading')} labelPosition="left" />
      {(unlock.error || reset.error || makeLink.error) && (
        <ErrorAlert error={unlock.error ?? reset.error ?? makeLink.error} />
      )}
      <Group gap="xs">
        {agent.active && (
          <Button
            size="xs"
            variant="light"
            onClick={() => makeLink.mutate(agent.id)}
            loading={makeLink.isPending}
            data-testid="agent-account-link"
          >
            {agent.invitationPending ? t('accounts.reissueInvitation') : t('accounts.makeReset')}
          </Button>
        )}
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
