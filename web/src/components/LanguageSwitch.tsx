import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { setLang, type Lang } from '../i18n';

/** 日本語 / English toggle; also remembers the choice on the agent profile when signed in. */
export function LanguageSwitch({ signedIn = false }: { signedIn?: boolean }) {
  const { i18n, t } = useTranslation();
  const current: Lang = i18n.language === 'en' ? 'en' : 'ja';

  const change = (value: string) => {
    const lang: Lang = value === 'en' ? 'en' : 'ja';
    setLang(lang);
    // Best effort: a failure here must not block switching the UI.
    if (signedIn) api.patch('/api/me', { locale: lang }).catch(() => undefined);
  };

  return (
    <SegmentedControl
      data-testid="lang-switch"
      aria-label={t('header.language')}
      size="xs"
      value={current}
      onChange={change}
      data={[
        { value: 'ja', label: '日本語' },
        { value: 'en', label: 'EN' },
      ]}
    />
  );
}
