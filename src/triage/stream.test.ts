// A brand's real stream (issue 13): competitors' problems, other people's stories, announcements, playful
// alarm words, and the "needs a look" tier for what the learned model suspects but the words do not show.
import { describe, expect, it } from 'vitest';
import { BASE_TARGETS, BaseModel } from './base-model';
import type { BrandProfile } from './brands';
import { competitorsIssue, findBrands, sideAt } from './brands';
import { analyse } from './index';
import { normalise } from './normalise';
import { Precedents } from './precedents';

const rules = (text: string) => analyse({ text }, { baseModel: null });

const PROFILE: BrandProfile = {
  brands: ['コエマート', 'Koe Mart', 'コエ'],
  products: ['ポチ丸'],
  hashtags: ['#コエマートサポート'],
  competitors: ['ライバル商店', 'Rival Store'],
};

const mentions = (text: string) => findBrands(PROFILE, normalise(text).text, text)!;

describe('brand awareness', () => {
  it('finds our names and competitors, longest first, and tells whose issue a position belongs to', () => {
    const b = mentions('ライバル商店は障害だけどコエマートは普通に使える');
    expect(b.mentions.map((m) => [m.side, m.term])).toEqual([
      ['competitor', 'ライバル商店'],
      ['own', 'コエマート'],
    ]);
    expect(b.competitor).toBe('ライバル商店');
    const text = normalise('ライバル商店は障害だけどコエマートは普通に使える').text;
    expect(sideAt(b, text.indexOf('障害'))).toBe('competitor');
    expect(sideAt(b, text.indexOf('普通'))).toBe('own');
    // Latin names match whole words only, whatever the case.
    expect(mentions('rival store charged me twice').competitor).toBe('Rival Store');
    expect(mentions('arrival stores are busy').mentions).toEqual([]);
  });

  it('a post addressed to one of our handles or hashtags is ours, even if it names a competitor', () => {
    expect(mentions('@koemart_jp ライバル商店より高く請求された').addressed).toBe(true);
    expect(mentions('ライバル商店より高く請求された #コエマートサポート').addressed).toBe(true);
    expect(competitorsIssue(mentions('@koemart_jp ライバル商店より高く請求された'), [0])).toBe(false);
  });

  it("a reply to a competitor's account is about the competitor", () => {
    const text = '@rivalstore_help your app has been down since noon, third time this month';
    expect(rules(text).level).toBe(3);
    const r = analyse({ text }, { baseModel: null, brands: PROFILE });
    expect(r.level).toBe(0);
    expect(r.flags.competitor).toBe(true);
  });

  it("keeps a competitor's double charge out of level 3, with a reason, and keeps the writer's tone", () => {
    const text = 'ライバル商店のアプリでまた二重請求された。最悪';
    expect(rules(text).level).toBe(3);
    const r = analyse({ text }, { baseModel: null, brands: PROFILE });
    expect(r.level).toBe(0);
    expect(r.categories).toEqual([]);
    expect(r.sentiment).toBe('negative');
    expect(r.flags.competitor).toBe(true);
    const why = r.reasons.find((x) => x.code === 'competitor');
    expect(why?.localized?.ja).toMatch(/請求トラブルは競合（ライバル商店）/);
    expect(why?.localized?.en).toMatch(/about a competitor \(ライバル商店\)/);
  });

  it('our own issue stays urgent when a competitor is named too', () => {
    for (const text of [
      'コエマートで二重請求された。ライバル商店では一度もなかったのに',
      'Switched from Rival Store to Koe Mart and Koe Mart charged me twice',
    ]) {
      const r = analyse({ text }, { baseModel: null, brands: PROFILE });
      expect(r.level, text).toBe(3);
      expect(r.flags.competitor, text).toBe(false);
    }
  });

  it('a comparison in our favour is a competitor mention, not an outage', () => {
    const r = analyse(
      { text: 'ライバル商店のアプリまた落ちてる。コエマートは普通に使えてる' },
      { baseModel: null, brands: PROFILE },
    );
    expect(r.level).toBeLessThan(3);
    expect(r.flags.competitor).toBe(true);
  });

  it('a brand or product whose name is an alarm word reports nothing by its name alone', () => {
    const burn: BrandProfile = { brands: ['Burn'], products: ['炎上ラーメン'] };
    expect(rules('Just did a 5k with Burn, love it').level).toBe(3);
    expect(analyse({ text: 'Just did a 5k with Burn, love it' }, { baseModel: null, brands: burn }).level).toBe(1);
    expect(analyse({ text: '炎上ラーメン今日も美味しかった' }, { baseModel: null, brands: burn }).level).toBeLessThan(
      3,
    );
    // …but a real issue next to the name still counts.
    const r = analyse({ text: 'Burn charged me twice this month' }, { baseModel: null, brands: burn });
    expect(r.level).toBe(3);
  });

  it('without a brand profile nothing changes', () => {
    const text = 'ライバル商店のアプリでまた二重請求された。最悪';
    expect(analyse({ text }, { baseModel: null, brands: {} }).level).toBe(3);
    expect(analyse({ text }, { baseModel: null }).flags.competitor).toBe(false);
  });
});

describe("other people's stories, announcements and playful alarm words", () => {
  it('hearsay is not the writer’s issue, unless the writer has it too', () => {
    expect(rules('友達のアプリが落ちたらしい。私のは普通に動いてる').level).toBeLessThan(3);
    expect(rules('heard the app was down in Osaka last night, worked fine for me').level).toBeLessThan(3);
    expect(rules('someone at school said accounts are getting hacked?? is that real').level).toBeLessThan(3);
    expect(rules('友達もアプリが落ちたらしい、私もログインできない').level).toBe(3);
    const r = rules('my coworker swears her kettle leaked');
    expect(r.reasons.some((x) => x.code === 'hearsay')).toBe(true);
  });

  it('「素晴らしい」 is praise (or sarcasm), not hearsay', () => {
    const r = rules('素晴らしいですね、メンテ明けたらログインできない👏');
    expect(r.level).toBe(3);
    expect(r.reasons.some((x) => x.code === 'hearsay')).toBe(false);
  });

  it('an announced or restored outage is information; trouble after the window is not', () => {
    expect(rules('明日2時から定期メンテナンスでログインできないらしい').level).toBeLessThan(3);
    expect(rules('一部店舗でカード決済が止まってたけど、もう復旧済みとのこと').level).toBeLessThan(3);
    expect(rules('scheduled maintenance tonight so the app will be down from 2am').level).toBeLessThan(3);
    expect(rules('メンテ明けてもログインできない').level).toBe(3);
    expect(rules("the app still won't load after the scheduled maintenance ended").level).toBe(3);
  });

  it('alarm words in a fun or praising post are hyperbole; a physical thing makes them literal', () => {
    expect(rules('pulled 3 SSRs in one 10-pull. I am going to explode lol').level).toBeLessThan(3);
    expect(rules('推しのイベント最高すぎて爆発した 草').level).toBeLessThan(3);
    expect(rules('my phone battery exploded while charging').level).toBe(3);
    expect(rules('充電中にバッテリーが爆発した').level).toBe(3);
    const r = rules('this new flavour is criminally good lol');
    expect(r.level).toBeLessThan(3);
  });

  it('giveaway and follower-selling spam that borrows a brand', () => {
    for (const text of [
      '【フォロー＆RTで当たる】コエマートのギフトカード5,000円分を10名様に🎁',
      'Buy 10k real followers cheap & fast. DM @growfast #koemart',
      'RT this and follow for a chance to win a Koe Mart gift card loaded with $200!!',
    ])
      expect(rules(text).flags.spam, text).toBe(true);
  });
});

/** A model that gives every post the same P(level 3) (no grams, only biases). */
function constantModel(level3: number): BaseModel {
  const logit = (p: number) => Math.log(p / (1 - p));
  const bias = BASE_TARGETS.map((t) => (t === 'L3' ? logit(level3) : t === 'outage' ? logit(0.6) : logit(0.05)));
  return new BaseModel({ format: 1, trainedOn: ['test'], examples: 0, targets: [...BASE_TARGETS], bias, weights: {} });
}

describe('"needs a look": what the model suspects but the words do not show', () => {
  const chatter = 'コエマートの駐車場で猫が寝てる';

  it('the model alone below its high bar marks the post, never level 3; priority sits between level 2 and 3', () => {
    const r = analyse({ text: chatter }, { baseModel: constantModel(0.75) });
    expect(r.level).toBeLessThan(3);
    expect(r.flags.needsLook).toBe(true);
    const look = r.reasons.find((x) => x.code === 'needs_look')!;
    expect(look.category).toBe('outage');
    expect(look.localized?.ja).toMatch(/要確認: 基本学習モデルは障害・利用不可の可能性を示しています（確信度 75%）/);
    expect(r.priority).toBeGreaterThanOrEqual(50);
    expect(r.priority).toBeLessThan(60);
    const request = analyse({ text: '領収書を会社名で出してほしいです' }, { baseModel: constantModel(0.1) });
    expect(request.level).toBe(2);
    expect(r.priority).toBeGreaterThan(request.priority);
  });

  it('a sign of trouble in the words lets the model raise; a very sure model raises alone', () => {
    const worried = analyse({ text: 'コエマートのアプリ、なんか変で困ってる' }, { baseModel: constantModel(0.75) });
    expect(worried.level).toBe(3);
    expect(worried.flags.needsLook).toBe(false);
    const sure = analyse({ text: chatter }, { baseModel: constantModel(0.95) });
    expect(sure.level).toBe(3);
  });

  it('an unsure model marks nothing, and neither does spam', () => {
    expect(analyse({ text: chatter }, { baseModel: constantModel(0.3) }).flags.needsLook).toBe(false);
    const spam = analyse(
      { text: '【フォロー＆RTで当たる】ギフトカード5,000円分を10名様に🎁' },
      { baseModel: constantModel(0.75) },
    );
    expect(spam.flags).toMatchObject({ spam: true, needsLook: false });
  });

  it('an issue the rules found but the model doubts is set aside and marked for a look', () => {
    const r = analyse({ text: 'アプリが落ちる' }, { baseModel: constantModel(0.07) });
    expect(r.level).toBeLessThan(3);
    expect(r.flags.needsLook).toBe(true);
    expect(r.reasons.find((x) => x.code === 'needs_look')?.category).toBe('outage');
  });
});

describe("precedents: an agent's decision on a post that reads almost the same", () => {
  const chatter = 'コエマートの駐車場で今日も猫が寝てる';

  it('a dismissal keeps the model from marking (or raising) a near-identical post; an unrelated one is untouched', () => {
    const dismissed = new Precedents([{ text: 'コエマートの駐車場で猫が寝てる', level: 0, categories: [] }]);
    expect(analyse({ text: chatter }, { baseModel: constantModel(0.75) }).flags.needsLook).toBe(true);
    const r = analyse({ text: chatter }, { baseModel: constantModel(0.75), precedents: dismissed });
    expect(r.flags.needsLook).toBe(false);
    expect(r.reasons.find((x) => x.code === 'precedent')?.localized?.ja).toMatch(
      /緊急ではない」と判断した投稿とほぼ同じ/,
    );
    expect(analyse({ text: chatter }, { baseModel: constantModel(0.95), precedents: dismissed }).level).toBeLessThan(3);
    const other = analyse(
      { text: '新しいケトルのデザインが好き' },
      { baseModel: constantModel(0.75), precedents: dismissed },
    );
    expect(other.flags.needsLook).toBe(true);
  });

  it('never drops an issue the words show', () => {
    const dismissed = new Precedents([{ text: 'アプリが落ちる', level: 0, categories: [] }]);
    expect(analyse({ text: 'アプリが落ちる…', lang: 'ja' }, { baseModel: null, precedents: dismissed }).level).toBe(3);
  });

  it('a confirmation raises a near-identical post the analyser would let pass', () => {
    const text = '箱の中、左足が2つ入ってた';
    const confirmed = new Precedents([{ text: '箱の中、左足が２つ入ってました', level: 3, categories: ['defect'] }]);
    expect(analyse({ text }, { baseModel: null }).level).toBeLessThan(3);
    const r = analyse({ text }, { baseModel: null, precedents: confirmed });
    expect(r.level).toBe(3);
    expect(r.categories).toContain('defect');
    expect(r.reasons.find((x) => x.code === 'defect')?.localized?.en).toMatch(/an agent judged urgent/);
  });

  it('keeps the newest decision per text and at most 500', () => {
    const p = new Precedents([
      { text: 'same words', level: 3, categories: ['outage'] },
      { text: 'same words', level: 0, categories: [] },
      ...Array.from({ length: 600 }, (_, i) => ({ text: `post number ${i}`, level: 0 as const })),
    ]);
    expect(p.size).toBe(500);
    expect(p.nearest('same words')?.urgent).toBe(true);
    expect(p.nearest('completely different')).toBeNull();
  });
});
