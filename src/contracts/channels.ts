import { z } from 'zod';
import { CHANNEL_KINDS } from './values';

export const ChannelSchema = z.object({
  id: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  name: z.string(),
  /** Identifies a web chat channel to the widget; not a secret. */
  publicKey: z.string(),
  createdAt: z.string(),
  /** Web chat: the first line the widget shows. */
  greeting: z.string().nullable(),
  /** Web chat only: the script tag for the brand's site. */
  embedSnippet: z.string().nullable(),
  /** Social platforms and email: where the platform delivers events (null for web chat). */
  webhookUrl: z.string().nullable(),
  hasCredentials: z.boolean(),
  /** The answer bot answers plain questions on this channel from published articles (off by default). */
  answerBot: z.boolean(),
  /** In the channel list: the last event received and the last delivery or ingest error. */
  health: z.object({ lastEventAt: z.string().nullable(), lastError: z.string().nullable() }).optional(),
});
export type Channel = z.infer<typeof ChannelSchema>;

export const NewChannelBody = z.object({
  kind: z.enum(CHANNEL_KINDS),
  name: z.string().trim().min(1).max(100),
  greeting: z.string().trim().max(500).optional(),
  /** Platform credentials (secrets, tokens, ids); validated by the platform's plugin and stored encrypted. */
  credentials: z.record(z.string(), z.unknown()).optional(),
});
export type NewChannelInput = z.input<typeof NewChannelBody>;

export const AnswerBotBody = z.object({ enabled: z.boolean() });

export const CredentialsBody = z.object({ credentials: z.record(z.string(), z.unknown()) });

export const ChannelTestSchema = z.object({ ok: z.boolean(), detail: z.string() });
export type ChannelTest = z.infer<typeof ChannelTestSchema>;
