import { z } from 'zod';
import { HELP_CENTER_ACCENT, HELP_CENTER_NAME_MAX, HELP_CENTER_SLUG } from './help-center-values';
import { ARTICLE_LANGS } from './knowledge-base-values';

/** A workspace's public help center: whether it is on, its address and the brand's name and colour. */
export const HelpCenterSettingsSchema = z.object({
  enabled: z.boolean(),
  /** The public address is /help/<slug>/. */
  slug: z.string(),
  /** The brand's name as visitors see it; null shows the workspace's name. */
  name: z.string().nullable(),
  accent: z.string(),
  /** The help center's home, absolute when Koe knows its public URL, else a path of this site. */
  url: z.string(),
});
export type HelpCenterSettings = z.infer<typeof HelpCenterSettingsSchema>;

/** Every field optional and without defaults: an admin changes what they send. */
export const HelpCenterSettingsUpdate = z.object({
  enabled: z.boolean().optional(),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(HELP_CENTER_SLUG, 'use 2–40 lower-case letters, digits and single hyphens')
    .optional(),
  name: z
    .string()
    .trim()
    .max(HELP_CENTER_NAME_MAX)
    .nullable()
    .transform((n) => n || null)
    .optional(),
  accent: z.string().trim().regex(HELP_CENTER_ACCENT, 'use a colour written #rrggbb').optional(),
});
export type HelpCenterSettingsUpdate = z.input<typeof HelpCenterSettingsUpdate>;

/** What the chat widget asks while a visitor types: published articles for the words so far. */
export const ArticleSuggestionQuery = z.object({
  q: z.string().trim().min(1).max(200),
  lang: z.enum(ARTICLE_LANGS).default('ja'),
});

export const ArticleSuggestionSchema = z.object({
  title: z.string(),
  /** Plain words around the match. */
  snippet: z.string(),
  /** The article's public page. */
  url: z.string(),
  /** The language shown: the visitor's when the article has it. */
  lang: z.enum(ARTICLE_LANGS),
});
export type ArticleSuggestion = z.infer<typeof ArticleSuggestionSchema>;
