import { describe, expect, it } from 'vitest';
import { PhraseMatcher } from './matcher';
import { detectLang, normalise } from './normalise';

describe('normalise', () => {
  it('folds half-width kana, full-width digits and punctuation (NFKC) and lower-cases', () => {
    expect(normalise('ｱﾌﾟﾘにﾛｸﾞｲﾝできません！').text).toBe('アプリにログインできません!');
    expect(normalise('１２月分の請求が２回来てます？').text).toBe('12月分の請求が2回来てます?');
    expect(normalise('KoeMart APP').text).toBe('koemart app');
  });

  it('removes URLs and @mentions but counts them', () => {
    const n = normalise('@KoeMart_support 落ちてる？ https://status.example.com/x 見ても何もない');
    expect(n.urls).toBe(1);
    expect(n.mentions).toBe(1);
    expect(n.text).not.toContain('http');
    expect(n.text).not.toContain('koemart_support');
  });

  it('keeps hashtag words for matching', () => {
    const n = normalise('#KoeMartサポート 二重請求 #拡散希望');
    expect(n.hashtags).toEqual(['koemartサポート', '拡散希望']);
    expect(n.text).toContain('koemartサポート');
    expect(n.text).toContain('拡散希望');
  });

  it('normalises curly apostrophes', () => {
    expect(normalise('I can’t log in').text).toBe("i can't log in");
  });

  it('detects the language from kana and kanji', () => {
    expect(detectLang('ログインできない')).toBe('ja');
    expect(detectLang('ｱﾌﾟﾘ')).toBe('ja');
    expect(detectLang('漢字')).toBe('ja');
    expect(detectLang("I can't log in")).toBe('en');
    expect(normalise('Wi-Fiが繋がらない').lang).toBe('ja');
  });
});

describe('PhraseMatcher', () => {
  const m = new PhraseMatcher([
    { term: 'log in', entry: 'login' },
    { term: 'refund*', entry: 'refund' },
    { term: '請求', entry: 'bill' },
    { term: '二重請求', entry: 'double' },
  ]);

  it('finds overlapping terms in one pass', () => {
    expect(
      m
        .scan('二重請求です')
        .map((x) => x.entry)
        .sort(),
    ).toEqual(['bill', 'double']);
  });

  it('respects word boundaries for ASCII terms, stems with *', () => {
    expect(m.scan('blog in progress')).toHaveLength(0);
    expect(m.scan("can't log in").map((x) => x.entry)).toEqual(['login']);
    expect(m.scan('refunded yet?').map((x) => x.entry)).toEqual(['refund']);
  });
});

describe('detectLang', () => {
  it('ignores Japanese hashtags, mentions and URLs in an English post', () => {
    expect(detectLang('Charged twice again #KoeMartサポート')).toBe('en');
    expect(detectLang('@コエマート_公式 app won’t load since the update')).toBe('en');
    expect(normalise('Charged twice again #KoeMartサポート').lang).toBe('en');
  });

  it('stays Japanese when the words are Japanese, or when a tag is all there is', () => {
    expect(detectLang('#KoeMartサポート 二重請求されてます')).toBe('ja');
    expect(detectLang('KoePayでdouble chargeされてる')).toBe('ja');
    expect(detectLang('#拡散希望')).toBe('ja');
    expect(detectLang('app down again #outage')).toBe('en');
  });
});
