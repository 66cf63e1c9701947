import { z } from 'zod';
import { ChannelRefSchema, IdentitySchema } from './conversations';
import { CONVERSATION_STATUSES } from './values';

export const CustomerMergeSchema = z.object({
  id: z.string(),
  sourceId: z.string(),
  sourceName: z.string(),
  createdAt: z.string(),
  /** Set once the merge was undone; undone merges stay listed. */
  undoneAt: z.string().nullable(),
});
export type CustomerMerge = z.infer<typeof CustomerMergeSchema>;

/** One person across channels: identities, conversations (newest first, up to 50) and merges into them. */
export const CustomerSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  identities: z.array(IdentitySchema),
  conversations: z.array(
    z.object({
      id: z.string(),
      status: z.enum(CONVERSATION_STATUSES),
      /** Null while no agent has replied (the web app reads an open one as 新規). */
      firstResponseAt: z.string().nullable(),
      channel: ChannelRefSchema,
      lastMessageAt: z.string(),
      preview: z.string(),
    }),
  ),
  /** Customers merged into this one, newest first. */
  merges: z.array(CustomerMergeSchema),
});
export type Customer = z.infer<typeof CustomerSchema>;

export const MergeSuggestionSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  identities: z.array(IdentitySchema),
  /** Why they are probably the same person. */
  reason: z.enum(['same_email', 'same_name']),
});
export type MergeSuggestion = z.infer<typeof MergeSuggestionSchema>;

export const MergeBody = z.object({ sourceId: z.string().min(1).max(100) });
export const MergeResultSchema = z.object({ mergeId: z.string() });
