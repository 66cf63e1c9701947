import { Checkbox, Group, NativeSelect, NumberInput, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OnBreach } from '../../../api/routingTypes';

const DEFAULT_MINS = { 1: 60, 2: 30, 3: 5 } as const;
const LEVELS = ['3', '2', '1'] as const;
import type { DeskSettings } from '../../../api/routingTypes';
import { SettingsSection } from '../../../components/SettingsSection';

export function SlaSection({ s, patch }: { s: DeskSettings; patch: (p: Partial<DeskSettings>) => void }) {
  const { t } = useTranslation();
  const setMins = (level: (typeof LEVELS)[number], v: number | string) => {
    const mins = { ...s.sla.firstResponseMins };
    if (v === '' || Number(v) <= 0) delete mins[level];
    else mins[level] = Number(v);
    patch({ sla: { ...s.sla, firstResponseMins: mins } });
  };
  return (
    <SettingsSection title={t('desk.slaHeading')}>
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
      <Checkbox.Group
        mt="sm"
        label={t('desk.businessHoursLevels')}
        description={t('desk.businessHoursLevelsHelp')}
        value={s.sla.businessHoursLevels.map(String)}
        onChange={(v) => patch({ sla: { ...s.sla, businessHoursLevels: v.map(Number).sort() as (1 | 2 | 3)[] } })}
      >
        <Group gap="md" mt={6}>
          {(['1', '2', '3'] as const).map((level) => (
            <Checkbox key={level} value={level} label={`L${level}`} data-testid={`desk-bh-level-${level}`} />
          ))}
        </Group>
      </Checkbox.Group>
    </SettingsSection>
  );
}
