import { z } from 'zod';
import { CATEGORIES } from './values';

/** Phrase lists admins may tune: every category, sentiment words, and `support` (the brand's support hashtag etc.). */
export const PHRASE_KEYS = [...CATEGORIES, 'positive', 'negative', 'support'] as const;
export type PhraseKey = (typeof PHRASE_KEYS)[number];
const Phrases = z.partialRecord(z.enum(PHRASE_KEYS), z.array(z.string().trim().min(1).max(80)).max(500));

const Names = z.array(z.string().trim().min(1).max(80)).max(200);
/** The workspace's brand profile: triage keeps a competitor's problems out of level 3 and incident spikes. */
export const BrandProfileSchema = z.object({
  /** The workspace's brand names in every spelling customers use. */
  brands: Names,
  /** Its product and service names. */
  products: Names,
  /** Its support or brand hashtags (a post using one is addressed to the workspace). */
  hashtags: Names,
  /** Competitors' names in every spelling. */
  competitors: Names,
});
export type BrandProfile = z.infer<typeof BrandProfileSchema>;
export const BrandsBody = z.object({ brands: BrandProfileSchema });

export const TriageSettingsSchema = z.object({
  /** Workspace phrases per key (a key of PHRASE_KEYS; a record, so a key retired later still reads). */
  phrases: z.record(z.string(), z.array(z.string())),
  phraseKeys: z.array(z.enum(PHRASE_KEYS)),
  brands: BrandProfileSchema,
  /** Labels agents set on conversations so far. */
  corrections: z.number().int(),
  /** Examples the workspace model has learned from. */
  learnedExamples: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type TriageSettings = z.infer<typeof TriageSettingsSchema>;

export const PhrasesBody = z.object({ phrases: Phrases });
export const PhrasesSchema = z.object({ phrases: z.record(z.string(), z.array(z.string())) });
