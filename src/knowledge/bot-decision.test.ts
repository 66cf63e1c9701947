import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyse } from '../triage';
import { reportingSets, tuningSets } from '../triage/evaluation/labelled-sets';
import type { AnswerMatch } from './answer-match';
import { botDecision, handOverReason, type BotSituation } from './bot-decision';

/** A knowledge base that "answers" everything, as sure as can be: only the gates can refuse. */
const matchesEverything = (): AnswerMatch => {
  const best = { articleId: 'any', score: 99, confidence: 1, titleCover: 1, asked: null };
  return { best, runnerUp: null, margin: 1, askedMargin: 0, ranked: [best] };
};

const plain: BotSituation = {
  channelKind: 'webchat',
  enabled: true,
  visibility: 'private',
  customerMessages: 1,
  handled: false,
  triage: { level: 1, sentiment: 'neutral', categories: ['question'], flags: { spam: false, troll: false } },
  text: '営業時間を教えてください',
};

describe('botDecision', () => {
  it('answers a plain first question when the match is sure', () => {
    expect(botDecision(plain, matchesEverything)).toEqual({ answer: true, articleId: 'any', confidence: 1 });
  });

  it.each([
    ['off', { enabled: false }],
    ['channel', { channelKind: 'x' }],
    ['channel', { channelKind: 'email' }],
    ['public', { visibility: 'public' as const }],
    ['public', { visibility: 'group' as const }],
    ['not_first', { customerMessages: 2 }],
    ['handled', { handled: true }],
    ['level', { triage: { ...plain.triage, level: 2 } }],
    ['level', { triage: { ...plain.triage, level: 0 } }],
    ['negative', { triage: { ...plain.triage, sentiment: 'negative' } }],
    ['urgent', { triage: { ...plain.triage, categories: ['question', 'billing_error'] } }],
    ['flagged', { triage: { ...plain.triage, flags: { spam: true, troll: false } } }],
    ['flagged', { triage: { ...plain.triage, flags: { spam: false, troll: true } } }],
    ['uncertain', { triage: { ...plain.triage, flags: { spam: false, troll: false, needsLook: true } } }],
    ['not_a_question', { triage: { ...plain.triage, categories: ['praise'] } }],
    ['trouble', { text: '登録した覚えがない請求があるんですが、これ何ですか？' }],
    ['trouble', { text: 'Where is my refund? It has been a month' }],
  ] as [string, Partial<BotSituation>][])('refuses (%s) %j', (why, change) => {
    expect(botDecision({ ...plain, ...change }, matchesEverything)).toEqual({ answer: false, why });
  });

  it('refuses a weak match', () => {
    const weak = (): AnswerMatch => {
      const best = { articleId: 'a', score: 1, confidence: 0.3, titleCover: 0.5, asked: null };
      return { best, runnerUp: null, margin: 1, askedMargin: 0, ranked: [best] };
    };
    expect(botDecision(plain, weak)).toEqual({ answer: false, why: 'low_confidence' });
  });

  // Whatever the knowledge base holds, a post the analyser reads as urgent, or suspects ("needs a look"), goes to a
  // person; so does every post the labelled sets call urgent, except where triage itself misses it. The reporting
  // halves (…-test lines, holdout, blind3) are scored by count only, never printed: their posts stay unread.
  it('never answers a post triage marks urgent or for a look, nor a labelled urgent post of the tuning sets', () => {
    const dir = fileURLToPath(new URL('../../test/fixtures/triage/', import.meta.url));
    const posts = [
      ...tuningSets(dir).flatMap((set) => set.posts.map((p) => ({ ...p, reporting: false }))),
      ...reportingSets(dir).flatMap((set) => set.posts.map((p) => ({ ...p, reporting: true }))),
    ];
    const answers = (text: string) => {
      const triage = analyse({ text });
      return { triage, answered: botDecision({ ...plain, text, triage }, matchesEverything).answer };
    };
    const urgent = posts.filter((p) => p.level === 3);
    expect(urgent.length).toBeGreaterThan(500);
    const wrong = posts.flatMap((p) => {
      const { triage, answered } = answers(p.text);
      const flagged = triage.level === 3 || triage.flags.needsLook;
      if (!answered) return [];
      if (flagged) return [`${p.id}: triage said urgent or needs a look`];
      return p.level === 3 && !p.reporting ? [`${p.id}: labelled urgent: ${p.text}`] : [];
    });
    expect(wrong).toEqual([]);
    // Labelled urgent posts of the reporting halves that triage misses and the gate lets through: 1 at the last
    // reading (docs/knowledge-base.md); counted, not shown.
    const missed = urgent.filter((p) => p.reporting && answers(p.text).answered).length;
    expect(missed).toBeLessThanOrEqual(1);
  });
});

describe('handOverReason', () => {
  it('tells a request for a person, an unhappy reply and a plain follow-up apart', () => {
    expect(handOverReason('担当者と話す', 'neutral')).toBe('asked_for_person');
    expect(handOverReason('Talk to a person', 'neutral')).toBe('asked_for_person');
    expect(handOverReason('全然答えになってない', 'negative')).toBe('negative');
    expect(handOverReason('土曜日はどうですか', 'neutral')).toBe('follow_up');
  });
});
