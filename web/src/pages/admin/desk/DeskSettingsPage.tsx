import { useState } from 'react';
import { Alert, Button, Group, Loader, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDeskSettings, useSaveDeskSettings } from '../../../api/routing';
import { type DeskSettings } from '../../../api/routingTypes';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { AutoAssignSection } from './AutoAssignSection';
import { AutomationSection } from './AutomationSection';
import { BusinessHoursSection } from './BusinessHoursSection';
import { secretField, type SecretDraft } from '../../../lib/writeOnlySecret';
import { ExternalNotifications } from './ExternalNotificationsSection';
import { SlaSection } from './SlaSection';
import { ReplyStyleSection } from './ReplyStyleSection';
import { ApprovalsSection } from './ApprovalsSection';
import { CollisionSection } from './CollisionSection';
import { LlmDraftsSection } from './LlmDraftsSection';
import { SatisfactionSection } from './SatisfactionSection';
import { AdminPage } from '../AdminPage';
import { RetentionSection } from './RetentionSection';

export function DeskSettingsPage() {
  const { t } = useTranslation();
  const settings = useDeskSettings();
  return (
    <AdminPage title={t('desk.title')} allow={['admin']}>
      {settings.isPending && <Loader size="sm" />}
      {settings.error && <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.data && <DeskForm initial={settings.data} />}
      <Stack gap="md" maw={760} mt="md">
        <RetentionSection />
      </Stack>
    </AdminPage>
  );
}

function DeskForm({ initial }: { initial: DeskSettings }) {
  const { t } = useTranslation();
  const save = useSaveDeskSettings();
  const [s, setS] = useState<DeskSettings>(initial);
  const [saved, setSaved] = useState<DeskSettings>(initial);
  // The webhook secret is write-only: 'keep' sends nothing, 'edit' sends the typed value, 'remove' sends null.
  const [secret, setSecret] = useState<SecretDraft>({ mode: 'keep', value: '' });
  const [holidays, setHolidays] = useState(initial.businessHours.holidays.join('\n'));
  const patch = (p: Partial<DeskSettings>) => {
    save.reset();
    setS((old) => ({ ...old, ...p }));
  };
  const submit = () => {
    const { hasSecret: _shown, secret: _unused, ...webhook } = s.notifications.webhook;
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
            ...secretField('secret', secret),
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
      <AutoAssignSection s={s} patch={patch} />

      <SlaSection s={s} patch={patch} />

      <BusinessHoursSection s={s} patch={patch} holidays={holidays} setHolidays={setHolidays} />

      <CollisionSection s={s} patch={patch} />
      <LlmDraftsSection s={s} patch={patch} />

      <SatisfactionSection s={s} patch={patch} />
      <ApprovalsSection s={s} patch={patch} />
      <ReplyStyleSection s={s} patch={patch} />
      <AutomationSection s={s} patch={patch} />

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
