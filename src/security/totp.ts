import { createHash, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { renderSVG } from 'uqr';

/** RFC 6238 as authenticator apps expect it: SHA-1, 6 digits, 30-second steps. */
const PERIOD_S = 30;
const totp = (secret: Secret, label = 'Koe') =>
  new TOTP({ issuer: 'Koe', label, algorithm: 'SHA1', digits: 6, period: PERIOD_S, secret });

export interface TotpEnrolment {
  secret: string;
  uri: string;
  qrSvg: string;
}

/** A new secret (160 bits, base32) with its otpauth:// URI and a QR code of it for the app to scan. */
export function newTotpSecret(label: string): TotpEnrolment {
  const secret = new Secret({ size: 20 });
  const uri = totp(secret, label).toString();
  return { secret: secret.base32, uri, qrSvg: renderSVG(uri, { border: 2 }) };
}

/**
 * The time step a code belongs to (one step either side of now is accepted for clock drift), or null. The caller
 * stores the step and accepts only later ones, so a code that was seen once cannot be replayed.
 */
export function totpStep(secretBase32: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(Secret.fromBase32(secretBase32)).validate({ token, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD_S) + delta;
}

/** The code an authenticator app shows at `now` (tests, the sandbox). */
export const totpCode = (secretBase32: string, now = Date.now()) =>
  totp(Secret.fromBase32(secretBase32)).generate({ timestamp: now });

// No 0/O, 1/I/L: codes are read off paper and typed by hand.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Ten single-use recovery codes (50 bits each), shown once; only their hashes are kept. */
export function newRecoveryCodes(count = 10): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
  return { codes, hashes: codes.map(hashRecoveryCode) };
}

export const hashRecoveryCode = (code: string) =>
  createHash('sha256')
    .update(code.toUpperCase().replace(/[^A-Z0-9]/g, ''))
    .digest('hex');
export const looksLikeRecoveryCode = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '').length === 10;
