import type { FastifySerializerCompiler } from 'fastify/types/schema';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * Responses are encoded through their contract schema (src/contracts), which drops any field the schema does not name:
 * an internal column never leaks by accident. The flip side is that a field the server means to send but the contract
 * forgot would vanish silently, so `strict` (on under the test runner) makes that an error naming the field.
 */
export function responseSerializer(opts: { strict: boolean }): FastifySerializerCompiler<unknown> {
  return ({ schema, method, url }) => {
    const contract = contractOf(schema);
    return (data) => {
      const result = z.safeEncode(contract, data);
      if (!result.success) throw new ResponseSerializationError(method, url, { cause: result.error });
      if (opts.strict) {
        const lost = droppedFields(JSON.parse(JSON.stringify(data ?? null)), result.data);
        if (lost.length)
          throw new Error(`${method} ${url}: the response contract does not describe ${[...new Set(lost)].join(', ')}`);
      }
      return JSON.stringify(result.data);
    };
  };
}

function contractOf(schema: unknown): z.ZodType {
  if (schema instanceof z.ZodType) return schema;
  const props = (schema as { properties?: unknown } | null)?.properties;
  if (props instanceof z.ZodType) return props;
  throw new Error(`A response schema must be a zod schema, got ${JSON.stringify(schema)}`);
}

/** Paths present (not undefined) in `sent` that `kept` lacks; both are plain JSON values. */
export function droppedFields(sent: unknown, kept: unknown, at = ''): string[] {
  if (Array.isArray(sent))
    return Array.isArray(kept) ? sent.flatMap((v, i) => droppedFields(v, kept[i], `${at}[]`)) : [];
  if (!sent || typeof sent !== 'object' || !kept || typeof kept !== 'object') return [];
  return Object.entries(sent).flatMap(([key, value]) => {
    const path = at ? `${at}.${key}` : key;
    if (!(key in kept)) return [path];
    return droppedFields(value, (kept as Record<string, unknown>)[key], path);
  });
}
