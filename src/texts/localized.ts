/** The languages Koe writes in: Japanese first, English first-class. */
export type Lang = 'ja' | 'en';
export const LANGS: readonly Lang[] = ['ja', 'en'];

/** One text in every language; the reader's language picks (an agent's locale, a customer's language). */
export type Localized = Record<Lang, string>;

export const langOf = (locale: string | null | undefined): Lang => (locale === 'en' ? 'en' : 'ja');
export const pick = (text: Localized | string, lang: Lang): string => (typeof text === 'string' ? text : text[lang]);
