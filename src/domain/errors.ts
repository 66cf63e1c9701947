/** Typed domain errors; the HTTP layer maps each kind once to a problem+json status. */
export type DomainErrorKind =
  'validation' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'too_large' | 'rate_limited';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly fieldErrors?: { path: string; message: string; code?: string }[],
    /** A stable name for errors a client shows in its own words (e.g. `weak_password`, `account_locked`). */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('not_found', `${what} not found`);
export const forbidden = (why = 'You do not have permission to do this') => new DomainError('forbidden', why);
export const conflict = (why: string) => new DomainError('conflict', why);
export const invalid = (path: string, message: string) =>
  new DomainError('validation', `${path}: ${message}`, [{ path, message }]);
