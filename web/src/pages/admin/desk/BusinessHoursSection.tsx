import { Checkbox, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { BusinessHoursEditor } from '../BusinessHoursEditor';
import type { DeskSettings } from '../../../api/routingTypes';
import { SettingsSection } from '../../../components/SettingsSection';

export function BusinessHoursSection({
  s,
  patch,
  holidays,
  setHolidays,
}: {
  s: DeskSettings;
  patch: (p: Partial<DeskSettings>) => void;
  holidays: string;
  setHolidays: (v: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <SettingsSection title={t('desk.hours')} help={t('desk.hoursHelp')}>
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
    </SettingsSection>
  );
}
