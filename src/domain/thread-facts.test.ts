import { describe, expect, it } from 'vitest';
import { factsOfText, threadFacts } from './thread-facts';

describe('thread facts', () => {
  it('finds a labelled order number in Japanese, full-width included', () => {
    expect(factsOfText('注文番号はＫＭ－２０２４１２０６－００４２です').orderNumbers).toEqual(['KM-20241206-0042']);
    expect(factsOfText('ご注文番号: 778812 で二重に引き落とされました').orderNumbers).toEqual(['778812']);
  });

  it('finds labelled and code-shaped numbers in English', () => {
    expect(factsOfText('Order #A1B2C3 was charged twice').orderNumbers).toEqual(['A1B2C3']);
    expect(factsOfText('my order KM-20241206-0042 never arrived').orderNumbers).toEqual(['KM-20241206-0042']);
  });

  it('does not take dates, phone numbers, prices or plain words for order numbers', () => {
    const f = factsOfText('2024-12-05に0120-123-456へ電話しました。3,980円です。order soon please');
    expect(f.orderNumbers).toEqual([]);
    expect(f.dates).toEqual(['2024-12-05']);
    expect(f.amounts).toEqual(['3,980円']);
  });

  it('finds dates and amounts as written', () => {
    const f = factsOfText('12月5日に¥3,980が2回請求されました');
    expect(f.dates).toEqual(['12月5日']);
    expect(f.amounts).toEqual(['¥3,980']);
    expect(factsOfText('charged $12.50 twice on Dec 5th').dates).toEqual(['Dec 5th']);
    expect(factsOfText('charged $12.50 twice on Dec 5th').amounts).toEqual(['$12.50']);
  });

  it('puts the newest mention first across a thread', () => {
    const f = threadFacts([
      '注文番号 KM-1111-0001 です',
      '別の注文 KM-2222-0002 もです',
      'やはり KM-1111-0001 の方でした',
    ]);
    expect(f.orderNumbers).toEqual(['KM-1111-0001', 'KM-2222-0002']);
    expect(threadFacts([]).orderNumbers).toEqual([]);
  });
});
