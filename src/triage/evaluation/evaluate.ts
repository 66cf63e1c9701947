// Evaluation metrics over a labelled JSON Lines set. Shared by
// scripts/eval-triage.ts and the holdout test so both report the same numbers.
import { readFileSync } from 'node:fs';
import type { AnalyseOptions } from '../index';
import { analyse } from '../index';
import type { Category, Lang, Level, Sentiment, TriageResult } from '../types';
import { CATEGORIES } from '../types';

export interface LabelledPost {
  id: string;
  text: string;
  lang: Lang;
  sentiment: Sentiment;
  categories: Category[];
  level: Level;
}

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface EvalReport {
  count: number;
  perCategory: Record<Category, PRF>;
  categoryMicroF1: number;
  sentimentMacroF1: number;
  perSentiment: Record<Sentiment, PRF>;
  level3: PRF;
  levelAccuracy: number;
  /** Posts marked "needs a look" (never level 3), and how many of them are level 3 in the labels. */
  needsLook: { marked: number; urgent: number };
  errors: Array<{ post: LabelledPost; result: TriageResult }>;
}

export function loadLabelled(path: string): LabelledPost[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as LabelledPost);
}

function prf(tp: number, fp: number, fn: number): PRF {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, support: tp + fn };
}

export function evaluate(posts: LabelledPost[], options: AnalyseOptions = {}): EvalReport {
  return scoreRows(posts.map((p) => ({ p, r: analyse({ text: p.text, lang: p.lang }, options) })));
}

/** The same metrics for posts already analysed (cross-validation analyses each fold with its own model). */
export function scoreRows(rows: Array<{ p: LabelledPost; r: TriageResult }>): EvalReport {
  const cat = Object.fromEntries(CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }])) as Record<
    Category,
    { tp: number; fp: number; fn: number }
  >;
  const sents: Sentiment[] = ['negative', 'neutral', 'positive'];
  const sent = Object.fromEntries(sents.map((s) => [s, { tp: 0, fp: 0, fn: 0 }])) as Record<
    Sentiment,
    { tp: number; fp: number; fn: number }
  >;
  const l3 = { tp: 0, fp: 0, fn: 0 };
  let levelHits = 0;
  const needsLook = { marked: 0, urgent: 0 };
  const errors: EvalReport['errors'] = [];
  for (const { p: post, r: result } of rows) {
    const gold = new Set(post.categories);
    const pred = new Set(result.categories);
    for (const c of CATEGORIES) {
      if (pred.has(c) && gold.has(c)) cat[c].tp++;
      else if (pred.has(c)) cat[c].fp++;
      else if (gold.has(c)) cat[c].fn++;
    }
    if (result.sentiment === post.sentiment) sent[post.sentiment].tp++;
    else {
      sent[result.sentiment].fp++;
      sent[post.sentiment].fn++;
    }
    if (result.level === 3 && post.level === 3) l3.tp++;
    else if (result.level === 3) l3.fp++;
    else if (post.level === 3) l3.fn++;
    if (result.level === post.level) levelHits++;
    if (result.flags.needsLook) {
      needsLook.marked++;
      if (post.level === 3) needsLook.urgent++;
    }
    const catsOk = gold.size === pred.size && [...gold].every((c) => pred.has(c));
    if (!catsOk || result.sentiment !== post.sentiment || result.level !== post.level) errors.push({ post, result });
  }
  const micro = Object.values(cat).reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), {
    tp: 0,
    fp: 0,
    fn: 0,
  });
  const perSentiment = Object.fromEntries(sents.map((s) => [s, prf(sent[s].tp, sent[s].fp, sent[s].fn)])) as Record<
    Sentiment,
    PRF
  >;
  return {
    count: rows.length,
    perCategory: Object.fromEntries(CATEGORIES.map((c) => [c, prf(cat[c].tp, cat[c].fp, cat[c].fn)])) as Record<
      Category,
      PRF
    >,
    categoryMicroF1: prf(micro.tp, micro.fp, micro.fn).f1,
    sentimentMacroF1: sents.reduce((a, s) => a + perSentiment[s].f1, 0) / sents.length,
    perSentiment,
    level3: prf(l3.tp, l3.fp, l3.fn),
    levelAccuracy: rows.length ? levelHits / rows.length : 0,
    needsLook,
    errors,
  };
}

export const TARGETS = {
  level3Recall: 0.95,
  level3Precision: 0.85,
  sentimentMacroF1: 0.85,
  categoryMicroF1: 0.8,
};

/**
 * Targets on realistic streams (issue 13), where most posts need nothing: a stricter level-3 precision (a false
 * alarm among mostly chatter costs the urgent queue its meaning), a looser sentiment target (fandom chatter is
 * ambiguous even to people).
 */
export const STREAM_TARGETS: typeof TARGETS = {
  level3Recall: 0.95,
  level3Precision: 0.9,
  sentimentMacroF1: 0.8,
  categoryMicroF1: 0.8,
};

/** The targets a set is held to, by its name. */
export const targetsFor = (name: string): typeof TARGETS => (name.startsWith('stream') ? STREAM_TARGETS : TARGETS);
