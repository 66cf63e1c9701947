import { describe, expect, it } from 'vitest';
import { phrasesOf, risingPhrases } from './phrases';

describe('phrases of a customer text', () => {
  it('reads katakana names, kanji compounds, Latin words and hashtags, each once', () => {
    expect(phrasesOf('イヤホンが壊れた。二重請求もされた。イヤホン交換して #Koeマート').sort()).toEqual(
      ['#koeマート', 'イヤホン', '交換', '二重請求'].sort(),
    );
    expect(phrasesOf('The KoeMart app keeps crashing after the update')).toEqual([
      'koemart',
      'app',
      'keeps',
      'crashing',
      'after',
      'update',
    ]);
  });

  it('folds width and case, drops links, handles, stop words and the brand’s own names', () => {
    expect(phrasesOf('ｲﾔﾎﾝ が届かない https://example.com/x @koe_support 今日', new Set(['koeマート']))).toEqual([
      'イヤホン',
    ]);
    expect(phrasesOf('Koeマートのアプリ #Koeマート', new Set(['koeマート']))).toEqual(['アプリ']);
  });
});

describe('rising phrases', () => {
  it('ranks by conversations above what the period before predicts, at least three now', () => {
    const now = [['イヤホン', '返金'], ['イヤホン'], ['イヤホン', '返金'], ['返金'], ['在庫'], ['在庫'], ['在庫']];
    const before = [['返金'], ['返金'], ['返金'], ['在庫']];
    // 7 conversations now, 4 before: 返金 3 now vs 3×7/4≈5 expected → not rising; 在庫 3 vs 2 → +1; イヤホン new, +3.
    expect(risingPhrases(now, before)).toEqual([
      { phrase: 'イヤホン', conversations: 3, before: 0, change: 3 },
      { phrase: '在庫', conversations: 3, before: 1, change: 1 },
    ]);
  });

  it('needs three conversations to call anything rising', () => {
    expect(risingPhrases([['ケトル'], ['ケトル']], [])).toEqual([]);
  });
});
