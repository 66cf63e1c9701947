import { Alert, Button, Checkbox, Group, PasswordInput, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useTestNotification } from '../../../api/routing';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { SettingsSection } from '../../../components/SettingsSection';
import { EXTERNAL_KINDS, type ExternalKind, type ExternalNotificationSettings } from '../../../api/routingTypes';
import type { SecretDraft } from '../../../lib/writeOnlySecret';

const KIND_LABEL = {
  assigned_urgent: 'desk.kinds.assigned_urgent',
  unassigned_urgent: 'desk.kinds.unassigned_urgent',
  escalated: 'desk.kinds.escalated',
  'sla.warning': 'desk.kinds.sla_warning',
  'sla.breached': 'desk.kinds.sla_breached',
  spike: 'desk.kinds.spike',
} as const satisfies Record<ExternalKind, string>;

function KindChecks({
  value,
  onChange,
  testId,
}: {
  value: ExternalKind[];
  onChange: (kinds: ExternalKind[]) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group
      mt="sm"
      label={t('desk.kindsLabel')}
      value={value}
      onChange={(v) => onChange(EXTERNAL_KINDS.filter((k) => v.includes(k)))}
      data-testid={testId}
    >
      <Group gap="md" mt={4}>
        {EXTERNAL_KINDS.map((k) => (
          <Checkbox key={k} value={k} label={t(KIND_LABEL[k])} data-testid={`${testId}-${k}`} />
        ))}
      </Group>
    </Checkbox.Group>
  );
}

export function ExternalNotifications(props: {
  value: ExternalNotificationSettings;
  onChange: (v: ExternalNotificationSettings) => void;
  secret: SecretDraft;
  onSecret: (s: SecretDraft) => void;
  dirty: boolean;
}) {
  const { t } = useTranslation();
  const { value, onChange, secret, onSecret, dirty } = props;
  const { email, webhook } = value;
  const test = useTestNotification();
  const result = test.data;
  return (
    <SettingsSection title={t('desk.external')} help={t('desk.externalHelp')} testId="desk-external">
      <Title order={4} fz="sm" mb="xs">
        {t('desk.emailHeading')}
      </Title>
      <Switch
        label={t('desk.emailOn')}
        checked={email.enabled}
        onChange={(e) => onChange({ ...value, email: { ...email, enabled: e.currentTarget.checked } })}
        data-testid="desk-email-on"
      />
      {email.enabled && email.smtpConfigured === false && (
        <Alert color="yellow" variant="light" mt="sm" data-testid="desk-smtp-missing">
          {t('desk.smtpMissing')}
        </Alert>
      )}
      <KindChecks
        value={email.kinds}
        onChange={(kinds) => onChange({ ...value, email: { ...email, kinds } })}
        testId="desk-email-kinds"
      />

      <Title order={4} fz="sm" mt="lg" mb="xs">
        {t('desk.webhookHeading')}
      </Title>
      <TextInput
        label={t('desk.webhookUrl')}
        description={t('desk.webhookUrlHelp')}
        placeholder="https://hooks.example.com/koe"
        value={webhook.url ?? ''}
        onChange={(e) => onChange({ ...value, webhook: { ...webhook, url: e.currentTarget.value || null } })}
        maw={620}
        data-testid="desk-webhook-url"
      />
      <Stack gap={4} mt="sm" maw={620}>
        <Text size="sm" fw={500}>
          {t('desk.secret')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('desk.secretHelp')}
        </Text>
        {secret.mode === 'edit' ? (
          <Group gap="xs" align="flex-end">
            <PasswordInput
              aria-label={t('desk.secret')}
              value={secret.value}
              onChange={(e) => onSecret({ mode: 'edit', value: e.currentTarget.value })}
              autoComplete="new-password"
              style={{ flex: 1 }}
              data-testid="desk-webhook-secret"
            />
            <Button variant="default" onClick={() => onSecret({ mode: 'keep', value: '' })}>
              {t('desk.secretKeep')}
            </Button>
          </Group>
        ) : (
          <Group gap="xs">
            <Text size="sm" data-testid="desk-secret-state">
              {secret.mode === 'remove'
                ? t('desk.secretRemoved')
                : webhook.hasSecret
                  ? t('desk.secretIsSet')
                  : t('desk.secretNotSet')}
            </Text>
            <Button
              size="xs"
              variant="light"
              onClick={() => onSecret({ mode: 'edit', value: '' })}
              data-testid="desk-secret-edit"
            >
              {webhook.hasSecret ? t('desk.secretChange') : t('desk.secretSet')}
            </Button>
            {webhook.hasSecret && secret.mode !== 'remove' && (
              <Button size="xs" variant="subtle" color="red" onClick={() => onSecret({ mode: 'remove', value: '' })}>
                {t('desk.secretRemove')}
              </Button>
            )}
            {secret.mode === 'remove' && (
              <Button size="xs" variant="subtle" onClick={() => onSecret({ mode: 'keep', value: '' })}>
                {t('desk.secretKeep')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
      <KindChecks
        value={webhook.kinds}
        onChange={(kinds) => onChange({ ...value, webhook: { ...webhook, kinds } })}
        testId="desk-webhook-kinds"
      />

      <Group gap="sm" mt="md">
        <Button
          variant="default"
          disabled={dirty || !webhook.url}
          loading={test.isPending && test.variables === 'webhook'}
          onClick={() => test.mutate('webhook')}
          data-testid="desk-test-webhook"
        >
          {t('desk.testWebhook')}
        </Button>
        <Button
          variant="default"
          disabled={dirty}
          loading={test.isPending && test.variables === 'email'}
          onClick={() => test.mutate('email')}
          data-testid="desk-test-email"
        >
          {t('desk.testEmail')}
        </Button>
      </Group>
      {dirty && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('desk.testSaveFirst')}
        </Text>
      )}
      {test.error && <ErrorAlert error={test.error} onClose={() => test.reset()} />}
      {result && (
        <Alert mt="sm" color={result.ok ? 'teal' : 'red'} variant="light" data-testid="desk-test-result">
          {result.ok
            ? result.status
              ? t('desk.testOkStatus', { status: result.status })
              : t('desk.testOk')
            : t('desk.testFailed', { error: result.error ?? (result.status ? `HTTP ${result.status}` : '') })}
        </Alert>
      )}
    </SettingsSection>
  );
}
