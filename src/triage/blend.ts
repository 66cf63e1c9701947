// Blends the per-workspace learned model into the rule decisions. Rules stay
// in charge when they are confident (a strong lexicon hit is never removed);
// the model fills in what the rules do not know — the workspace's own slang —
// once it has seen enough corrections.
import type { LearnedModel } from './learned';
import { categoryLabel, pct, reason, sentimentWord } from './messages';
import type { RuleAnalysis } from './rules';
import type { Category, Lang, Reason, Sentiment } from './types';

export const BLEND = {
  minExamples: 20,
  minCategorySupport: 3,
  addAbove: 0.85,
  removeBelow: 0.05,
  /** Rule scores at or above this are never overridden. */
  ruleConfident: 1.5,
  sentimentAbove: 0.8,
  /** Rule sentiment scores with |score| below this may be replaced. */
  sentimentUnsure: 0.55,
};

export interface BlendResult {
  categories: Category[];
  sentiment?: { sentiment: Sentiment; score: number };
  reasons: Reason[];
}

const SENTIMENT_SCORE: Record<Sentiment, number> = { negative: -0.5, neutral: 0, positive: 0.5 };

export function blendLearned(
  model: LearnedModel,
  text: string,
  lang: Lang,
  rules: RuleAnalysis,
  categories: Category[],
  ruleSentimentScore: number,
): BlendResult {
  const result: BlendResult = { categories, reasons: [] };
  if (model.size < BLEND.minExamples) return result;
  const p = model.predict(text);
  const cats = new Set(categories);
  for (const [c, prob] of Object.entries(p.categories) as Array<[Category, number]>) {
    if ((p.support[c] ?? 0) < BLEND.minCategorySupport || c === 'spam') continue;
    if (!cats.has(c) && prob >= BLEND.addAbove) {
      cats.add(c);
      result.reasons.push(reason(lang, 'category', c, 'learned', pct(prob), (l: Lang) => categoryLabel(l, c)));
    } else if (cats.has(c) && prob <= BLEND.removeBelow && rules.scores[c] < BLEND.ruleConfident) {
      cats.delete(c);
      result.reasons.push(
        reason(lang, 'category', `not_${c}`, 'learned_removed', pct(1 - prob), (l: Lang) => categoryLabel(l, c)),
      );
    }
  }
  result.categories = [...cats];
  const s = p.sentiment;
  if (s && s.confidence >= BLEND.sentimentAbove && Math.abs(ruleSentimentScore) < BLEND.sentimentUnsure) {
    const score = SENTIMENT_SCORE[s.label];
    result.sentiment = { sentiment: s.label, score };
    result.reasons.push(
      reason(lang, 'sentiment', s.label, 'learned_sentiment', pct(s.confidence), sentimentWord(s.label)),
    );
  }
  return result;
}
