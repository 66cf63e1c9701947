import { z } from 'zod';
import { PersonRef } from './common';
import { ARTICLE_LANGS, ARTICLE_LIMITS, ARTICLE_STATUSES } from './knowledge-base-values';

/**
 * The ways customers ask what a language version answers, one question each, written by its author for the answer bot
 * and the agents' suggestions to match against. Trimmed, empty ones dropped, repeats dropped, then counted. An
 * overwrite rather than a transform: the same schema describes responses, which are encoded and documented with it.
 */
export const ArticleQuestions = z
  .array(z.string().trim().max(ARTICLE_LIMITS.question))
  .overwrite((q) => [...new Set(q.filter(Boolean))])
  .max(ARTICLE_LIMITS.questions);

/** One language of an article: a title, a Markdown body and the ways customers ask what it answers. */
export const ArticleVersion = z.object({
  title: z.string().trim().min(1).max(ARTICLE_LIMITS.title),
  body: z.string().trim().min(1).max(ARTICLE_LIMITS.body),
  questions: ArticleQuestions.default([]).describe(
    'Ways customers ask what this version answers, one question each (trimmed; empty and repeated ones dropped)',
  ),
});
export type ArticleVersion = z.infer<typeof ArticleVersion>;

export const ArticleVersions = z.object({ ja: ArticleVersion.optional(), en: ArticleVersion.optional() });
export type ArticleVersions = z.infer<typeof ArticleVersions>;

const Tag = z.string().trim().min(1).max(ARTICLE_LIMITS.tag);

/** What an article holds, as written and as each revision keeps it. */
export const ArticleContent = z.object({
  versions: ArticleVersions.refine((v) => Boolean(v.ja || v.en), {
    message: 'write the article in at least one language',
  }),
  /** Free text, shared by the workspace's articles through the filter list; empty means none. */
  category: z
    .string()
    .trim()
    .max(ARTICLE_LIMITS.category)
    .nullable()
    .default(null)
    .transform((c) => c || null),
  tags: z
    .array(Tag)
    .max(ARTICLE_LIMITS.tags)
    .default([])
    .transform((t) => [...new Set(t)]),
  status: z.enum(ARTICLE_STATUSES).default('draft'),
});
export type ArticleContent = z.infer<typeof ArticleContent>;
export type ArticleContentInput = z.input<typeof ArticleContent>;

/** An edit names the revision it started from: an article saved by someone else meanwhile is refused (409). */
export const ArticleUpdate = ArticleContent.extend({ baseRevision: z.number().int().min(1) });
export type ArticleUpdateInput = z.input<typeof ArticleUpdate>;

export const ArticleSummarySchema = z.object({
  id: z.string(),
  titles: z.object({ ja: z.string().optional(), en: z.string().optional() }),
  category: z.string().nullable(),
  tags: z.array(z.string()),
  status: z.enum(ARTICLE_STATUSES),
  author: PersonRef,
  updatedBy: PersonRef,
  /** The latest revision's number. */
  revision: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ArticleSummary = z.infer<typeof ArticleSummarySchema>;

export const ArticleSchema = ArticleSummarySchema.omit({ titles: true }).extend({ versions: ArticleVersions });
export type Article = z.infer<typeof ArticleSchema>;

export const ArticleListQuery = z.object({
  status: z.enum(ARTICLE_STATUSES).optional(),
  category: z.string().trim().min(1).max(ARTICLE_LIMITS.category).optional(),
  tag: z.string().trim().min(1).max(ARTICLE_LIMITS.tag).optional(),
  /** `nextCursor` of the previous page. */
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ArticleListParams = z.input<typeof ArticleListQuery>;

export const ArticleFacetsSchema = z.object({
  categories: z.array(z.object({ name: z.string(), count: z.number().int() })),
  tags: z.array(z.object({ name: z.string(), count: z.number().int() })),
});
export type ArticleFacets = z.infer<typeof ArticleFacetsSchema>;

export const RevisionParams = z.object({ id: z.string().min(1).max(100), number: z.coerce.number().int().min(1) });

export const RevisionSummarySchema = z.object({
  number: z.number().int(),
  agent: PersonRef,
  createdAt: z.string(),
  /** The revision this one restored; null for an ordinary save. */
  restoredFrom: z.number().int().nullable(),
  status: z.enum(ARTICLE_STATUSES),
  /** The languages the revision has. */
  langs: z.array(z.enum(ARTICLE_LANGS)),
});
export type RevisionSummary = z.infer<typeof RevisionSummarySchema>;

export const RevisionSchema = RevisionSummarySchema.extend({
  content: z.object({
    versions: ArticleVersions,
    category: z.string().nullable(),
    tags: z.array(z.string()),
    status: z.enum(ARTICLE_STATUSES),
  }),
});
export type Revision = z.infer<typeof RevisionSchema>;

/** A restore names the revision the editor was looking at, as an edit does. */
export const RestoreInput = z.object({ baseRevision: z.number().int().min(1) });

export const ArticleSearchQuery = z.object({
  q: z.string().trim().min(1, 'must not be empty').max(200),
  status: z.enum(ARTICLE_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const ArticleHitSchema = z.object({
  article: ArticleSummarySchema,
  /** The language the query was found in (the best one when both match). */
  lang: z.enum(ARTICLE_LANGS),
  /** Whether the title holds the query (title matches rank first). */
  inTitle: z.boolean(),
  /** Plain words around the first place the query occurs in the body, Markdown marks removed. */
  snippet: z.string(),
});
export type ArticleHit = z.infer<typeof ArticleHitSchema>;

/**
 * One line of the import and export format (JSON lines): one article in one language. `article` is the key that
 * joins an article's languages; it is the article's id on export, and an import updates the article with that id if
 * the workspace has it, else creates a new one.
 */
export const ArticleLine = z.object({
  article: z.string().trim().min(1).max(100),
  lang: z.enum(ARTICLE_LANGS),
  title: ArticleVersion.shape.title,
  body: ArticleVersion.shape.body,
  /** Absent (an older file) keeps the questions the version has; `[]` removes them. */
  questions: ArticleQuestions.optional(),
  category: z.string().trim().max(ARTICLE_LIMITS.category).nullable().default(null),
  tags: z.array(Tag).max(ARTICLE_LIMITS.tags).default([]),
  status: z.enum(ARTICLE_STATUSES).default('draft'),
});
export type ArticleLine = z.infer<typeof ArticleLine>;

/** The file's text; up to 5 MB. */
export const ArticleImportInput = z.object({ text: z.string().min(1).max(5_000_000) });
export const ArticleImportResultSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  /** Articles whose content the file repeats exactly: no new revision. */
  unchanged: z.number().int(),
});
export type ArticleImportResult = z.infer<typeof ArticleImportResultSchema>;
