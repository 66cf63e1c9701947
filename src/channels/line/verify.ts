import { createHmac, timingSafeEqual } from 'node:crypto';

/** LINE signs the exact request bytes: base64(HMAC-SHA256(channel secret, raw body)). */
export function lineSignature(rawBody: Buffer, channelSecret: string): string {
  return createHmac('sha256', channelSecret).update(rawBody).digest('base64');
}

/** Constant-time check of the `x-line-signature` header; a missing or malformed header is simply invalid. */
export function isValidLineSignature(
  rawBody: Buffer,
  channelSecret: string,
  header: string | string[] | undefined,
): boolean {
  if (typeof header !== 'string' || header.length === 0) return false;
  const expected = createHmac('sha256', channelSecret).update(rawBody).digest();
  const given = Buffer.from(header, 'base64');
  // timingSafeEqual throws on different lengths; a wrong length is a wrong signature.
  return given.length === expected.length && timingSafeEqual(given, expected);
}
