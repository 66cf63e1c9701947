import { describe, expect, it } from 'vitest';
import { analyse } from './index';
import {
  BaseModel,
  BLEND,
  loadBaseModel,
  modelText,
  raiseUrgency,
  trainBaseModel,
  type BaseExample,
  type BaseScores,
} from './base-model';
import type { Category } from './types';

const scores = (over: Partial<BaseScores>): BaseScores => ({
  L3: 0,
  billing_error: 0,
  outage: 0,
  defect: 0,
  safety: 0,
  backlash: 0,
  negative: 0,
  positive: 0,
  question: 0,
  request: 0,
  purchase_intent: 0,
  praise: 0,
  spam: 0,
  ...over,
});

describe('raiseUrgency', () => {
  it('adds the most likely urgent category when the model is confident of level 3', () => {
    expect(raiseUrgency(scores({ L3: 0.9, outage: 0.7, defect: 0.6 }), ['question'])?.category).toBe('outage');
  });
  it('does nothing when the rules already found an urgent category', () => {
    expect(raiseUrgency(scores({ L3: 0.99, outage: 0.99 }), ['billing_error'])).toBeNull();
  });
  it('never touches spam', () => {
    expect(raiseUrgency(scores({ L3: 0.99, outage: 0.99 }), ['spam'])).toBeNull();
  });
  it('needs the level-3 probability, and the category probability when a threshold is set', () => {
    expect(raiseUrgency(scores({ L3: BLEND.raiseAbove - 0.01, outage: 0.99 }), [])).toBeNull();
    expect(raiseUrgency(scores({ L3: 0.99, outage: 0.2 }), [], { raiseAbove: 0.5, categoryAbove: 0.3 })).toBeNull();
    expect(raiseUrgency(scores({ L3: 0.99, outage: 0.2 }), [], { raiseAbove: 0.5, categoryAbove: 0 })?.category).toBe(
      'outage',
    );
  });
});

// A tiny model whose words mean one thing each, to test the blend without depending on the shipped weights.
function probe(): BaseModel {
  const ex = (texts: string[], level: number, categories: Category[], sentiment: string): BaseExample[] =>
    texts.map((text) => ({ text, level, categories, sentiment }));
  return new BaseModel(
    trainBaseModel(
      [
        ...ex(['ぴょろろんが起きた', 'またぴょろろん', 'ぴょろろんで使えない'], 3, ['outage'], 'negative'),
        ...ex(['もふもふでした', 'もふもふだっただけ', 'もふもふ勘違い'], 0, [], 'neutral'),
        ...ex(['ぽかぽか最高', 'ぽかぽか大好き', 'ぽかぽかありがとう'], 1, ['praise'], 'positive'),
        ...ex(['こんにちは', '今日は晴れ', 'よろしく'], 0, [], 'neutral'),
      ],
      ['probe'],
      { epochs: 400, rate: 10, l2: 1e-5 },
    ),
  );
}

describe('blend with the rules (analyse)', () => {
  const model = probe();

  it('raises a post the rules miss, with a reason naming the model', () => {
    const text = 'ぴょろろんが起きてぽにゃぽにゃ';
    expect(analyse({ text }, { baseModel: null }).level).toBeLessThan(3);
    const r = analyse({ text }, { baseModel: model });
    expect(r.level).toBe(3);
    expect(r.categories).toContain('outage');
    expect(r.reasons.some((x) => x.code === 'outage' && x.message.includes('基本学習モデル'))).toBe(true);
  });

  it('sets aside an urgent category the rules found when confident it is no current problem, and says so', () => {
    const text = 'アプリが落ちた もふもふ';
    const rules = analyse({ text }, { baseModel: null });
    expect(rules.categories).toContain('outage');
    expect(model.predict(text).L3).toBeLessThan(BLEND.vetoBelow);
    const r = analyse({ text }, { baseModel: model });
    expect(r.level).toBeLessThan(3);
    expect(r.categories).not.toContain('outage');
    const why = r.reasons.find((x) => x.code === 'not_outage');
    expect(why?.message).toContain('今すぐの問題ではない');
    // The veto is a setting: off, the rules' decision stands.
    expect(analyse({ text }, { baseModel: model, baseBlend: { vetoBelow: 0 } }).level).toBe(3);
  });

  it('never sets aside what a workspace phrase says', () => {
    const text = 'もふもふ';
    expect(model.predict(text).L3).toBeLessThan(BLEND.vetoBelow);
    const r = analyse({ text }, { baseModel: model, workspacePhrases: { outage: ['もふもふ'] } });
    expect(r.categories).toContain('outage');
    expect(r.level).toBe(3);
  });

  it('corrects the sentiment with a reason', () => {
    const text = 'ぽかぽか';
    expect(analyse({ text }, { baseModel: null }).sentiment).toBe('neutral');
    const r = analyse({ text }, { baseModel: model });
    expect(r.sentiment).toBe('positive');
    expect(r.sentimentScore).toBeGreaterThanOrEqual(0.3);
    expect(r.reasons.some((x) => x.kind === 'sentiment' && x.message.includes('基本学習モデル'))).toBe(true);
  });

  it('adds and removes question/request/purchase intent/praise on a post without an urgent issue, with reasons', () => {
    const text = 'ぽかぽか';
    expect(analyse({ text }, { baseModel: null }).categories).toEqual([]);
    const r = analyse({ text }, { baseModel: model });
    expect(r.categories).toEqual(['praise']);
    expect(r.level).toBe(1);
    expect(r.reasons.some((x) => x.code === 'praise' && x.message.includes('基本学習モデル'))).toBe(true);
    // 「ありがとう」 is praise to the rules; next to もふもふでした (never praise in training) the model removes it.
    const thanks = 'もふもふでした。ありがとう';
    expect(analyse({ text: thanks }, { baseModel: null }).categories).toContain('praise');
    expect(model.predict(thanks).praise).toBeLessThan(BLEND.otherRemoveBelow);
    const t = analyse({ text: thanks }, { baseModel: model });
    expect(t.categories).not.toContain('praise');
    expect(t.reasons.some((x) => x.code === 'not_praise' && x.message.includes('基本学習モデル'))).toBe(true);
    // Off by setting.
    expect(analyse({ text }, { baseModel: model, baseBlend: { otherAddAbove: 2 } }).categories).toEqual([]);
  });

  it('leaves spam alone', () => {
    const text = 'フォローで当選！現金プレゼント企画、詳しくはプロフのリンクから https://x.example ぴょろろん';
    const r = analyse({ text }, { baseModel: model });
    if (analyse({ text }, { baseModel: null }).categories.includes('spam')) expect(r.categories).toEqual(['spam']);
  });
});

describe('shipped base model', () => {
  const model = loadBaseModel();

  it('is used by default, and `baseModel: null` gives the rules alone', () => {
    const text = 'ほうれん草がドロドロに溶けてて袋の中が異臭…';
    expect(analyse({ text })).toEqual(analyse({ text }, { baseModel: model }));
    const rules = analyse({ text }, { baseModel: null });
    expect(rules.reasons.some((x) => x.message.includes('基本学習モデル'))).toBe(false);
  });

  it('loads, is compact and predicts probabilities for every target', () => {
    expect(model).toBeInstanceOf(BaseModel);
    expect(model!.features).toBeGreaterThan(1000);
    expect(model!.features).toBeLessThanOrEqual(6000);
    const p = model!.predict('同じ金額が2回請求されています');
    expect(Object.keys(p).sort()).toEqual([
      'L3',
      'backlash',
      'billing_error',
      'defect',
      'negative',
      'outage',
      'positive',
      'praise',
      'purchase_intent',
      'question',
      'request',
      'safety',
      'spam',
    ]);
    for (const v of Object.values(p)) expect(v).toBeGreaterThanOrEqual(0);
    for (const v of Object.values(p)) expect(v).toBeLessThanOrEqual(1);
  });

  it('keeps outage reports written as questions urgent (they get a low P(level 3) from hard negatives)', () => {
    for (const text of [
      'ログインできない…サーバーダウンしてますか？',
      'ずっとつながらない。いつ復旧しますか？',
      'アプリにログインできません。障害ですか？',
    ]) {
      expect(analyse({ text }).level, text).toBe(3);
    }
  });

  it('every change it makes to a decision carries a reason', () => {
    const texts = [
      '来週の土曜日に4名で予約したいのですが、個室は空いていますか',
      'スタッフさんの対応がとても丁寧で、また利用したいと思いました',
      'アプリが開いた瞬間に落ちて何もできん',
      'the app keeps kicking me out every 5 min',
      '鯖落ちかと思ったら家のWi-Fiが切れてただけだったｗ',
      '昨日来店してクレジットカードで決済したのですが、二重請求になっていました。',
    ];
    for (const text of texts) {
      const off = analyse({ text }, { baseModel: null });
      const on = analyse({ text });
      const changed =
        off.level !== on.level || off.sentiment !== on.sentiment || off.categories.join() !== on.categories.join();
      if (changed)
        expect(
          on.reasons.some((x) => x.message.includes('基本学習モデル') || x.message.includes('base learned model')),
        ).toBe(true);
    }
  });
});

describe('model input: brand names masked', () => {
  const profile = { brands: ['ヒナタマート', 'Hinata Mart'], competitors: ['ソラ家電', 'Sora'] };

  it('reads our names as Ⓑ and a competitor’s as Ⓒ, only for a model trained so', () => {
    expect(modelText('ヒナタマートで買ったけどソラ家電の方が安い', profile, true)).toBe('Ⓑで買ったけどⒸの方が安い');
    expect(modelText('Hinata Mart charged me twice', profile, true)).toBe('Ⓑ charged me twice');
    expect(modelText('Hinata Mart charged me twice', profile, false)).toBe('hinata mart charged me twice');
    expect(modelText('Hinata Mart charged me twice', undefined, true)).toBe('hinata mart charged me twice');
  });
});
