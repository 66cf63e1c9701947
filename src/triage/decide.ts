// Decisions on top of the rule scores: which categories stand, the sentiment
// score and the level, each with the reason an agent will see.
import { categoryLabel, categoryLabels, joinEvidence, reason } from './messages';
import type { Evidence, RuleAnalysis } from './rules';
import type { Category, Lang, Level, Reason, Sentiment } from './types';
import { CATEGORIES, URGENT_CATEGORIES } from './types';

export const CATEGORY_THRESHOLD = 1;
/** Share of positive wording that still counts when the post reports an issue. */
export const ISSUE_POSITIVE_DISCOUNT = 0.5;

export function decideCategories(rules: RuleAnalysis): Category[] {
  const { scores } = rules;
  const cats = CATEGORIES.filter((c) => c !== 'spam' && scores[c] >= CATEGORY_THRESHOLD);
  // Recall fallback: an angry post with partial issue evidence (動かない + 困る)
  // is more likely an unlisted phrasing of that issue than chatter.
  if (!cats.some((c) => URGENT_CATEGORIES.has(c)) && rules.negRaw >= 1) {
    let best: Category | null = null;
    for (const c of URGENT_CATEGORIES) if (scores[c] >= 0.5 && (!best || scores[c] > scores[best])) best = c;
    if (best) cats.push(best);
  }
  return precedence(cats, scores);
}

/** Applies the labelling-guide precedence to a category set (also after the learned blend). */
export function precedence(input: Category[], scores: Record<Category, number>): Category[] {
  const cats = CATEGORIES.filter((c) => input.includes(c));
  const urgent = cats.some((c) => URGENT_CATEGORIES.has(c));
  // The issue is the request: "double charged, refund me" is a billing error;
  // a price or plan word inside a complaint is context, not a buyer.
  if (urgent) {
    return cats.filter(
      (c) =>
        c !== 'question' &&
        c !== 'request' &&
        c !== 'praise' &&
        !(c === 'purchase_intent' && scores.purchase_intent < 2),
    );
  }
  // "Thanks in advance" on a question is politeness, not praise.
  if ((cats.includes('question') || cats.includes('request')) && scores.praise < 1.5) {
    return cats.filter((c) => c !== 'praise');
  }
  return cats;
}

const topTerms = (ev: Evidence[], n = 3): string[] => {
  const seen: string[] = [];
  for (const e of ev) if (!seen.includes(e.term) && seen.length < n) seen.push(e.term);
  return seen;
};

export function categoryReasons(lang: Lang, rules: RuleAnalysis, cats: Category[]): Reason[] {
  const out: Reason[] = [];
  for (const c of cats) {
    const ev = rules.evidence[c];
    if (ev.length === 0) continue;
    const ws = ev.find((e) => e.workspace);
    if (ws) out.push(reason(lang, 'category', c, 'workspace', ws.term, (l: Lang) => categoryLabel(l, c)));
    else
      out.push(
        reason(lang, 'category', c, 'category', joinEvidence(lang, topTerms(ev)), (l: Lang) => categoryLabel(l, c)),
      );
  }
  return out;
}

export interface SentimentDecision {
  sentiment: Sentiment;
  score: number;
  reasons: Reason[];
}

export const sentimentOf = (score: number): Sentiment =>
  score >= 0.3 ? 'positive' : score <= -0.3 ? 'negative' : 'neutral';

export function decideSentiment(lang: Lang, rules: RuleAnalysis, cats: Category[]): SentimentDecision {
  const issues = cats.filter((c) => URGENT_CATEGORIES.has(c));
  // Concession: 「店員さんは感じよかったけど、パンに異物が入ってた」 — kind words next to a
  // reported issue are politeness or a preamble, so they count for half.
  let raw =
    (issues.length > 0 && !cats.includes('praise') ? rules.posRaw * ISSUE_POSITIVE_DISCOUNT : rules.posRaw) -
    rules.negRaw;
  if (cats.includes('praise')) raw += rules.scores.praise * 0.8;
  // Reporting a problem is negative even when written politely.
  for (const c of issues) raw -= 0.6 + 0.4 * Math.min(rules.scores[c], 3);
  const score = Math.round((raw / (Math.abs(raw) + 1.2)) * 100) / 100;
  const sentiment = sentimentOf(score);
  const reasons: Reason[] = [];
  if (rules.sarcasm) reasons.push(reason(lang, 'sentiment', 'sarcasm', 'sarcasm', rules.sarcasm));
  if (sentiment === 'negative') {
    const words = rules.negWords.filter((w) => w !== rules.sarcasm).slice(0, 4);
    if (words.length > 0) reasons.push(reason(lang, 'sentiment', 'negative', 'negative', joinEvidence(lang, words)));
    else if (issues.length > 0) {
      const ev = issues.flatMap((c) => topTerms(rules.evidence[c], 1));
      reasons.push(reason(lang, 'sentiment', 'negative', 'issue_tone', joinEvidence(lang, ev)));
    }
  } else if (sentiment === 'positive') {
    const words = [...topTerms(rules.evidence.praise), ...rules.posWords].slice(0, 4);
    reasons.push(reason(lang, 'sentiment', 'positive', 'positive', joinEvidence(lang, words)));
  } else {
    reasons.push(reason(lang, 'sentiment', 'neutral', 'neutral', ''));
  }
  return { sentiment, score, reasons };
}

export function decideLevel(
  lang: Lang,
  rules: RuleAnalysis,
  cats: Category[],
  spam: boolean,
): { level: Level; reason: Reason } {
  if (spam)
    return { level: 0, reason: reason(lang, 'level', 'L0', 'L0', (l: Lang) => (l === 'ja' ? 'スパム' : 'spam')) };
  const urgent = cats.filter((c) => URGENT_CATEGORIES.has(c));
  if (urgent.length > 0) {
    return { level: 3, reason: reason(lang, 'level', 'L3', 'L3', urgent.join(','), categoryLabels(urgent)) };
  }
  if (cats.includes('request')) {
    const ev = topTerms(rules.evidence.request, 2);
    return { level: 2, reason: reason(lang, 'level', 'L2', 'L2', joinEvidence(lang, ev)) };
  }
  const asks = cats.includes('question') || cats.includes('purchase_intent');
  if (asks && rules.expert.length > 0) {
    return {
      level: 2,
      reason: reason(lang, 'level', 'L2', 'L2', joinEvidence(lang, [...new Set(rules.expert)].slice(0, 3))),
    };
  }
  if (asks || cats.includes('praise')) {
    const basis = cats.map((c) => categoryLabel(lang, c));
    return { level: 1, reason: reason(lang, 'level', 'L1', 'L1', joinEvidence(lang, basis)) };
  }
  if (rules.support.length > 0) {
    return { level: 1, reason: reason(lang, 'level', 'support_tag', 'support_tag', rules.support[0]) };
  }
  return {
    level: 0,
    reason: reason(lang, 'level', 'L0', 'L0', (l: Lang) =>
      l === 'ja' ? '対応が必要な内容なし' : 'nothing actionable',
    ),
  };
}
