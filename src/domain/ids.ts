import { randomBytes, randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();
export const nowIso = (): string => new Date().toISOString();
/** URL-safe random token, for session ids, API tokens, visitor tokens and public channel keys. */
export const randomToken = (bytes = 24): string => randomBytes(bytes).toString('base64url');
