import type { ArticleLang } from '@contracts/knowledge-base-values';

/** The languages to show an article in, the reader's first; only those the article has. */
export function langsFor<T>(versions: { ja?: T; en?: T }, uiLang: string): ArticleLang[] {
  const order: ArticleLang[] = uiLang === 'en' ? ['en', 'ja'] : ['ja', 'en'];
  return order.filter((l) => versions[l] !== undefined);
}

/** An article's title in the reader's language, else in the other one. */
export function titleFor(titles: { ja?: string; en?: string }, uiLang: string): string {
  return (uiLang === 'en' ? (titles.en ?? titles.ja) : (titles.ja ?? titles.en)) ?? '';
}
