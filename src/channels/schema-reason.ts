import type { z } from 'zod';

/** A short human reason from a schema failure, for a failed inbound event an admin reads (first three problems). */
export const zodReason = (e: z.ZodError) =>
  e.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
    .join('; ');
