import { describe, expect, it } from 'vitest';
import { analyse } from './index';

describe('spam', () => {
  it.each([
    'フォローで当選！現金10万円プレゼント企画実施中🎁',
    '【副業】スマホ1台で月収50万円！詳しくはプロフのリンクから',
    '仮想通貨で毎日5万円稼げる方法、無料で教えます→ https://example.com/a',
    'FREE giveaway! Follow and RT to win a brand new iPhone https://t.co/xyz',
    'Crypto airdrop happening now, claim your free tokens',
  ])('%s', (text) => {
    const r = analyse({ text });
    expect(r.flags.spam).toBe(true);
    expect(r.categories).toEqual(['spam']);
    expect(r.level).toBe(0);
    expect(r.reasons.some((x) => x.kind === 'spam')).toBe(true);
  });

  it('flags the same text posted again and again', () => {
    const text = 'この商品めちゃくちゃお得です、見てみてください';
    const r = analyse({ text, context: { recentTexts: [text, text, text] } });
    expect(r.flags.spam).toBe(true);
  });

  it('does not flag a real problem that mentions a giveaway', () => {
    const r = analyse({ text: 'プレゼント企画で当選した商品が壊れて届きました' });
    expect(r.flags.spam).toBe(false);
    expect(r.level).toBe(3);
  });
});

describe('trolls', () => {
  it('abuse with no actionable issue is flagged but stays visible', () => {
    const r = analyse({ text: 'このゴミ会社潰れろ' });
    expect(r.flags.troll).toBe(true);
    expect(r.categories).toContain('backlash');
    expect(r.reasons.some((x) => x.kind === 'troll')).toBe(true);
  });

  it('an angry customer with a real issue is not a troll', () => {
    const r = analyse({ text: 'クソ企業。二重請求されてるのに返事もない' });
    expect(r.flags.troll).toBe(false);
    expect(r.categories).toContain('billing_error');
  });

  it('repeated baiting in recent posts flags a troll', () => {
    const r = analyse({
      text: 'まだ生きてたのこの会社',
      context: { recentTexts: ['無能しかいない', 'バカな運営', 'ゴミアプリ乙'] },
    });
    expect(r.flags.troll).toBe(true);
  });

  it('a troll ranks below an equally reached real complaint', () => {
    const context = { authorFollowers: 5000 };
    const troll = analyse({ text: 'このゴミ会社潰れろ', context });
    const real = analyse({ text: '店員の対応が最悪。消費者センターに相談します', context });
    expect(troll.priority).toBeLessThan(real.priority);
  });
});
