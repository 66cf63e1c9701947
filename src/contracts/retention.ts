import { z } from 'zod';

/**
 * Data retention (admin): customers' messages older than `messageDays` lose their words — bodies replaced by a notice,
 * attachments and platform data removed, search entries deleted — while conversations stay for reports. Off (null)
 * by default.
 */
export const RetentionSettingsSchema = z.object({
  messageDays: z.number().int().min(1).max(3650).nullable().default(null),
});
export type RetentionSettings = z.infer<typeof RetentionSettingsSchema>;
/** PUT body: the whole document, without defaults (a missing field is an error, not "off"). */
export const RetentionSettingsInput = z.object({ messageDays: z.number().int().min(1).max(3650).nullable() });

/** What one erasure (or one retention round) removed. */
export const ErasureResultSchema = z.object({
  customerId: z.string(),
  messages: z.number().int(),
  conversations: z.number().int(),
  profileErased: z.boolean(),
});
export type ErasureResult = z.infer<typeof ErasureResultSchema>;
