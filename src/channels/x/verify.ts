import { createHmac, timingSafeEqual } from 'node:crypto';

const hmac = (secret: string, data: Buffer | string) => createHmac('sha256', secret).update(data).digest();

/**
 * X signs CRC answers and event deliveries with the same key, so answering the CRC for any text would sign any
 * body an attacker chooses (a JSON event passed as `crc_token`). X's tokens are short random strings (UUIDs,
 * base64); accepting only that shape means no JSON body — which needs `{` and quotes — can ever be signed here.
 */
const CRC_TOKEN = /^[A-Za-z0-9+/=_.~-]{8,128}$/;
export const isCrcToken = (token: unknown): token is string => typeof token === 'string' && CRC_TOKEN.test(token);

/** The CRC answer X expects within 3 s: `sha256=` + base64(HMAC-SHA256(consumer secret, crc_token)). */
export function crcResponseToken(consumerSecret: string, crcToken: string): string {
  if (!isCrcToken(crcToken)) throw new Error('Refusing to sign a value that is not a CRC token');
  return `sha256=${hmac(consumerSecret, crcToken).toString('base64')}`;
}

export const xSignature = (consumerSecret: string, rawBody: Buffer) =>
  `sha256=${hmac(consumerSecret, rawBody).toString('base64')}`;

/** Constant-time check of `x-twitter-webhooks-signature` over the raw body. */
export function isValidXSignature(
  rawBody: Buffer,
  consumerSecret: string,
  header: string | string[] | undefined,
): boolean {
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const given = Buffer.from(header.slice('sha256='.length), 'base64');
  const expected = hmac(consumerSecret, rawBody);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
