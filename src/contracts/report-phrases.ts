import { z } from 'zod';

/** Words and names customers use in more conversations than in the period before (docs/reports.md). */
export const RisingPhrasesSchema = z.object({
  phrases: z.array(
    z.object({
      phrase: z.string(),
      /** Conversations naming it in the range (in the sample, when `sampled`). */
      conversations: z.number().int(),
      /** The same in the period before. */
      before: z.number().int(),
      /** Conversations more than the period before predicts (scaled to this period's size). */
      change: z.number().int(),
    }),
  ),
  /** Conversations begun in the range. */
  conversations: z.number().int(),
  /** True when a period held more conversations than are read (a uniform sample of 5,000 each). */
  sampled: z.boolean(),
});
export type RisingPhrases = z.infer<typeof RisingPhrasesSchema>;
