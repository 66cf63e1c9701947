import { useState } from 'react';
import { Alert, Button, Group, Loader, NumberInput, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRetentionSettings, useSaveRetentionSettings, type RetentionSettings } from '../../../api/retention';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { SettingsSection } from '../../../components/SettingsSection';

const DEFAULT_DAYS = 365;

/** Data retention (admins): customers' messages lose their words after N days; conversations stay for reports. */
export function RetentionSection() {
  const { t } = useTranslation();
  const settings = useRetentionSettings();
  return (
    <SettingsSection title={t('retention.heading')} help={t('retention.help')} testId="retention-section">
      {settings.isPending && <Loader size="sm" />}
      {settings.error && <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.data && <RetentionForm initial={settings.data} />}
    </SettingsSection>
  );
}

function RetentionForm({ initial }: { initial: RetentionSettings }) {
  const { t } = useTranslation();
  const save = useSaveRetentionSettings();
  const [enabled, setEnabled] = useState(initial.messageDays !== null);
  const [days, setDays] = useState<number>(initial.messageDays ?? DEFAULT_DAYS);
  const change = (f: () => void) => {
    save.reset();
    f();
  };
  return (
    <>
      <Switch
        label={t('retention.enabled')}
        checked={enabled}
        onChange={(e) => change(() => setEnabled(e.currentTarget.checked))}
        data-testid="retention-enabled"
      />
      <NumberInput
        mt="sm"
        maw={220}
        label={t('retention.days')}
        min={1}
        max={3650}
        allowDecimal={false}
        value={days}
        disabled={!enabled}
        onChange={(v) => change(() => setDays(typeof v === 'number' ? v : DEFAULT_DAYS))}
        data-testid="retention-days"
      />
      <Text size="sm" c="dimmed" mt="xs">
        {enabled ? t('retention.whatHappens', { days }) : t('retention.off')}
      </Text>
      {save.error && <ErrorAlert error={save.error} onClose={() => save.reset()} />}
      {save.isSuccess && (
        <Alert color="teal" variant="light" mt="sm" data-testid="retention-saved">
          {t('retention.saved')}
        </Alert>
      )}
      <Group mt="sm">
        <Button
          variant="light"
          loading={save.isPending}
          onClick={() => save.mutate({ messageDays: enabled ? days : null })}
          data-testid="retention-save"
        >
          {t('retention.save')}
        </Button>
      </Group>
    </>
  );
}
