import { z } from 'zod';
import { ChannelRefSchema } from './conversations';
import { CATEGORIES, CONVERSATION_FLAGS, CONVERSATION_LEVELS, LISTEN_ERRORS, SENTIMENTS } from './values';

const Term = z.string().trim().min(1).max(100);

/** What an admin writes: words, phrases, brand names without @, hashtags (#…); and what must not appear. */
const QueryFields = z.object({
  name: z.string().trim().min(1).max(80),
  channelId: z.string().min(1).max(100),
  terms: z.array(Term).min(1).max(20),
  exclusions: z.array(Term).max(20),
  active: z.boolean(),
});
export const ListeningQueryInput = QueryFields.extend({
  exclusions: QueryFields.shape.exclusions.default([]),
  active: QueryFields.shape.active.default(true),
});
export type ListeningQueryInput = z.infer<typeof ListeningQueryInput>;
/** Only what is sent changes (no defaults here: a pause must not clear the exclusions). */
export const ListeningQueryPatch = QueryFields.partial();
export type ListeningQueryPatch = z.infer<typeof ListeningQueryPatch>;

export const ListeningQuerySchema = z.object({
  id: z.string(),
  name: z.string(),
  channel: ChannelRefSchema,
  terms: z.array(z.string()),
  exclusions: z.array(z.string()),
  active: z.boolean(),
  /** When the platform was last asked. */
  polledAt: z.string().nullable(),
  /** Why the platform did not answer last time; null when it did. */
  lastError: z.enum(LISTEN_ERRORS).nullable(),
  /** Posts found in the last 7 days. */
  postsLastWeek: z.number().int(),
  createdAt: z.string(),
});
export type ListeningQuery = z.infer<typeof ListeningQuerySchema>;

export const ListenedPostSchema = z.object({
  id: z.string(),
  query: z.object({ id: z.string(), name: z.string() }),
  channel: ChannelRefSchema,
  author: z.object({ name: z.string().nullable(), handle: z.string().nullable() }).nullable(),
  text: z.string(),
  url: z.string().nullable(),
  postedAt: z.string(),
  level: z.literal(CONVERSATION_LEVELS),
  sentiment: z.enum(SENTIMENTS),
  categories: z.array(z.enum(CATEGORIES)),
  flag: z.enum(CONVERSATION_FLAGS).nullable(),
  /** About a competitor named in the workspace's brand profile, with no problem of ours. */
  competitor: z.boolean(),
  /** The inbox conversation the post began, when it needed an answer and the platform lets the brand give one. */
  conversationId: z.string().nullable(),
  /** Needs an answer (level 1 or more, not set aside as spam or a troll). */
  needsAnswer: z.boolean(),
});
export type ListenedPost = z.infer<typeof ListenedPostSchema>;

const DayString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const ListeningQueryString = z.object({
  queryId: z.string().min(1).max(100).optional(),
  sentiment: z.enum(SENTIMENTS).optional(),
  /** `needs_answer` | `competitor` | `set_aside`. */
  show: z.enum(['all', 'needs_answer', 'competitor', 'set_aside']).default('all'),
  before: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const ListeningSummaryQuery = z.object({
  queryId: z.string().min(1).max(100).optional(),
  days: z.coerce.number().int().min(1).max(90).default(14),
});

/** Volume and sentiment per local day (the desk's time zone), oldest first. */
export const ListeningSummarySchema = z.object({
  timeZone: z.string(),
  days: z.array(
    z.object({
      day: DayString,
      negative: z.number().int(),
      neutral: z.number().int(),
      positive: z.number().int(),
      needsAnswer: z.number().int(),
      competitor: z.number().int(),
    }),
  ),
  totals: z.object({
    posts: z.number().int(),
    negative: z.number().int(),
    neutral: z.number().int(),
    positive: z.number().int(),
    needsAnswer: z.number().int(),
    inInbox: z.number().int(),
    competitor: z.number().int(),
  }),
});
export type ListeningSummary = z.infer<typeof ListeningSummarySchema>;
