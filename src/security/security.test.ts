import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords';
import { decryptSecret, encryptSecret, hashToken } from './secrets';

describe('passwords', () => {
  it('hashes with scrypt and verifies', async () => {
    const h = await hashPassword('正しいパスワード123');
    expect(h.startsWith('scrypt$16384$8$1$')).toBe(true);
    expect(await verifyPassword('正しいパスワード123', h)).toBe(true);
    expect(await verifyPassword('wrong-password', h)).toBe(false);
  });
  it('salts every hash', async () => {
    expect(await hashPassword('same-password')).not.toBe(await hashPassword('same-password'));
  });
  it('rejects against the dummy hash and malformed hashes', async () => {
    expect(await verifyPassword('anything', DUMMY_HASH)).toBe(false);
    expect(await verifyPassword('anything', 'plain')).toBe(false);
  });
});

describe('secrets at rest', () => {
  const key = randomBytes(32);
  it('round-trips and does not contain the plaintext', () => {
    const sealed = encryptSecret(key, 'channel-access-token-xyz');
    expect(sealed).not.toContain('channel-access-token-xyz');
    expect(decryptSecret(key, sealed)).toBe('channel-access-token-xyz');
  });
  it('fails with another key or tampered data', () => {
    const sealed = encryptSecret(key, 'secret');
    expect(() => decryptSecret(randomBytes(32), sealed)).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => decryptSecret(key, parts.join('.'))).toThrow();
  });
  it('hashes tokens deterministically', () => {
    expect(hashToken('abc')).toBe(hashToken('abc'));
    expect(hashToken('abc')).not.toBe(hashToken('abd'));
  });
});
