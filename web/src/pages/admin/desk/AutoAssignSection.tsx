import { Group, NativeSelect, NumberInput, Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AssignStrategy, DeskSettings } from '../../../api/routingTypes';
import { SettingsSection } from '../../../components/SettingsSection';

export function AutoAssignSection({ s, patch }: { s: DeskSettings; patch: (p: Partial<DeskSettings>) => void }) {
  const { t } = useTranslation();
  return (
    <SettingsSection title={t('desk.autoAssign')}>
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
      <Switch
        mt="md"
        maw={620}
        label={t('desk.takeOnReply')}
        description={t('desk.takeOnReplyHelp')}
        checked={s.autoAssign.takeOnReply}
        onChange={(e) => patch({ autoAssign: { ...s.autoAssign, takeOnReply: e.currentTarget.checked } })}
        data-testid="desk-take-on-reply"
      />
    </SettingsSection>
  );
}
