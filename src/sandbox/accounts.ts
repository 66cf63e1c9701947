import { randomBytes } from 'node:crypto';

export const SANDBOX_PLATFORMS = ['line', 'facebook', 'instagram', 'x', 'email'] as const;
export type SandboxPlatform = (typeof SANDBOX_PLATFORMS)[number];

const secret = (bytes = 24) => randomBytes(bytes).toString('hex');
const digits = (n: number) =>
  Array.from(randomBytes(n), (b) => String(b % 10))
    .join('')
    .replace(/^0/, '1');

/**
 * The brand's accounts on the simulated platforms: ids and secrets the sandbox checks Koe's calls against and
 * signs its webhooks with. Generated afresh on every start and handed to Koe as channel credentials.
 */
export interface BrandAccounts {
  line: { channelSecret: string; channelAccessToken: string; botUserId: string };
  meta: {
    appSecret: string;
    verifyToken: string;
    pageAccessToken: string;
    pageId: string;
    igAccountId: string;
    graphVersion: string;
  };
  x: { consumerSecret: string; accessToken: string; userId: string; handle: string };
  email: { address: string; smtpUser: string; smtpPass: string };
}

export function generateBrandAccounts(): BrandAccounts {
  return {
    line: { channelSecret: secret(16), channelAccessToken: secret(32), botUserId: `U${secret(16)}` },
    meta: {
      appSecret: secret(16),
      verifyToken: secret(12),
      pageAccessToken: `EAAB${secret(32)}`,
      pageId: digits(15),
      igAccountId: digits(17),
      graphVersion: 'v21.0',
    },
    x: { consumerSecret: secret(25), accessToken: secret(32), userId: digits(19), handle: 'KoeMart' },
    email: { address: 'support@koemart.example', smtpUser: 'koe-sandbox', smtpPass: secret(12) },
  };
}

export const PLATFORM_LABEL: Record<SandboxPlatform, string> = {
  line: 'LINE',
  facebook: 'Facebook',
  instagram: 'Instagram',
  x: 'X',
  email: 'メール',
};
