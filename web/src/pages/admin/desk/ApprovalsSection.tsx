import { Checkbox, Group, Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DeskSettings } from '../../../api/routingTypes';
import { ROLES, type Role } from '../../../api/types';
import { SettingsSection } from '../../../components/SettingsSection';

/** Which public replies wait for a supervisor: by the author's role or level, and on backlash-risk conversations. */
export function ApprovalsSection({ s, patch }: { s: DeskSettings; patch: (p: Partial<DeskSettings>) => void }) {
  const { t } = useTranslation();
  const a = s.approvals;
  const set = (p: Partial<DeskSettings['approvals']>) => patch({ approvals: { ...a, ...p } });
  return (
    <SettingsSection title={t('approvals.settingsHeading')} help={t('approvals.settingsHelp')}>
      <Switch
        label={t('approvals.enabled')}
        checked={a.enabled}
        onChange={(e) => set({ enabled: e.currentTarget.checked })}
        data-testid="desk-approvals"
      />
      <Checkbox.Group
        mt="sm"
        label={t('approvals.roles')}
        value={a.roles}
        onChange={(v) => set({ roles: v as Role[] })}
      >
        <Group gap="md" mt={6}>
          {ROLES.map((r) => (
            <Checkbox key={r} value={r} label={t(`role.${r}`)} disabled={!a.enabled} />
          ))}
        </Group>
      </Checkbox.Group>
      <Checkbox.Group
        mt="sm"
        label={t('approvals.levels')}
        value={a.levels.map(String)}
        onChange={(v) => set({ levels: v.map(Number).sort() as (1 | 2 | 3)[] })}
      >
        <Group gap="md" mt={6}>
          {(['1', '2', '3'] as const).map((l) => (
            <Checkbox key={l} value={l} label={`L${l}`} disabled={!a.enabled} />
          ))}
        </Group>
      </Checkbox.Group>
      <Switch
        mt="sm"
        label={t('approvals.backlash')}
        checked={a.backlash}
        disabled={!a.enabled}
        onChange={(e) => set({ backlash: e.currentTarget.checked })}
      />
    </SettingsSection>
  );
}
