import { describe, expect, it } from 'vitest';
import { suggestionTerms } from './suggestion-terms';

describe('suggestionTerms', () => {
  it('keeps the whole text first, then kanji and katakana runs', () => {
    expect(suggestionTerms('送料はいくらですか？')).toEqual(['送料はいくらですか?', '送料']);
    expect(suggestionTerms('ポイントの有効期限を知りたい')).toEqual([
      'ポイントの有効期限を知りたい',
      'ポイント',
      '有効期限',
    ]);
  });

  it('takes Latin words of three letters or more, longest first, without repeating the whole text', () => {
    expect(suggestionTerms('How much is  shipping')).toEqual(['How much is shipping', 'shipping', 'much', 'how']);
    expect(suggestionTerms('refund')).toEqual(['refund']);
  });

  it('gives nothing for blank text and at most max terms', () => {
    expect(suggestionTerms('   ')).toEqual([]);
    expect(suggestionTerms('alpha beta gamma delta epsilon zeta', 3)).toHaveLength(3);
  });
});
