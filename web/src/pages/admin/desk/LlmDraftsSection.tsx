import { Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DeskSettings } from '../../../api/routingTypes';
import { SettingsSection } from '../../../components/SettingsSection';

/** Reply drafts from the optional language model: off until an admin turns them on; agents always send themselves. */
export function LlmDraftsSection({ s, patch }: { s: DeskSettings; patch: (p: Partial<DeskSettings>) => void }) {
  const { t } = useTranslation();
  return (
    <SettingsSection title={t('answerBot.llm.heading')} help={t('answerBot.llm.help')}>
      <Switch
        label={t('answerBot.llm.enable')}
        checked={s.llmDrafts.enabled}
        onChange={(e) => patch({ llmDrafts: { enabled: e.currentTarget.checked } })}
        data-testid="desk-llm-drafts"
      />
    </SettingsSection>
  );
}
