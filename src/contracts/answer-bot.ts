import { z } from 'zod';

/** One published article suggested beside a conversation, in the customer's language, ready to insert in a reply. */
export const ArticleSuggestionSchema = z.object({
  articleId: z.string(),
  lang: z.enum(['ja', 'en']),
  title: z.string(),
  /** The article's first sentences, without Markdown marks. */
  excerpt: z.string(),
  /** Where the customer can read it (KOE_HELP_ARTICLE_URL), or null: the reply then names the title. */
  url: z.string().nullable(),
});
export type ArticleSuggestion = z.infer<typeof ArticleSuggestionSchema>;

export const ArticleSuggestionsSchema = z.object({
  /** The customer's language (their last message's); null when they have not written. */
  lang: z.enum(['ja', 'en']).nullable(),
  /** The 3 articles that best match the customer's last message, best first (fewer when fewer match). */
  items: z.array(ArticleSuggestionSchema),
});
export type ArticleSuggestions = z.infer<typeof ArticleSuggestionsSchema>;

/** The answer bot in a report's range (conversations whose bot answer fell in it), channel filter as the summary's. */
export const AnswerBotFiguresSchema = z.object({
  /** Conversations the bot answered. */
  answered: z.number(),
  /** …of which the customer then asked for a person or wrote again (handed to the agents). */
  handedOver: z.number(),
  /** …answered and never handed over: the customer needed no person (so far). */
  deflected: z.number(),
});
export type AnswerBotFigures = z.infer<typeof AnswerBotFiguresSchema>;

/** A reply draft from the language model: text for the agent to read and edit, never sent by Koe. */
export const ReplyDraftSchema = z.object({
  text: z.string(),
  /** The articles the draft was given (their ids), best first. */
  articleIds: z.array(z.string()),
});
export type ReplyDraft = z.infer<typeof ReplyDraftSchema>;
