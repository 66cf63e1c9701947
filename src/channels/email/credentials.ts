import { z } from 'zod';

const port = z.number().int().min(1).max(65535);

/** The support mailbox: where Koe sends from (SMTP relay) and, optionally, the SMTP port Koe listens on. */
export const emailCredentialsSchema = z.object({
  address: z.email(),
  smtpHost: z.string().min(1),
  smtpPort: port,
  smtpSecure: z.boolean().optional(),
  smtpUser: z.string().min(1).optional(),
  smtpPass: z.string().min(1).optional(),
  /** 0 = no inbound server (mail reaches Koe some other way, or not at all). */
  inboundPort: z.number().int().min(0).max(65535).default(0),
  /** Loopback by default: Koe expects the organisation's MX to relay to it, not the internet. */
  inboundHost: z.string().min(1).default('127.0.0.1'),
});

export type EmailCredentials = z.infer<typeof emailCredentialsSchema>;

export const readEmailCredentials = (raw: unknown): EmailCredentials => emailCredentialsSchema.parse(raw);
