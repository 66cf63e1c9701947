// Pass-3 mechanisms: co-occurrence frames, clause-scoped hypotheticals,
// generated variants and English contractions. The phrasings below are
// deliberately not in any lexicon as whole phrases.
import { describe, expect, it } from 'vitest';
import { analyse } from './index';
import { PhraseMatcher } from './matcher';
import { japaneseVariants } from './variants';

// These test the rule layer, so the base model (which may overrule it) is left out.
const cats = (text: string) => analyse({ text }, { baseModel: null }).categories;
const level = (text: string) => analyse({ text }, { baseModel: null }).level;

describe('co-occurrence frames', () => {
  it('money noun + anomaly, unknown + money, refund + not returned, benefit + not applied → billing_error', () => {
    expect(cats('引き落としの件なんですけど…同じ金額が２つあるように見えるんですが…')).toEqual(['billing_error']);
    expect(cats('カード明細見たら知らん引き落としあるんやが')).toEqual(['billing_error']);
    expect(cats('charged 2x for one order smh')).toEqual(['billing_error']);
    // 入ってない is explained by the refund frame: not a missing item.
    expect(cats('返金するって言われてから２週間、まだ口座に入ってないんですけど')).toEqual(['billing_error']);
    expect(cats('ポイント付与されてへんのやけど')).toEqual(['billing_error']);
  });

  it('service + failure → outage; device or part + failure, foreign matter, ordered X got Y → defect', () => {
    expect(cats('アップデートしてから通知が一切来なくなりました')).toEqual(['outage']);
    expect(cats('朝からメール送れないんですけど')).toEqual(['outage']);
    expect(cats('イヤホン買って1週間で右だけ聞こえんくなった')).toContain('defect');
    expect(cats('お弁当にプラスチックのかけらみたいなのが入ってました')).toEqual(['defect']);
    expect(cats('ordered a large got a small. again')).toEqual(['defect']);
  });

  it('body part + injury, child + danger, appliance + heat → safety; medium + publish → backlash', () => {
    expect(cats('転んで腰打った')).toEqual(['safety']);
    expect(cats('子供が部品を口に入れそうになった、危なすぎる')).toContain('safety');
    expect(cats('充電中に本体がアチアチになってた')).toEqual(['safety']);
    expect(cats('この件SNSにあげときますね')).toEqual(['backlash']);
  });

  it('keeps precision: compounds, praise and questions do not fire frames', () => {
    expect(level('手数料っていくらですか')).toBeLessThan(3); // 手 inside 手数料 is not a hand
    expect(level('インスタにあげました！めっちゃ可愛い💕')).toBeLessThan(3);
    expect(level('アプリのダウンロードは無料ですか？')).toBeLessThan(3);
    expect(level('ダウンジャケットの在庫ありますか')).toBeLessThan(3);
    expect(level('料金そのままで容量が増えるの嬉しい')).toBeLessThan(3);
    expect(level('I ordered a cake and got a lovely card with it, thank you!')).toBeLessThan(3);
    expect(level('腹痛いくらい笑ったわ、あの動画')).toBe(0);
    expect(level('壊れにくいって本当？')).toBeLessThan(3);
  });
});

describe('hypothetical and mistaken scopes', () => {
  it('もし opens a hypothetical; a bare conditional is hypothetical only in a question, in its own clause', () => {
    expect(level('もし届いた商品が壊れてたら、交換ってしてもらえるんですか？')).toBe(1);
    expect(level('二重請求になったら返金されるって聞いたんですが本当ですか')).toBe(1);
    // The issue is stated in an earlier clause, or the question is what to do: still an issue.
    expect(level('ログインできなくなったんですが、再インストールしたら直りますか？')).toBe(3);
    expect(level('アプリ開いたら落ちるんですけど、どうしたらいいですか？')).toBe(3);
    expect(level('届いたら割れてました。交換してください')).toBe(3);
    // もしかして is not もし.
    expect(level('もしかして二重請求されてる？同じ金額が2つある')).toBe(3);
  });

  it('a quoted exclamation does not end the sentence; dialect and plain-form resolutions', () => {
    expect(level('届いてない！と思ったら家族が受け取ってたわ')).toBe(0);
    expect(level('ログインできへんと思たら、違うメアドで入ろうとしてたわ')).toBe(0);
    expect(level('エラー出てたけど再起動したら普通に使えた')).toBe(0);
  });
});

describe('generated variants', () => {
  it('drops particles, inflects i-adjectives, adds youth/関西/keigo negatives', () => {
    expect(japaneseVariants('電源が入らない', true)).toContain('電源入らない');
    expect(japaneseVariants('色が違', true)).not.toContain('色違'); // would read 色違い (a colour variant)
    expect(japaneseVariants('危ない', true)).toContain('危なすぎ');
    expect(japaneseVariants('聞こえない', true)).toContain('聞こえんくなった');
    expect(japaneseVariants('確認できていない', true)).toContain('確認できておりません');
    expect(japaneseVariants('サイズが違', true)).toContain('サイズちゃう');
    expect(level('届いた靴、左右でサイズちゃうやん')).toBe(3);
  });

  it('English: contractions after a term end the word; intensifiers inside slang', () => {
    expect(cats("site's dead rn")).toEqual(['outage']);
    expect(cats("app's borked again, cant even open it")).toEqual(['outage']);
    expect(cats('the checkout button does nothing??')).toEqual(['outage']);
  });
});

describe('typed-array automaton', () => {
  it('finds exactly the matches a naive search finds', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = ['a', 'b', 'c', 'あ', 'い', '請', '求'];
    const word = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
    const terms = Array.from({ length: 200 }, () => word(1 + Math.floor(rnd() * 5)));
    const m = new PhraseMatcher(terms.map((term, i) => ({ term: `${term}\u3000`.trim(), entry: i })));
    for (let k = 0; k < 50; k++) {
      const text = word(40).replace(/[abc]/g, (c) => `${c}\u3000`); // keep ASCII terms at word boundaries
      const got = m
        .scan(text)
        .map((x) => `${x.entry}@${x.start}`)
        .sort();
      const want: string[] = [];
      terms.forEach((t, i) => {
        for (let at = text.indexOf(t); at >= 0; at = text.indexOf(t, at + 1)) {
          const ascii = /^[abc]/.test(t) || /[abc]$/.test(t);
          const leftOk = !/^[abc]/.test(t) || at === 0 || !/[a-z0-9']/.test(text[at - 1]);
          const rightOk = !/[abc]$/.test(t) || at + t.length >= text.length || !/[a-z0-9']/.test(text[at + t.length]);
          if (!ascii || (leftOk && rightOk)) want.push(`${i}@${at}`);
        }
      });
      expect(got).toEqual(want.sort());
    }
  });
});
