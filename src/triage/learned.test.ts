import { describe, expect, it } from 'vitest';
import { analyse } from './index';
import { LearnedModel, charNgrams } from './learned';
import type { Category, Level, Sentiment } from './types';

// A game workspace whose players use slang the built-in lexicons do not know.
interface Labelled {
  text: string;
  categories: Category[];
  sentiment: Sentiment;
  level: Level;
}

const SLANG: Array<{ phrases: string[]; categories: Category[]; sentiment: Sentiment; level: Level }> = [
  {
    phrases: ['ジェムが蒸発した', 'ジェムが溶けた', '買ったジェムが行方不明', 'ジェム消失', '課金したジェムが消えてる'],
    categories: ['billing_error'],
    sentiment: 'negative',
    level: 3,
  },
  {
    phrases: [
      'マッチングが始まらない',
      'ラグくてまともに遊べない',
      'カクつきがひどすぎ',
      'ルームに入れない',
      'マッチングが永遠に終わらない',
    ],
    categories: ['outage'],
    sentiment: 'negative',
    level: 3,
  },
  {
    phrases: ['運営GJ', '運営有能すぎる', '今回のイベント神', '神アプデきた', '運営ナイス'],
    categories: ['praise'],
    sentiment: 'positive',
    level: 1,
  },
];
const PREFIXES = ['', '今日も', '昨日から', 'ランクマで', '朝イチで', 'またしても'];
const SUFFIXES = ['', '。', '！', 'んだけど', '…', 'w'];

function buildSet(heldOut: boolean): Labelled[] {
  const out: Labelled[] = [];
  let k = 0;
  for (const group of SLANG) {
    // The last phrase of each group is never used for training.
    const phrases = heldOut ? group.phrases.slice(-1) : group.phrases.slice(0, -1);
    for (const phrase of phrases) {
      for (let i = 0; i < 4; i++) {
        const text = `${PREFIXES[(k + i) % PREFIXES.length]}${phrase}${SUFFIXES[(k * 3 + i) % SUFFIXES.length]}`;
        out.push({ text, categories: group.categories, sentiment: group.sentiment, level: group.level });
      }
      k++;
    }
  }
  return out;
}

/** Hold out whole phrases (not just variants) so the test measures generalisation. */
function split(): { train: Labelled[]; test: Labelled[] } {
  return { train: buildSet(false), test: buildSet(true) };
}

/** Accuracy with the rules alone (`baseModel: null`) or, with `base`, with the shipped base model too. */
function accuracy(posts: Labelled[], model?: LearnedModel, base = false): { categories: number; level: number } {
  let cats = 0;
  let level = 0;
  for (const p of posts) {
    const r = analyse({ text: p.text }, base ? { model } : { model, baseModel: null });
    if (r.categories.length === p.categories.length && p.categories.every((c) => r.categories.includes(c))) cats++;
    if (r.level === p.level) level++;
  }
  return { categories: cats / posts.length, level: level / posts.length };
}

describe('learned model', () => {
  it('extracts character 2-3 grams after normalisation', () => {
    const grams = charNgrams('ｱﾌﾟﾘ');
    expect(grams).toContain('アプ');
    expect(grams).toContain('アプリ');
  });

  it('corrections improve accuracy on a held-out split', () => {
    const { train, test } = split();
    const before = accuracy(test);
    const model = new LearnedModel();
    for (const p of train) model.learn(p.text, { categories: p.categories, sentiment: p.sentiment, level: p.level });
    const after = accuracy(test, model);
    console.log(
      `learned model on held-out phrases: categories ${before.categories} → ${after.categories}, level ${before.level} → ${after.level}`,
    );
    expect(after.categories).toBeGreaterThan(before.categories + 0.3);
    expect(after.level).toBeGreaterThan(before.level + 0.3);
    expect(after.categories).toBeGreaterThanOrEqual(0.8);
    // With the shipped base model (the default) the workspace model still helps, or at least never hurts.
    const baseBefore = accuracy(test, undefined, true);
    const baseAfter = accuracy(test, model, true);
    console.log(
      `with the base model: categories ${baseBefore.categories} → ${baseAfter.categories}, level ${baseBefore.level} → ${baseAfter.level}`,
    );
    expect(baseAfter.categories).toBeGreaterThanOrEqual(baseBefore.categories);
    expect(baseAfter.level).toBeGreaterThanOrEqual(baseBefore.level);
    expect(baseAfter.categories).toBeGreaterThanOrEqual(0.8);
  });

  it('does not override confident rules and explains its additions', () => {
    const model = new LearnedModel();
    for (const p of split().train) model.learn(p.text, { categories: p.categories, sentiment: p.sentiment });
    const billing = analyse(
      { text: '昨日来店してクレジットカードで決済したのですが、二重請求になっていました。' },
      { model },
    );
    expect(billing.categories).toContain('billing_error');
    expect(billing.level).toBe(3);
    const slang = analyse({ text: 'ジェムが蒸発したんだけど' }, { model });
    expect(slang.reasons.some((r) => r.kind === 'category' && r.message.includes('学習モデル'))).toBe(true);
  });

  it('stays silent until it has enough examples', () => {
    const model = new LearnedModel();
    model.learn('ジェムが蒸発した', { categories: ['billing_error'] });
    expect(analyse({ text: 'ジェムが蒸発した' }, { model }).categories).toEqual([]);
  });

  it('round-trips through JSON for storage', () => {
    const model = new LearnedModel();
    for (const p of split().train)
      model.learn(p.text, { categories: p.categories, sentiment: p.sentiment, level: p.level });
    const restored = LearnedModel.fromJSON(JSON.stringify(model.toJSON()));
    expect(restored.size).toBe(model.size);
    expect(restored.predict('ラグくてまともに遊べない')).toEqual(model.predict('ラグくてまともに遊べない'));
  });
});
