import { Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DeskSettings } from '../../../api/routingTypes';
import { SettingsSection } from '../../../components/SettingsSection';

export function AutomationSection({ s, patch }: { s: DeskSettings; patch: (p: Partial<DeskSettings>) => void }) {
  const { t } = useTranslation();
  return (
    <SettingsSection title={t('desk.automationHeading')}>
      <Switch
        label={t('desk.allowTemplates')}
        checked={s.automation.allowTemplateReplies}
        onChange={(e) => patch({ automation: { allowTemplateReplies: e.currentTarget.checked } })}
        data-testid="desk-allow-templates"
      />
    </SettingsSection>
  );
}
