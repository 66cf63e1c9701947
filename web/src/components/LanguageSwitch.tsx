import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { langOf, setLang } from '../i18n';

/** 日本語 / English toggle; also remembers the choice on the agent profile when signed in. */
export function LanguageSwitch({ signedIn = false }: { signedIn?: boolean }) {
  const { i18n, t } = useTranslation();
  const current = langOf(i18n.language);

  const change = (value: string) => {
    const lang = langOf(value);
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
