import { createHmac, timingSafeEqual } from 'node:crypto';

const hmac = (secret: string, data: Buffer | string) => createHmac('sha256', secret).update(data).digest();

/** The CRC answer X expects within 3 s: `sha256=` + base64(HMAC-SHA256(consumer secret, crc_token)). */
export const crcResponseToken = (consumerSecret: string, crcToken: string) => `sha256=${hmac(consumerSecret, crcToken).toString('base64')}`;

export const xSignature = (consumerSecret: string, rawBody: Buffer) => `sha256=${hmac(consumerSecret, rawBody).toString('base64')}`;

/** Constant-time check of `x-twitter-webhooks-signature` over the raw body. */
export function isValidXSignature(rawBody: Buffer, consumerSecret: string, header: string | string[] | undefined): boolean {
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const given = Buffer.from(header.slice('sha256='.length), 'base64');
  const expected = hmac(consumerSecret, rawBody);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
