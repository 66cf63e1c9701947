import { z } from 'zod';
import { PersonRef } from './common';

/** The text of a saved reply per language; at least one. The composer picks the customer's language. */
export const SavedReplyBodies = z.object({
  ja: z.string().trim().max(5000).optional(),
  en: z.string().trim().max(5000).optional(),
});
export type SavedReplyBodies = z.infer<typeof SavedReplyBodies>;

/** Create or edit: shared replies are for every agent (supervisors and admins edit them), personal ones for their owner. */
export const SavedReplyInput = z
  .object({
    title: z.string().trim().min(1).max(100),
    bodies: SavedReplyBodies,
    shared: z.boolean().default(false),
  })
  .refine((r) => Boolean(r.bodies.ja || r.bodies.en), {
    message: 'write the reply in at least one language',
    path: ['bodies'],
  });
export type SavedReplyInput = z.infer<typeof SavedReplyInput>;

export const ReplyPromptSchema = z.object({
  /** The text to replace in `text` (`{{order.number}}`, `{{ask:お届け予定日}}`). */
  key: z.string(),
  /** What to ask the agent, in their language. */
  label: z.string(),
});

export const SavedReplySchema = z.object({
  id: z.string(),
  title: z.string(),
  bodies: SavedReplyBodies,
  shared: z.boolean(),
  /** Who owns a personal reply; null when shared. */
  owner: PersonRef.nullable(),
  /** Whether the asking agent may edit or delete it. */
  editable: z.boolean(),
  usageCount: z.number().int(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string().nullable(),
  /** With `?conversationId=`: the reply in the customer's language with the variables filled for that conversation. */
  rendered: z
    .object({
      lang: z.enum(['ja', 'en']),
      text: z.string(),
      /** Variables without a value and `ask:` prompts, for the agent to fill in before inserting. */
      prompts: z.array(ReplyPromptSchema),
    })
    .optional(),
});
export type SavedReply = z.infer<typeof SavedReplySchema>;

export const SavedRepliesQuery = z.object({ conversationId: z.string().min(1).max(100).optional() });
