import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useTestChannel } from '../../api/admin';
import type { Channel } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/time';
import { CredentialsDialog } from './CredentialsDialog';

/** A platform channel's connection: the webhook URL to register, a live test, and what Koe last saw. */
export function ChannelConnection({ channel }: { channel: Channel }) {
  const { t, i18n } = useTranslation();
  const test = useTestChannel(channel.id);
  const [editing, edit] = useDisclosure(false);
  const health = channel.health;

  return (
    <Stack gap="sm">
      {channel.webhookUrl && (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('channelSetup.webhookUrl')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('channelSetup.webhookHelp')}
          </Text>
          <Group gap="xs" wrap="nowrap" align="center">
            <Code data-testid="webhook-url" style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
              {channel.webhookUrl}
            </Code>
            <CopyButton value={channel.webhookUrl}>
              {({ copied, copy }) => (
                <Button size="xs" variant={copied ? 'filled' : 'light'} onClick={copy} data-testid="webhook-copy">
                  {copied ? t('app.copied') : t('app.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Stack>
      )}

      <Stack gap={2} data-testid="channel-health" data-last-error={health?.lastError ? 'true' : 'false'}>
        <Text size="sm" fw={500}>
          {t('channelSetup.health')}
        </Text>
        <Text size="xs">
          {t('channelSetup.lastEvent')}:{' '}
          {health?.lastEventAt ? formatDateTime(health.lastEventAt, i18n.language) : t('channelSetup.noEvents')}
        </Text>
        <Text size="xs" c={health?.lastError ? 'red' : 'dimmed'} style={{ overflowWrap: 'anywhere' }}>
          {t('channelSetup.lastError')}: {health?.lastError ?? t('channelSetup.noError')}
        </Text>
        {!channel.hasCredentials && (
          <Text size="xs" c="orange">
            {t('channelSetup.credentialsMissing')}
          </Text>
        )}
      </Stack>

      <Group gap="sm">
        <Button
          size="xs"
          variant="light"
          loading={test.isPending}
          onClick={() => test.mutate()}
          data-testid="channel-test"
        >
          {t('channelSetup.test')}
        </Button>
        <Button size="xs" variant="default" onClick={edit.open} data-testid="channel-credentials-edit">
          {t('channelSetup.updateCredentials')}
        </Button>
      </Group>
      {test.data && (
        <Alert
          color={test.data.ok ? 'teal' : 'red'}
          variant="light"
          title={test.data.ok ? t('channelSetup.testOk') : t('channelSetup.testFailed')}
          data-testid="channel-test-result"
          data-ok={test.data.ok ? 'true' : 'false'}
          p="xs"
        >
          <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
            {test.data.detail}
          </Text>
        </Alert>
      )}
      {test.error ? <ErrorAlert error={test.error} onClose={() => test.reset()} /> : null}
      <CredentialsDialog channel={channel} opened={editing} onClose={edit.close} />
    </Stack>
  );
}
