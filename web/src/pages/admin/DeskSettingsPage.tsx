import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Loader, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Switch, Textarea, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDeskSettings, useSaveDeskSettings } from '../../api/routing';
import type { AssignStrategy, DeskSettings, OnBreach } from '../../api/routingTypes';
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
  const submit = () =>
    save.mutate({
      ...s,
      businessHours: { ...s.businessHours, holidays: holidays.split('\n').map((h) => h.trim()).filter(Boolean) },
    });

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
            onChange={(e) => patch({ autoAssign: { ...s.autoAssign, strategy: e.currentTarget.value as AssignStrategy } })}
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
          onChange={(v) => patch({ autoAssign: { ...s.autoAssign, reserveUrgentSlots: Math.min(5, Math.max(0, Math.round(Number(v) || 0))) } })}
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
            onChange={(v) => patch({ sla: { ...s.sla, warnAtFraction: Math.min(99, Math.max(10, Number(v) || 80)) / 100 } })}
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
        <BusinessHoursEditor value={s.businessHours.weekly} onChange={(weekly) => patch({ businessHours: { ...s.businessHours, weekly } })} />
        <Checkbox
          mt="sm"
          label={t('desk.jpHolidays')}
          checked={s.businessHours.includeJapaneseHolidays}
          onChange={(e) => patch({ businessHours: { ...s.businessHours, includeJapaneseHolidays: e.currentTarget.checked } })}
        />
        <Textarea mt="sm" label={t('desk.holidays')} value={holidays} onChange={(e) => setHolidays(e.currentTarget.value)} autosize minRows={2} placeholder="2026-12-29" />
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
