import { describe, expect, it } from 'vitest';
import { copiesOf, defensivePhrase, DEFAULT_DEFENSIVE_PHRASES, isSigned, similarity, comparable } from './reply-style';

describe('reply style checks', () => {
  it('finds a pasted reply with only the name changed, not a short thanks nor a different answer', () => {
    const earlier = [
      '佐藤様、ご迷惑をおかけし申し訳ございません。ただいま確認しておりますので、詳細をDMでお送りいただけますか。',
      '返品は到着から30日以内であれば承ります。',
    ];
    const draft =
      '田中様、ご迷惑をおかけし申し訳ございません。ただいま確認しておりますので、詳細をDMでお送りいただけますか。';
    expect(copiesOf(draft, earlier)).toEqual([earlier[0]]);
    expect(copiesOf('ありがとうございます！', ['ありがとうございます！'])).toEqual([]);
    expect(copiesOf('ポイントの有効期限は最終購入日から1年間です。ご確認ください。', earlier)).toEqual([]);
    expect(similarity(comparable('Ｈｅｌｌｏ，ＷＯＲＬＤ'), comparable('hello world'))).toBe(1);
  });

  it('spots defensive phrasing in either language, width-folded', () => {
    expect(defensivePhrase('規約によりご返金はできかねます。', DEFAULT_DEFENSIVE_PHRASES.ja)).toBe('規約により');
    expect(defensivePhrase('This is by design, sorry.', DEFAULT_DEFENSIVE_PHRASES.en)).toBe('this is by design');
    expect(defensivePhrase('ご不便をおかけし申し訳ございません。', DEFAULT_DEFENSIVE_PHRASES.ja)).toBeNull();
  });

  it('knows a reply signed with the full, display or family name', () => {
    expect(isSigned('担当の山田が確認いたします。', ['山田 花子'])).toBe(true);
    expect(isSigned('担当：山田花子', ['山田 花子'])).toBe(true);
    expect(isSigned('— Hanako (Koe Mart)', ['山田 花子', 'Hanako'])).toBe(true);
    expect(isSigned('確認いたします。', ['山田 花子', 'Hanako'])).toBe(false);
  });
});
