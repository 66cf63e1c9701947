import { Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DeskSettings } from '../../../api/routingTypes';
import { SettingsSection } from '../../../components/SettingsSection';

/** Collision control: optionally, replying while a colleague is typing in the same conversation asks first. */
export function CollisionSection({ s, patch }: { s: DeskSettings; patch: (p: Partial<DeskSettings>) => void }) {
  const { t } = useTranslation();
  return (
    <SettingsSection title={t('collision.settingsHeading')} help={t('collision.settingsHelp')}>
      <Switch
        label={t('collision.softLock')}
        checked={s.collision.softLock}
        onChange={(e) => patch({ collision: { softLock: e.currentTarget.checked } })}
        data-testid="desk-soft-lock"
      />
    </SettingsSection>
  );
}
