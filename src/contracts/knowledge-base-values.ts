// The knowledge base's enumerations and limits without zod: the web app imports these at run time.

export const ARTICLE_STATUSES = ['draft', 'published'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];
export const ARTICLE_LANGS = ['ja', 'en'] as const;
export type ArticleLang = (typeof ARTICLE_LANGS)[number];

export const ARTICLE_LIMITS = {
  title: 200,
  /**
   * Characters of Markdown per language. PostgreSQL's tsvector keeps positions up to 16,383, and a phrase is matched
   * by position; a body of this length stays below it whatever its script (one bigram per Japanese character).
   */
  body: 15_000,
  category: 60,
  tag: 40,
  tags: 20,
  /** The ways customers ask what a language version answers (docs/knowledge-base.md, "Ways customers ask"). */
  questions: 30,
  question: 200,
} as const;

/** Why an import line was refused, each named so the page says it in the reader's words. */
export const IMPORT_PROBLEMS = [
  // Not a JSON object.
  'not_json',
  // A field is missing, of the wrong type, or has a value outside its list (lang, status).
  'invalid',
  'empty',
  'too_long',
  // The same article in the same language twice.
  'duplicate',
  // The languages of one article disagree on its category, tags or status.
  'mismatch',
] as const;
export type ImportProblem = (typeof IMPORT_PROBLEMS)[number];
