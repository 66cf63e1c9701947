import { TagsInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DeskSettings } from '../../../api/routingTypes';
import { SettingsSection } from '../../../components/SettingsSection';

/** The defensive phrases the composer points out in replies to complaints, per language. */
export function ReplyStyleSection({ s, patch }: { s: DeskSettings; patch: (p: Partial<DeskSettings>) => void }) {
  const { t } = useTranslation();
  const phrases = s.replyStyle.defensivePhrases;
  const set = (lang: 'ja' | 'en', v: string[]) =>
    patch({ replyStyle: { defensivePhrases: { ...phrases, [lang]: v } } });
  return (
    <SettingsSection title={t('desk.replyStyleHeading')} help={t('desk.replyStyleHelp')}>
      <TagsInput
        label={t('desk.defensiveJa')}
        value={phrases.ja}
        onChange={(v) => set('ja', v)}
        clearable
        data-testid="desk-defensive-ja"
      />
      <TagsInput
        mt="sm"
        label={t('desk.defensiveEn')}
        value={phrases.en}
        onChange={(v) => set('en', v)}
        clearable
        data-testid="desk-defensive-en"
      />
    </SettingsSection>
  );
}
