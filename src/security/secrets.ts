import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** AES-256-GCM for channel credentials at rest. Output: v1.<iv>.<tag>.<ciphertext>, base64url parts. */
export function encryptSecret(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join(
    '.',
  );
}

export function decryptSecret(key: Buffer, sealed: string): string {
  const [v, iv, tag, ct] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || ct === undefined) throw new Error('Unrecognised secret format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

/** Tokens (sessions, API tokens, visitor tokens) are stored only as hashes. */
/** A write-only secret in an update: left out (undefined) keeps the stored one, null removes it, text replaces it. */
export const nextSealedSecret = (
  given: string | null | undefined,
  stored: string | null,
  seal: (plain: string) => string,
): string | null => (given === undefined ? stored : given === null ? null : seal(given));

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');
