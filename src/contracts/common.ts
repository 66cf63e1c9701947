import { z } from 'zod';

/** `:id` in a path. */
export const IdParams = z.object({ id: z.string().min(1).max(100) });

/** A list answer; `nextCursor` where the list pages. */
export const Items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
export const Page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
export type Page<T> = { items: T[]; nextCursor: string | null };

/** 204, 202 without a body, and redirects: documented, never serialised. */
export const NoContent = z.void().describe('No content');
export const Redirect = z.void().describe('Redirects the browser');

/** Someone named on a record: an agent, the assignee, who declared an incident. */
export const PersonRef = z.object({ id: z.string(), name: z.string() });

/** Every error answer (application/problem+json): `detail` is a sentence, `errors` name the fields at fault. */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  /** A stable code the web app translates, where the error has one. */
  code: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() })).optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;
