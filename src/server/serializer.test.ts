import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { droppedFields, responseSerializer } from './serializer';

const Contract = z.object({ id: z.string(), items: z.array(z.object({ name: z.string() })) });
const serialize = (strict: boolean) =>
  responseSerializer({ strict })({ schema: Contract, method: 'GET', url: '/api/x', httpStatus: '200' });

describe('response serializer', () => {
  it('sends only what the contract names', () => {
    const body = serialize(false)({ id: 'a', secret: 'hash', items: [{ name: 'n', internal: 1 }] });
    expect(JSON.parse(body)).toEqual({ id: 'a', items: [{ name: 'n' }] });
  });

  it('in strict mode names every field the contract would drop', () => {
    expect(() => serialize(true)({ id: 'a', secret: 'hash', items: [{ name: 'n', internal: 1 }] })).toThrow(
      'GET /api/x: the response contract does not describe secret, items[].internal',
    );
    expect(JSON.parse(serialize(true)({ id: 'a', items: [], gone: undefined }))).toEqual({ id: 'a', items: [] });
  });

  it('refuses a response that breaks the contract', () => {
    expect(() => serialize(false)({ id: 1, items: [] })).toThrow();
  });

  it('compares plain JSON values', () => {
    expect(droppedFields({ a: { b: 1, c: [{ d: 1 }] } }, { a: { c: [{}] } })).toEqual(['a.b', 'a.c[].d']);
    expect(droppedFields([1, 2], [1, 2])).toEqual([]);
  });
});
