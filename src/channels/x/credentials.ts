import { z } from 'zod';

export const X_API_BASE = 'https://api.x.com';
export const DEFAULT_POLL_INTERVAL_SECONDS = 60;

export const xCredentialsSchema = z
  .object({
    /** The app's API key secret: signs Account Activity webhooks and CRC answers. */
    consumerSecret: z.string().trim().min(1, "is required (the app's API key secret)"),
    /** OAuth 2.0 user-context token of the brand account: needed to post replies and send DMs. */
    accessToken: z.string().trim().min(1).optional(),
    /** App-only bearer token: enough for reading mentions and search (listening only). */
    bearerToken: z.string().trim().min(1).optional(),
    userId: z
      .string()
      .trim()
      .regex(/^\d{1,20}$/, 'must be the numeric id of the brand account'),
    handle: z
      .string()
      .trim()
      .transform((h) => h.replace(/^@/, ''))
      .pipe(z.string().regex(/^\w{1,15}$/, 'must be an X handle such as @koemart')),
    apiBaseUrl: z.url().optional(),
    /** Polling keeps the desk working on tiers without Account Activity; 0 relies on webhooks only. */
    pollIntervalSeconds: z.number().int().min(0).max(86_400).default(DEFAULT_POLL_INTERVAL_SECONDS),
    /** Recent-search query for listening beyond mentions, e.g. `#Koeマート OR "Koe Mart" -is:retweet`. */
    searchQuery: z.string().trim().min(1).max(512).optional(),
  })
  .refine((c) => Boolean(c.accessToken || c.bearerToken), {
    message: 'accessToken or bearerToken is required',
    path: ['accessToken'],
  });

export type XCredentials = z.infer<typeof xCredentialsSchema>;

/** Reads need any token; writes need the brand's user-context token. */
export const readToken = (c: XCredentials) => c.bearerToken ?? c.accessToken!;
