import { useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Loader,
  NativeSelect,
  NumberInput,
  Paper,
  PasswordInput,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDeskSettings, useSaveDeskSettings, useTestNotification } from '../../api/routing';
import {
  EXTERNAL_KINDS,
  type AssignStrategy,
  type DeskSettings,
  type ExternalKind,
  type ExternalNotificationSettings,
  type OnBreach,
} from '../../api/routingTypes';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AdminPage } from './AdminPage';
import { BusinessHoursEditor } from './BusinessHoursEditor';

const DEFAULT_MINS = { 1: 60, 2: 30, 3: 5 } as const;
const LEVELS = ['3', '2', '1'] as const;

export function DeskSettingsPage() {
  const { t } = useTranslation();
  const settings = useDeskSettings();
  return (
    <AdminPage title={t('desk.title')} allow={['admin']}>
      {settings.isPending && <Loader size="sm" />}
      {settings.error && <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.data && <DeskForm initial={settings.data} />}
    </AdminPage>
  );
}

function DeskForm({ initial }: { initial: DeskSettings }) {
  const { t } = useTranslation();
  const save = useSaveDeskSettings();
  const [s, setS] = useState<DeskSettings>(initial);
  const [saved, setSaved] = useState<DeskSettings>(initial);
  // The webhook secret is write-only: 'keep' sends nothing, 'edit' sends the typed value, 'remove' sends null.
  const [secret, setSecret] = useState<{ mode: SecretMode; value: string }>({ mode: 'keep', value: '' });
  const [holidays, setHolidays] = useState(initial.businessHours.holidays.join('\n'));
  const patch = (p: Partial<DeskSettings>) => {
    save.reset();
    setS((old) => ({ ...old, ...p }));
  };
  const setMins = (level: (typeof LEVELS)[number], v: number | string) => {
    const mins = { ...s.sla.firstResponseMins };
    if (v === '' || Number(v) <= 0) delete mins[level];
    else mins[level] = Number(v);
    patch({ sla: { ...s.sla, firstResponseMins: mins } });
  };
  const submit = () => {
    const { hasSecret: _shown, secret: _unused, ...webhook } = s.notifications.webhook;
    const secretField =
      secret.mode === 'remove'
        ? { secret: null }
        : secret.mode === 'edit' && secret.value
          ? { secret: secret.value }
          : {};
    save.mutate(
      {
        ...s,
        businessHours: {
          ...s.businessHours,
          holidays: holidays
            .split('\n')
            .map((h) => h.trim())
            .filter(Boolean),
        },
        notifications: {
          ...s.notifications,
          webhook: {
            ...webhook,
            url: webhook.url?.trim() || null,
            hasSecret: s.notifications.webhook.hasSecret,
            ...secretField,
          },
        },
      },
      {
        onSuccess: (result) => {
          setS(result);
          setSaved(result);
          setSecret({ mode: 'keep', value: '' });
        },
      },
    );
  };
  const dirty = secret.mode !== 'keep' || JSON.stringify(s.notifications) !== JSON.stringify(saved.notifications);

  return (
    <Stack gap="md" maw={760} data-testid="desk-form">
      <Paper withBorder p="md" radius="md">
        <Title order={3} fz="md" mb="sm">
          {t('desk.autoAssign')}
        </Title>
        <Group gap="lg" align="flex-end">
          <Switch
            label={t('desk.autoAssignOn')}
            checked={s.autoAssign.enabled}
            onChange={(e) => patch({ autoAssign: { ...s.autoAssign, enabled: e.currentTarget.checked } })}
            data-testid="desk-auto-assign"
          />
          <NativeSelect
            label={t('desk.strategy')}
            value={s.autoAssign.strategy}
            onChange={(e) =>
              patch({ autoAssign: { ...s.autoAssign, strategy: e.currentTarget.value as AssignStrategy } })
            }
            data={(['least_loaded', 'round_robin'] as const).map((v) => ({ value: v, label: t(`desk.${v}`) }))}
            data-testid="desk-strategy"
          />
        </Group>
        <NumberInput
          mt="sm"
          maw={520}
          label={t('desk.reserveUrgentSlots')}
          description={t('desk.reserveUrgentSlotsHelp')}
          value={s.autoAssign.reserveUrgentSlots}
          onChange={(v) =>
            patch({
              autoAssign: { ...s.autoAssign, reserveUrgentSlots: Math.min(5, Math.max(0, Math.round(Number(v) || 0))) },
            })
          }
          min={0}
          max={5}
          allowDecimal={false}
          data-testid="desk-reserve-urgent"
        />
        <Switch
          mt="md"
          maw={620}
          label={t('desk.firstResponders')}
          description={t('desk.firstRespondersHelp')}
          checked={s.autoAssign.firstResponders}
          onChange={(e) => patch({ autoAssign: { ...s.autoAssign, firstResponders: e.currentTarget.checked } })}
          data-testid="desk-first-responders"
        />
      </Paper>

      <Paper withBorder p="md" radius="md">
        <Title order={3} fz="md" mb="sm">
          {t('desk.slaHeading')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          {LEVELS.map((level) => (
            <NumberInput
              key={level}
              label={t('desk.firstResponse', { level })}
              placeholder={t('desk.defaultMins', { mins: DEFAULT_MINS[level] })}
              value={s.sla.firstResponseMins[level] ?? ''}
              onChange={(v) => setMins(level, v)}
              min={0}
              decimalScale={2}
              data-testid={`desk-frt-${level}`}
            />
          ))}
        </SimpleGrid>
        <Group gap="md" mt="sm" align="flex-end">
          <NumberInput
            label={t('desk.warnAt')}
            value={Math.round(s.sla.warnAtFraction * 100)}
            onChange={(v) =>
              patch({ sla: { ...s.sla, warnAtFraction: Math.min(99, Math.max(10, Number(v) || 80)) / 100 } })
            }
            min={10}
            max={99}
            suffix="%"
            w={240}
            data-testid="desk-warn"
          />
          <NativeSelect
            label={t('desk.onBreach')}
            value={s.sla.onBreach}
            onChange={(e) => patch({ sla: { ...s.sla, onBreach: e.currentTarget.value as OnBreach } })}
            data={(['notify', 'escalate', 'reassign'] as const).map((v) => ({ value: v, label: t(`desk.${v}`) }))}
            data-testid="desk-on-breach"
          />
        </Group>
      </Paper>

      <Paper withBorder p="md" radius="md">
        <Title order={3} fz="md" mb="sm">
          {t('desk.hours')}
        </Title>
        <TextInput
          label={t('desk.timeZone')}
          value={s.businessHours.timeZone}
          onChange={(e) => {
            const timeZone = e.currentTarget.value;
            patch({ businessHours: { ...s.businessHours, timeZone }, sla: { ...s.sla, timeZone } });
          }}
          w={240}
          mb="sm"
        />
        <BusinessHoursEditor
          value={s.businessHours.weekly}
          onChange={(weekly) => patch({ businessHours: { ...s.businessHours, weekly } })}
        />
        <Checkbox
          mt="sm"
          label={t('desk.jpHolidays')}
          checked={s.businessHours.includeJapaneseHolidays}
          onChange={(e) =>
            patch({ businessHours: { ...s.businessHours, includeJapaneseHolidays: e.currentTarget.checked } })
          }
        />
        <Textarea
          mt="sm"
          label={t('desk.holidays')}
          value={holidays}
          onChange={(e) => setHolidays(e.currentTarget.value)}
          autosize
          minRows={2}
          placeholder="2026-12-29"
        />
      </Paper>

      <Paper withBorder p="md" radius="md">
        <Title order={3} fz="md" mb="sm">
          {t('desk.automationHeading')}
        </Title>
        <Switch
          label={t('desk.allowTemplates')}
          checked={s.automation.allowTemplateReplies}
          onChange={(e) => patch({ automation: { allowTemplateReplies: e.currentTarget.checked } })}
          data-testid="desk-allow-templates"
        />
      </Paper>

      <ExternalNotifications
        value={s.notifications}
        onChange={(notifications) => patch({ notifications })}
        secret={secret}
        onSecret={(next) => {
          save.reset();
          setSecret(next);
        }}
        dirty={dirty}
      />

      {save.error && <ErrorAlert error={save.error} onClose={() => save.reset()} />}
      {save.isSuccess && (
        <Alert color="teal" variant="light" data-testid="desk-saved">
          {t('desk.saved')}
        </Alert>
      )}
      <Group>
        <Button onClick={submit} loading={save.isPending} data-testid="desk-save">
          {t('app.save')}
        </Button>
      </Group>
    </Stack>
  );
}

type SecretMode = 'keep' | 'edit' | 'remove';
const KIND_LABEL = {
  assigned_urgent: 'desk.kinds.assigned_urgent',
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

function ExternalNotifications(props: {
  value: ExternalNotificationSettings;
  onChange: (v: ExternalNotificationSettings) => void;
  secret: { mode: SecretMode; value: string };
  onSecret: (s: { mode: SecretMode; value: string }) => void;
  dirty: boolean;
}) {
  const { t } = useTranslation();
  const { value, onChange, secret, onSecret, dirty } = props;
  const { email, webhook } = value;
  const test = useTestNotification();
  const result = test.data;
  return (
    <Paper withBorder p="md" radius="md" data-testid="desk-external">
      <Title order={3} fz="md" mb={4}>
        {t('desk.external')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('desk.externalHelp')}
      </Text>

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
    </Paper>
  );
}
