import { describe, expect, it } from 'vitest';
import { analyse } from './index';
import { BaseModel, loadBaseModel, raiseUrgency, trainBaseModel, type BaseScores } from './base-model';
import type { Category } from './types';

const scores = (over: Partial<BaseScores>): BaseScores => ({
  L3: 0, billing_error: 0, outage: 0, defect: 0, safety: 0, backlash: 0, ...over,
});

describe('raiseUrgency (raise-only blend)', () => {
  it('adds the most likely urgent category when the model is confident of level 3', () => {
    expect(raiseUrgency(scores({ L3: 0.9, outage: 0.7, defect: 0.6 }), ['question'])?.category).toBe('outage');
  });
  it('does nothing when the rules already found an urgent category', () => {
    expect(raiseUrgency(scores({ L3: 0.99, outage: 0.99 }), ['billing_error'])).toBeNull();
  });
  it('never touches spam', () => {
    expect(raiseUrgency(scores({ L3: 0.99, outage: 0.99 }), ['spam'])).toBeNull();
  });
  it('needs both the level-3 and the category probability', () => {
    expect(raiseUrgency(scores({ L3: 0.4, outage: 0.99 }), [])).toBeNull();
    expect(raiseUrgency(scores({ L3: 0.99, outage: 0.2 }), [])).toBeNull();
  });
});

describe('shipped base model', () => {
  it('is off unless passed', () => {
    const text = 'アプリが開いた瞬間に落ちて何もできん';
    expect(analyse({ text })).toEqual(analyse({ text }, {}));
  });

  const model = loadBaseModel();
  it('loads, is compact and predicts probabilities', () => {
    expect(model).toBeInstanceOf(BaseModel);
    expect(model!.features).toBeGreaterThan(1000);
    expect(model!.features).toBeLessThanOrEqual(6000);
    const p = model!.predict('同じ金額が2回請求されています');
    for (const v of Object.values(p)) expect(v).toBeGreaterThanOrEqual(0);
    for (const v of Object.values(p)) expect(v).toBeLessThanOrEqual(1);
  });

  it('only ever raises the level and only adds urgent categories', () => {
    const texts = [
      '来週の土曜日に4名で予約したいのですが、個室は空いていますか',
      'スタッフさんの対応がとても丁寧で、また利用したいと思いました',
      '今日は天気が良いので散歩してきました',
      'アプリが開いた瞬間に落ちて何もできん',
      'the app keeps kicking me out every 5 min',
      'ポイントの有効期限を教えてもらえますか',
      'フォローで当選！現金プレゼント企画、詳しくはプロフのリンクから https://x.example',
    ];
    for (const text of texts) {
      const off = analyse({ text });
      const on = analyse({ text }, { baseModel: model });
      expect(on.level).toBeGreaterThanOrEqual(off.level);
      const added = on.categories.filter((c) => !off.categories.includes(c));
      for (const c of added) expect(['billing_error', 'outage', 'defect', 'safety', 'backlash']).toContain(c);
      if (added.length > 0) expect(on.reasons.some((r) => r.message.includes('base') || r.message.includes('基本学習モデル'))).toBe(true);
      if (off.categories.includes('spam')) expect(on.categories).toEqual(['spam']);
    }
  });

  it('a custom model can be passed in and raises a post the rules miss', () => {
    const text = 'ぴょろろんが起きてぽにゃぽにゃ';
    const examples = [
      ...['ぴょろろんが起きた', 'またぴょろろん', 'ぴょろろんで使えない'].map((t) => ({ text: t, level: 3, categories: ['outage'] as Category[] })),
      ...['こんにちは', 'ありがとう', '今日は晴れ'].map((t) => ({ text: t, level: 0, categories: [] as Category[] })),
    ];
    const custom = new BaseModel(trainBaseModel(examples, ['probe'], { epochs: 300, rate: 20 }));
    expect(analyse({ text }).level).toBeLessThan(3);
    const r = analyse({ text }, { baseModel: custom });
    expect(r.level).toBe(3);
    expect(r.categories).toContain('outage');
  });
});
