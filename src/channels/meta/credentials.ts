import { z } from 'zod';

/** What an admin enters for a Facebook Page or Instagram channel (stored encrypted). */
export const metaCredentialsSchema = z.object({
  appSecret: z.string().min(1),
  verifyToken: z.string().min(1),
  pageAccessToken: z.string().min(1),
  pageId: z.string().min(1),
  igAccountId: z.string().min(1).optional(),
  graphBaseUrl: z.url().default('https://graph.facebook.com'),
  graphVersion: z
    .string()
    .regex(/^v\d+\.\d+$/, 'must look like v21.0')
    .default('v21.0'),
});

export type MetaCredentials = z.infer<typeof metaCredentialsSchema>;

/** Credentials saved before a default existed still work: defaults are applied on every read. */
export const readMetaCredentials = (raw: unknown): MetaCredentials => metaCredentialsSchema.parse(raw);
