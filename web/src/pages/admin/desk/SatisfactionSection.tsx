import { Checkbox, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DeskSettings } from '../../../api/routingTypes';
import { SettingsSection } from '../../../components/SettingsSection';

type Satisfaction = DeskSettings['satisfaction'];
const CHANNELS = ['webchat', 'line', 'facebook', 'instagram', 'x', 'email'] as const;

/** Satisfaction surveys: CSAT after a resolution (per channel, wording, what a low score does) and NPS on a cooldown. */
export function SatisfactionSection({ s, patch }: { s: DeskSettings; patch: (p: Partial<DeskSettings>) => void }) {
  const { t } = useTranslation();
  const sat = s.satisfaction;
  const set = (p: { csat?: Partial<Satisfaction['csat']>; nps?: Partial<Satisfaction['nps']> }) =>
    patch({ satisfaction: { csat: { ...sat.csat, ...p.csat }, nps: { ...sat.nps, ...p.nps } } });
  const wording = (
    value: { ja: string; en: string },
    label: string,
    testId: string,
    on: (v: { ja: string; en: string }) => void,
  ) => (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
      <TextInput
        label={t('satisfaction.inLang', { label, lang: t('satisfaction.japanese') })}
        value={value.ja}
        maxLength={300}
        onChange={(e) => on({ ...value, ja: e.currentTarget.value })}
        data-testid={`${testId}-ja`}
      />
      <TextInput
        label={t('satisfaction.inLang', { label, lang: t('satisfaction.english') })}
        value={value.en}
        maxLength={300}
        onChange={(e) => on({ ...value, en: e.currentTarget.value })}
        data-testid={`${testId}-en`}
      />
    </SimpleGrid>
  );
  return (
    <SettingsSection title={t('satisfaction.heading')} help={t('satisfaction.help')}>
      <Stack gap="sm">
        <Switch
          label={t('satisfaction.csatOn')}
          checked={sat.csat.enabled}
          onChange={(e) => set({ csat: { enabled: e.currentTarget.checked } })}
          data-testid="desk-csat-enabled"
        />
        <Checkbox.Group
          label={t('satisfaction.channels')}
          value={sat.csat.channels}
          onChange={(v) => set({ csat: { channels: CHANNELS.filter((c) => v.includes(c)) } })}
        >
          <Group gap="md" mt={4}>
            {CHANNELS.map((c) => (
              <Checkbox key={c} value={c} label={t(`channelKind.${c}`)} data-testid={`desk-csat-channel-${c}`} />
            ))}
          </Group>
        </Checkbox.Group>
        {wording(sat.csat.question, t('satisfaction.question'), 'desk-csat-question', (question) =>
          set({ csat: { question } }),
        )}
        {wording(sat.csat.thanks, t('satisfaction.thanks'), 'desk-csat-thanks', (thanks) => set({ csat: { thanks } }))}
        <Group gap="sm" align="flex-end">
          <NativeSelect
            label={t('satisfaction.lowScore')}
            value={sat.csat.lowScore}
            onChange={(e) => set({ csat: { lowScore: e.currentTarget.value as Satisfaction['csat']['lowScore'] } })}
            data={(['alert', 'reopen', 'none'] as const).map((v) => ({ value: v, label: t(`satisfaction.low.${v}`) }))}
            data-testid="desk-csat-low"
          />
          <NumberInput
            label={t('satisfaction.lowAtMost')}
            value={sat.csat.lowAtMost}
            min={1}
            max={4}
            w={220}
            onChange={(v) => set({ csat: { lowAtMost: Math.min(4, Math.max(1, Number(v) || 1)) } })}
          />
        </Group>
        <Switch
          label={t('satisfaction.npsOn')}
          description={t('satisfaction.npsHelp')}
          checked={sat.nps.enabled}
          onChange={(e) => set({ nps: { enabled: e.currentTarget.checked } })}
          data-testid="desk-nps-enabled"
        />
        <NumberInput
          label={t('satisfaction.cooldown')}
          value={sat.nps.cooldownDays}
          min={7}
          max={730}
          w={260}
          onChange={(v) => set({ nps: { cooldownDays: Math.min(730, Math.max(7, Number(v) || 90)) } })}
        />
        {wording(sat.nps.question, t('satisfaction.npsQuestion'), 'desk-nps-question', (question) =>
          set({ nps: { question } }),
        )}
      </Stack>
    </SettingsSection>
  );
}
