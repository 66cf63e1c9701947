import { describe, expect, it } from 'vitest';
import { analyse } from './index';

const run = (text: string) => analyse({ text });

describe('restaurant examples from the brief', () => {
  it('how many days ahead to book → level 1', () => {
    const r = run('来店の何日前までに予約すればよいでしょうか？');
    expect(r.level).toBe(1);
    expect(r.categories).toEqual(expect.arrayContaining(['purchase_intent', 'question']));
    expect(r.sentiment).toBe('neutral');
  });

  it('birthday reservation with surprises → level 2', () => {
    const r = run('1週間後の友人の誕生日に予約をしたくて、様々なサプライズにも協力してほしい');
    expect(r.level).toBe(2);
    expect(r.categories).toContain('request');
  });

  it('double charge → level 3 billing_error with Japanese reasons', () => {
    const r = run('昨日来店してクレジットカードで決済したのですが、二重請求になっていました。');
    expect(r.level).toBe(3);
    expect(r.categories).toEqual(['billing_error']);
    expect(r.sentiment).toBe('negative');
    const cat = r.reasons.find((x) => x.kind === 'category' && x.code === 'billing_error');
    expect(cat?.evidence).toContain('二重請求');
    expect(cat?.message).toMatch(/請求トラブル/);
  });
});

describe('negation and resolution', () => {
  it('a pending authorisation is not a billing error (ja)', () => {
    const r = run('二重請求かと思ったけど仮売上でした');
    expect(r.categories).not.toContain('billing_error');
    expect(r.level).toBeLessThan(3);
    expect(r.reasons.some((x) => x.code === 'resolved')).toBe(true);
  });

  it('a pending authorisation is not a billing error (en)', () => {
    const r = analyse({ text: 'I thought I was double charged but it was a pending authorization', lang: 'en' });
    expect(r.categories).not.toContain('billing_error');
    expect(r.level).toBeLessThan(3);
  });

  it('explicit negation cancels the issue', () => {
    expect(run('二重請求ではありませんでした').categories).not.toContain('billing_error');
    expect(run("I wasn't double charged, just checking the receipt").categories).not.toContain('billing_error');
  });

  it('a rhetorical negative question still reports the issue', () => {
    expect(run('注文履歴に知らない人の住所が表示されてる。個人情報流出してない？').categories).toContain('backlash');
  });

  it('a hypothetical is a question, not a report', () => {
    const r = run('不良品だった場合の交換期限はありますか？');
    expect(r.level).toBe(1);
    expect(r.categories).toEqual(['question']);
  });

  it('an issue reported after a resolution still counts', () => {
    expect(run('直ったと思ったらまたエラー。いつになったら使えるの').level).toBe(3);
  });
});

describe('sarcasm and emoji', () => {
  it('praise words in a complaint are sarcasm', () => {
    const r = run('さすが、今月3回目の障害👏');
    expect(r.sentiment).toBe('negative');
    expect(r.categories).toEqual(['outage']);
    expect(r.reasons.some((x) => x.code === 'sarcasm')).toBe(true);
  });

  it('the same words without a complaint are praise', () => {
    const r = run('さすがプロの仕事。髪型最高です👏');
    expect(r.sentiment).toBe('positive');
    expect(r.categories).toEqual(['praise']);
  });

  it('reads angry and happy emoji', () => {
    expect(run('😡😡😡 アプリが全く開かない').sentiment).toBe('negative');
    expect(run('ケーキ美味しすぎた😍 また買います').sentiment).toBe('positive');
  });

  it('English sarcasm', () => {
    const r = run('Oh great, the website is down on Black Friday. Classic');
    expect(r.sentiment).toBe('negative');
    expect(r.level).toBe(3);
  });
});

describe('surface variations', () => {
  it('half-width kana and full-width digits', () => {
    expect(run('ｸﾚｼﾞｯﾄｶｰﾄﾞで払ったら同じ額が２回引き落とされてました').categories).toContain('billing_error');
    expect(run('ﾊﾟｽﾜｰﾄﾞ再設定のﾒｰﾙが届かない').level).toBe(3);
  });

  it('URLs, mentions and hashtags', () => {
    expect(run('@KoeCloud_jp https://status.example.com 見ても何もないけど落ちてますよね').categories).toContain(
      'outage',
    );
    expect(run('#KoeMartサポート 二重請求されてます').categories).toEqual(['billing_error']);
  });
});

describe('English posts', () => {
  it.each([
    ["Can't log in to the app, it keeps saying wrong password", 'outage', 3],
    ['You sent me the wrong item. I ordered a kettle and got a toaster', 'defect', 3],
    ['The power bank got so hot it burned my hand', 'safety', 3],
    ["I'm filing a complaint with the FTC", 'backlash', 3],
    ['Do you have these sneakers in size 10?', 'purchase_intent', 1],
    ['Please add dark mode to the app', 'request', 2],
    ['Your support team is amazing, sorted my issue in 5 minutes', 'praise', 1],
  ] as const)('%s → %s L%i', (text, category, level) => {
    const r = analyse({ text, lang: 'en' });
    expect(r.categories).toContain(category);
    expect(r.level).toBe(level);
    expect(r.reasons.every((x) => !/[ぁ-ん]/.test(x.message))).toBe(true);
  });

  it('chatter is level 0', () => {
    expect(run('Just got home from work').level).toBe(0);
    expect(run('今日は天気がいいから散歩しよう').level).toBe(0);
  });
});

describe('result shape', () => {
  it('returns bounded scores and a priority integer', () => {
    for (const text of ['', '最悪😡😡😡', 'ありがとう！最高！大好き！', 'a'.repeat(5000)]) {
      const r = run(text);
      expect(r.sentimentScore).toBeGreaterThanOrEqual(-1);
      expect(r.sentimentScore).toBeLessThanOrEqual(1);
      expect(Number.isInteger(r.priority)).toBe(true);
      expect(r.priority).toBeGreaterThanOrEqual(0);
      expect(r.priority).toBeLessThanOrEqual(100);
    }
  });
});
