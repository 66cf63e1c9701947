import { describe, expect, it } from 'vitest';
import { searchPhrase, searchTokens } from './tokens';

/** Whether the phrase occurs in the text's tokens as the index would find it (consecutive, last token as a prefix). */
function found(text: string, query: string): boolean {
  const t = searchTokens(text);
  const p = searchPhrase(query);
  if (!p) throw new Error(`no phrase for ${query}`);
  return t.some((_, i) =>
    p.tokens.every((q, j) => (j === p.tokens.length - 1 && p.prefixLast ? t[i + j]?.startsWith(q) : t[i + j] === q)),
  );
}

describe('search tokens', () => {
  it('indexes Japanese as overlapping bigrams and Latin letters and digits as words', () => {
    expect(searchTokens('返金してください')).toEqual(['返金', '金し', 'して', 'てく', 'くだ', 'ださ', 'さい']);
    expect(searchTokens('注文番号はKM-20241206-0042です')).toEqual([
      '注文',
      '文番',
      '番号',
      '号は',
      'km',
      '20241206',
      '0042',
      'です',
    ]);
    expect(searchTokens('ＫＭ－１２３ ｶﾞﾁｬ')).toEqual(['km', '123', 'ガチ', 'チャ']);
    expect(searchTokens('。返。')).toEqual(['返']);
  });

  it('finds a Japanese phrase wherever the text contains it, and only there', () => {
    const text = 'カードで二重請求されてます。至急返金してください';
    for (const q of ['返金', '二重請求', '請求され', 'カード', '至急返金して']) expect(found(text, q)).toBe(true);
    expect(found(text, '返品')).toBe(false);
    // Punctuation between the characters: not the same words.
    expect(found('返。金', '返金')).toBe(false);
  });

  it('finds an order number by any of its leading parts, a handle, and English words as typed', () => {
    const text = '注文番号はKM-20241206-0042です。@koe_fan より';
    expect(found(text, 'KM-20241206-0042')).toBe(true);
    expect(found(text, 'km-2024')).toBe(true);
    expect(found(text, '20241206-0042')).toBe(true);
    expect(found(text, '@koe_fan')).toBe(true);
    expect(found('The kettle arrived broken', 'arrived bro')).toBe(true);
    expect(found('The kettle arrived broken', 'kettle broken')).toBe(false);
  });

  it('leaves to the scan what bigrams cannot find', () => {
    expect(searchPhrase('返')).toBeNull();
    expect(searchPhrase('、。！')).toBeNull();
    expect(searchPhrase('返金')).toEqual({ tokens: ['返金'], prefixLast: false });
  });
});

describe('search snippets', () => {
  it('shows the words around the first match, marked where the text goes on', async () => {
    const { snippetOf } = await import('./snippet');
    const long = `${'あ'.repeat(50)}注文番号はKM-20241206-0042です${'い'.repeat(100)}`;
    const s = snippetOf(long, 'km-20241206');
    expect(s.startsWith('…')).toBe(true);
    expect(s).toContain('注文番号はKM-20241206-0042です');
    expect(s.endsWith('…')).toBe(true);
    expect(snippetOf('返金してください', '返金')).toBe('返金してください');
    expect(snippetOf('ｶﾞﾁｬ石が消えた', 'ガチャ')).toBe('ガチャ石が消えた');
  });
});
