import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ja } from './ja';
import { en } from './en';
import { jaIncidents } from './ja-incidents';
import { enIncidents } from './en-incidents';
import { jaSavedReplies } from './ja-saved-replies';
import { enSavedReplies } from './en-saved-replies';
import { jaAudit } from './ja-audit';
import { enAudit } from './en-audit';
import { jaAccounts } from './ja-accounts';
import { enAccounts } from './en-accounts';
import { jaReports } from './ja-reports';
import { enReports } from './en-reports';
import { jaListening } from './ja-listening';
import { enListening } from './en-listening';
import { jaKnowledge } from './ja-knowledge';
import { enKnowledge } from './en-knowledge';

export type Lang = 'ja' | 'en';
export const LANGS: Lang[] = ['ja', 'en'];
const STORAGE_KEY = 'koe.lang';

function storedLang(): Lang {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    if (value === 'ja' || value === 'en') return value;
  } catch {
    // Storage can be blocked (privacy mode); Japanese is the default anyway.
  }
  return 'ja';
}

/** A UI language from i18next's (anything but English reads as Japanese, the default). */
export const langOf = (language: string): Lang => (language === 'en' ? 'en' : 'ja');

export function setLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // ignore: the choice still applies to this tab
  }
  void i18n.changeLanguage(lang);
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

void i18n.use(initReactI18next).init({
  resources: {
    ja: {
      translation: {
        ...ja,
        ...jaIncidents,
        ...jaSavedReplies,
        ...jaAudit,
        ...jaAccounts,
        ...jaReports,
        ...jaListening,
        ...jaKnowledge,
      },
    },
    en: {
      translation: {
        ...en,
        ...enIncidents,
        ...enSavedReplies,
        ...enAudit,
        ...enAccounts,
        ...enReports,
        ...enListening,
        ...enKnowledge,
      },
    },
  },
  lng: storedLang(),
  fallbackLng: 'ja',
  // React escapes text itself; i18next escaping would double-escape.
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
