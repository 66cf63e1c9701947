import type { Article, ArticleSummary } from '../../api/knowledge-base';

/** An article as its badges read it: titles instead of whole versions. */
export const summaryOf = ({ versions, ...rest }: Article): ArticleSummary => ({
  ...rest,
  titles: {
    ...(versions.ja ? { ja: versions.ja.title } : {}),
    ...(versions.en ? { en: versions.en.title } : {}),
  },
});
