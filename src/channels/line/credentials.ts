import { messagingApi } from '@line/bot-sdk';
import { z } from 'zod';

export const LINE_API_BASE = 'https://api.line.me';

export const lineCredentialsSchema = z.object({
  channelSecret: z.string().trim().min(1, 'is required (Basic settings → Channel secret)'),
  channelAccessToken: z.string().trim().min(1, 'is required (Messaging API → Channel access token)'),
  // The SDK resolves absolute paths against this URL, so a path prefix would be silently dropped: accept origins only.
  apiBaseUrl: z
    .url()
    .refine((u) => new URL(u).pathname === '/', 'must be an origin such as https://api.line.me (no path)')
    .optional(),
});

export type LineCredentials = z.infer<typeof lineCredentialsSchema>;

export function lineApi(creds: LineCredentials): messagingApi.MessagingApiClient {
  return new messagingApi.MessagingApiClient({
    channelAccessToken: creds.channelAccessToken,
    baseURL: (creds.apiBaseUrl ?? LINE_API_BASE).replace(/\/$/, ''),
  });
}
