import { describe, expect, it } from 'vitest';
import { cleanDeep, cleanText } from './clean-text';

describe('cleanText', () => {
  it('removes NUL and replaces lone surrogates, leaving other text (Japanese, emoji, newlines) alone', () => {
    expect(cleanText('二重\u0000請求')).toBe('二重請求');
    expect(cleanText('a\uD800b')).toBe('a\uFFFDb');
    expect(cleanText('返金 🙇‍♀️\r\n\tok')).toBe('返金 🙇‍♀️\r\n\tok');
  });

  it('cleans the null-prototype records that routers and query parsers produce', () => {
    function Empty() {
      /* a router's params holder */
    }
    Empty.prototype = Object.create(null);
    const params = new (Empty as unknown as new () => Record<string, string>)();
    params.id = 'a\u0000b';
    expect(cleanDeep(params)).toEqual({ id: 'ab' });
  });

  it('walks nested data, keys included, and keeps non-strings and Buffers as they are', () => {
    const buf = Buffer.from('x\u0000');
    expect(cleanDeep({ 'k\u0000': ['a\u0000', 1, null, { t: '\u0000' }], b: buf, n: 2, f: false })).toEqual({
      k: ['a', 1, null, { t: '' }],
      b: buf,
      n: 2,
      f: false,
    });
  });
});
