import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A "known browser" mark for one account, set after a successful sign-in (a device cookie). Failed passwords
 * from browsers without it count toward the account's lock; a browser with it keeps signing in while the account
 * is locked to everyone else, so an attacker guessing passwords cannot lock the owner out.
 * Value: <agent id>.<nonce>.<HMAC-SHA256(instance key, purpose ‖ agent id ‖ nonce)>, all base64url-safe.
 */
const PURPOSE = 'koe-device-cookie-v1';
export const DEVICE_COOKIE = 'koe_device';
export const DEVICE_COOKIE_DAYS = 365;

const mac = (key: Buffer, agentId: string, nonce: string) =>
  createHmac('sha256', key).update(`${PURPOSE}\0${agentId}\0${nonce}`).digest();

export function deviceCookieFor(key: Buffer, agentId: string): string {
  const nonce = randomBytes(12).toString('base64url');
  return `${agentId}.${nonce}.${mac(key, agentId, nonce).toString('base64url')}`;
}

/** The agent this browser has signed in as before, or null when the cookie is absent, foreign or forged. */
export function deviceCookieAgent(key: Buffer, value: string | undefined): string | null {
  if (!value) return null;
  const [agentId, nonce, given] = value.split('.');
  if (!agentId || !nonce || !given || value.split('.').length !== 3) return null;
  const expected = mac(key, agentId, nonce);
  const actual = Buffer.from(given, 'base64url');
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? agentId : null;
}
