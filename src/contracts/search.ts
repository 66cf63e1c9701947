import { z } from 'zod';
import { PersonRef } from './common';
import { ChannelRefSchema, ConversationLevelSchema } from './conversations';
import { CATEGORIES, CONVERSATION_STATUSES } from './values';

/** GET /api/search: one box over message text, customers (names, emails, handles) and their conversations. */
export const SearchQuery = z.object({
  q: z.string().trim().min(1, 'must not be empty').max(200),
  channel: z.string().max(100).optional(),
  status: z.enum(CONVERSATION_STATUSES).optional(),
  level: z.coerce.number().int().min(0).max(3).optional(),
  category: z.enum(CATEGORIES).optional(),
  assignee: z.string().max(100).optional(),
  /** Messages written at or after / before these times (ISO 8601). */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
/** As a client writes it (numbers travel as query strings and are coerced). */
export type SearchParams = Omit<z.input<typeof SearchQuery>, 'level' | 'limit'> & { level?: number; limit?: number };

export const SearchHitSchema = z.object({
  conversationId: z.string(),
  /** The message the query was found in (open the conversation there); null for a customer match. */
  messageId: z.string().nullable(),
  /** Where the query was found: a message's text, the customer's name, email or handle, or the conversation's reference. */
  match: z.enum(['message', 'customer', 'reference']),
  /** The words around the match (a message), or the name / email / handle that matched. */
  snippet: z.string(),
  messageKind: z.enum(['customer', 'reply', 'note']).nullable(),
  /** When the message was written, or the conversation's last message for a customer match. */
  at: z.string(),
  customer: PersonRef,
  channel: ChannelRefSchema,
  status: z.enum(CONVERSATION_STATUSES),
  /** Null while no agent has replied (an open conversation then reads 新規). */
  firstResponseAt: z.string().nullable(),
  level: ConversationLevelSchema,
});
export type SearchHit = z.infer<typeof SearchHitSchema>;
export const SearchResultSchema = z.object({ items: z.array(SearchHitSchema) });
