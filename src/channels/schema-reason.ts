import type { z } from 'zod';

/** A short human reason from a schema failure, for a failed inbound event an admin reads (first three problems). */
export const zodReason = (e: z.ZodError) =>
  e.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
    .join('; ');

/** Part of a signed delivery that cannot be read: kept for admins with the reason (`ctx.reject`). */
export interface RejectedPart {
  payload: unknown;
  reason: string;
}

/**
 * A signed webhook body read by `parse`. When it is not JSON, or `parse` refuses it whole, the answer says why and
 * what to keep for admins: the JSON when there is some, else the text.
 */
export function readSignedJson<R extends object>(
  raw: Buffer,
  parse: (body: unknown) => R,
): Exclude<R, { invalid: string }> | { invalid: string; payload: unknown } {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return { invalid: 'the body is not JSON', payload: raw.toString('utf8') };
  }
  const parsed = parse(body);
  return 'invalid' in parsed
    ? { invalid: String(parsed.invalid), payload: body }
    : (parsed as Exclude<R, { invalid: string }>);
}
