// Koe triage: reads a customer post (Japanese or English) and returns
// sentiment, categories, a response level, a 0..100 priority and the reasons
// behind each decision. Pure and synchronous: no I/O, safe to call per post.
import { raiseUrgency, type BaseModel } from './base-model';
import { blendLearned } from './blend';
import { categoryReasons, decideCategories, decideLevel, decideSentiment, precedence } from './decide';
import { EN_BROAD, JA_BROAD } from './lexicon-broad';
import { EN_LEXICON } from './lexicon-en';
import { JA_LEXICON } from './lexicon-ja';
import { EN_FRAME_SLOTS, JA_FRAME_SLOTS } from './frames';
import { EN_PASS2, JA_PASS2 } from './lexicon-pass2';
import { EN_PASS3, JA_PASS3 } from './lexicon-pass3';
import { EN_PASS4, JA_PASS4 } from './lexicon-pass4';
import type { LexEntry } from './lexicon';
import { compileMatcher, lexiconEntries } from './lexicon';
import type { LearnedModel } from './learned';
import type { PhraseMatch } from './matcher';
import { normalise } from './normalise';
import { computePriority } from './priority';
import type { RuleAnalysis } from './rules';
import { applyRules } from './rules';
import { detectFlags } from './spam';
import { categoryLabel, reason } from './messages';
import type { Reason, TriagePost, TriageResult, WorkspacePhrases } from './types';
import { URGENT_CATEGORIES } from './types';
import { workspaceMatcher } from './workspace';

export * from './types';
export { LearnedModel } from './learned';
export { BaseModel, loadBaseModel } from './base-model';
export { normalise, detectLang } from './normalise';

export interface AnalyseOptions {
  workspacePhrases?: WorkspacePhrases;
  model?: LearnedModel;
  /**
   * The base learned model shipped with Koe (`loadBaseModel()` reads src/triage/base-model.json), used only
   * to raise urgency when the rules found no urgent category. Off unless passed: see docs/triage.md
   * ("Base learned model") for why it is not the default.
   */
  baseModel?: BaseModel;
}

// Both languages share one automaton: Japanese posts often contain English
// words (wifi, app, sns) and one pass is cheaper than two.
const BUILTIN = compileMatcher([
  ...lexiconEntries(JA_LEXICON),
  ...lexiconEntries(JA_BROAD),
  ...lexiconEntries(EN_LEXICON),
  ...lexiconEntries(EN_BROAD),
  ...lexiconEntries(JA_PASS2),
  ...lexiconEntries(EN_PASS2),
  ...lexiconEntries(JA_PASS3),
  ...lexiconEntries(EN_PASS3),
  ...lexiconEntries(JA_PASS4),
  ...lexiconEntries(EN_PASS4),
  ...lexiconEntries(JA_FRAME_SLOTS),
  ...lexiconEntries(EN_FRAME_SLOTS),
]);

function countRecentAbuse(recent: string[] | undefined): number {
  if (!recent) return 0;
  let n = 0;
  for (const t of recent.slice(0, 10)) {
    const matches = BUILTIN.scan(normalise(t).text);
    if (matches.some((m) => m.entry.kind === 'abuse')) n++;
  }
  return n;
}

export function analyse(post: TriagePost, options: AnalyseOptions = {}): TriageResult {
  const norm = normalise(typeof post.text === 'string' ? post.text : '', post.lang);
  const lang = norm.lang;
  const matches: Array<PhraseMatch<LexEntry>> = BUILTIN.scan(norm.text);
  workspaceMatcher(options.workspacePhrases)?.scan(norm.text, matches);
  const rules: RuleAnalysis = applyRules(norm.text, lang, matches);

  let categories = decideCategories(rules);
  let sentiment = decideSentiment(lang, rules, categories);
  let learnedReasons: Reason[] = [];
  if (options.model) {
    const blend = blendLearned(options.model, post.text, lang, rules, categories, sentiment.score);
    if (blend.reasons.length > 0) {
      categories = precedence(blend.categories, rules.scores);
      sentiment = decideSentiment(lang, rules, categories);
      if (blend.sentiment) sentiment = { ...sentiment, ...blend.sentiment };
      learnedReasons = blend.reasons;
    }
  }

  const base = options.baseModel;
  if (base && !categories.some((c) => URGENT_CATEGORIES.has(c))) {
    const raise = raiseUrgency(base.predictNormalised(norm.text), categories);
    if (raise) {
      categories = precedence([...categories, raise.category], rules.scores);
      const prior = sentiment;
      sentiment = decideSentiment(lang, rules, categories);
      // A workspace model's sentiment correction still wins.
      if (learnedReasons.some((r) => r.kind === 'sentiment')) sentiment = { ...sentiment, sentiment: prior.sentiment, score: prior.score };
      learnedReasons = [
        ...learnedReasons,
        reason(lang, 'category', raise.category, 'base_model', `${Math.round(raise.level3 * 100)}%`, categoryLabel(lang, raise.category)),
      ];
    }
  }

  const flags = detectFlags(norm, rules, categories, post.context, countRecentAbuse(post.context?.recentTexts));
  if (flags.spam) {
    categories = ['spam'];
    sentiment = { sentiment: 'neutral', score: 0, reasons: [] };
  }
  const level = decideLevel(lang, rules, categories, flags.spam);
  const priority = computePriority({
    lang,
    level: level.level,
    sentimentScore: sentiment.score,
    categories,
    spam: flags.spam,
    troll: flags.troll,
    context: post.context,
  });

  return {
    sentiment: sentiment.sentiment,
    sentimentScore: sentiment.score,
    categories,
    level: level.level,
    priority: priority.priority,
    reasons: [
      ...(flags.spam ? [] : categoryReasons(lang, rules, categories)),
      ...learnedReasons,
      ...rules.cancelled,
      ...sentiment.reasons,
      level.reason,
      ...flags.reasons,
      ...priority.reasons,
    ],
    flags: { spam: flags.spam, troll: flags.troll },
    lang,
  };
}
