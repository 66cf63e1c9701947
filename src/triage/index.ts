// Koe triage: reads a customer post (Japanese or English) and returns
// sentiment, categories, a response level, a 0..100 priority and the reasons
// behind each decision. Pure and synchronous: no I/O, safe to call per post.
import type { BaseBlend, BaseModel, BaseScores, BaseTarget } from './base-model';
import { BLEND, likeliestUrgent, loadBaseModel, OTHER_TARGETS, raiseUrgency } from './base-model';
import { blendLearned } from './blend';
import type { BrandProfile } from './brands';
import { competitorsIssue, findBrands, maskBrands } from './brands';
import type { Precedents } from './precedents';
import type { SentimentDecision } from './decide';
import {
  CATEGORY_THRESHOLD,
  categoryReasons,
  decideCategories,
  decideLevel,
  decideSentiment,
  precedence,
} from './decide';
import { EN_BROAD, JA_BROAD } from './lexicons/broad';
import { EN_LEXICON } from './lexicons/core-en';
import { JA_LEXICON } from './lexicons/core-ja';
import { EN_FRAME_SLOTS, JA_FRAME_SLOTS } from './frames';
import { EN_ASIDES, JA_ASIDES } from './lexicons/asides';
import { EN_URGENT_SITUATIONS, JA_URGENT_SITUATIONS } from './lexicons/urgent-situations';
import { EN_SLANG_ABBREVIATIONS, JA_SLANG_DIALECT_KEIGO } from './lexicons/slang-dialect-keigo';
import { EN_LOANWORDS_SUBSCRIPTIONS, JA_LOANWORDS_ROMAJI } from './lexicons/loanwords-romaji';
import type { LexEntry } from './lexicon';
import { compileMatcher, lexiconEntries } from './lexicon';
import type { LearnedModel } from './learned';
import type { PhraseMatch } from './matcher';
import { normalise } from './normalise';
import { computePriority } from './priority';
import type { RuleAnalysis } from './rules';
import { applyRules } from './rules';
import { detectFlags, hasIssueWords } from './spam';
import { categoryLabel, categoryLabels, pct, reason } from './messages';
import type { Category, Lang, Reason, Sentiment, TriagePost, TriageResult, WorkspacePhrases } from './types';
import { CATEGORIES, URGENT_CATEGORIES } from './types';
import { workspaceMatcher } from './workspace';

export * from './types';
export { LearnedModel } from './learned';
export { BaseModel, loadBaseModel } from './base-model';
export { normalise, detectLang } from './normalise';
export type { BrandProfile } from './brands';
export { Precedents } from './precedents';

export interface AnalyseOptions {
  workspacePhrases?: WorkspacePhrases;
  model?: LearnedModel;
  /**
   * The base learned model. By default the one shipped with Koe (src/triage/base-model.json, trained by
   * `npm run train:triage`); another model can be passed, or `null` for the rules alone. See docs/triage.md
   * ("Base learned model") for what it may change.
   */
  baseModel?: BaseModel | null;
  /** Overrides of the blend settings (experiments and cross-validation). */
  baseBlend?: Partial<BaseBlend>;
  /** The workspace's brands and competitors: a competitor's problem is a competitor mention, not our incident. */
  brands?: BrandProfile;
  /** What the workspace's agents decided on earlier posts (their corrections), for posts that read almost the same. */
  precedents?: Precedents;
}

// Both languages share one automaton: Japanese posts often contain English
// words (wifi, app, sns) and one pass is cheaper than two.
const BUILTIN = compileMatcher([
  ...lexiconEntries(JA_LEXICON),
  ...lexiconEntries(JA_BROAD),
  ...lexiconEntries(EN_LEXICON),
  ...lexiconEntries(EN_BROAD),
  ...lexiconEntries(JA_URGENT_SITUATIONS),
  ...lexiconEntries(EN_URGENT_SITUATIONS),
  ...lexiconEntries(JA_SLANG_DIALECT_KEIGO),
  ...lexiconEntries(EN_SLANG_ABBREVIATIONS),
  ...lexiconEntries(JA_LOANWORDS_ROMAJI),
  ...lexiconEntries(EN_LOANWORDS_SUBSCRIPTIONS),
  ...lexiconEntries(JA_FRAME_SLOTS),
  ...lexiconEntries(EN_FRAME_SLOTS),
  ...lexiconEntries(JA_ASIDES),
  ...lexiconEntries(EN_ASIDES),
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

let shipped: BaseModel | undefined | null = null;
/** The shipped base model, read once on first use (undefined if the file is missing). */
function shippedBaseModel(): BaseModel | undefined {
  if (shipped === null) shipped = loadBaseModel();
  return shipped;
}

/**
 * The base model's part of a decision (settings in `BLEND`): it may drop the rules' urgent
 * categories when it is confident the post is no current problem (never ones that came from
 * workspace phrases or the workspace model), add an urgent category the rules missed, and
 * correct the sentiment. Every change carries a reason.
 */
function blendBase(
  scores: BaseScores,
  blend: BaseBlend,
  lang: Lang,
  rules: RuleAnalysis,
  categories: Category[],
  sentiment: SentimentDecision,
  reasons: Reason[],
): { categories: Category[]; sentiment: SentimentDecision; reasons: Reason[]; look: Reason | null } {
  const out = { categories, sentiment, reasons: [...reasons], look: null as Reason | null };
  const urgent = categories.filter((c) => URGENT_CATEGORIES.has(c));
  const workspaceSaid = (c: Category) =>
    rules.evidence[c].some((e) => e.workspace) || reasons.some((r) => r.code === c);
  const workspaceSentiment = reasons.some((r) => r.kind === 'sentiment');
  // A threat to go to a regulator, a lawyer or the press (a backlash term of full weight) is never set aside: the model
  // learns from chatter that mentions such words, and missing a real one costs far more than a false alarm.
  const threat = urgent.includes('backlash') && rules.scores.backlash >= 2;
  if (urgent.length > 0 && scores.L3 < blend.vetoBelow && !urgent.some(workspaceSaid) && !threat) {
    // What the post is once the issue is set aside: its other categories, including the
    // question/request/praise that precedence hid behind the issue.
    const rest = CATEGORIES.filter(
      (c) =>
        !URGENT_CATEGORIES.has(c) && c !== 'spam' && (categories.includes(c) || rules.scores[c] >= CATEGORY_THRESHOLD),
    );
    out.categories = precedence(rest, rules.scores);
    out.reasons.push(
      reason(lang, 'category', `not_${urgent[0]}`, 'base_model_veto', pct(scores.L3), categoryLabels(urgent)),
    );
    if (scores.L3 >= blend.lookVetoAbove)
      out.look = {
        ...reason(lang, 'level', 'needs_look', 'needs_look_veto', pct(scores.L3), categoryLabels(urgent)),
        category: urgent[0],
      };
  } else if (urgent.length === 0) {
    const raise = raiseUrgency(scores, categories, blend);
    // Without any sign of trouble in the words themselves (no issue term, no negative word), the model alone must be
    // much surer; below that the post is only marked for a look.
    const praising = rules.scores.praise >= 1.5 && rules.negRaw < 0.5;
    const hint =
      !praising &&
      ([...URGENT_CATEGORIES].some((c) => rules.scores[c] >= blend.hintScore) || rules.negRaw >= blend.hintNegative);
    if (raise && (hint || raise.level3 >= blend.raiseAloneAbove)) {
      out.categories = precedence([...categories, raise.category], rules.scores);
      out.reasons.push(
        reason(lang, 'category', raise.category, 'base_model', pct(raise.level3), (l: Lang) =>
          categoryLabel(l, raise.category),
        ),
      );
    } else if (scores.L3 >= blend.lookAbove && !praising && !categories.includes('spam')) {
      const likely = raise?.category ?? likeliestUrgent(scores);
      out.look = {
        ...reason(lang, 'level', 'needs_look', 'needs_look', pct(scores.L3), (l: Lang) => categoryLabel(l, likely)),
        category: likely,
      };
    }
  }
  // Question, request, purchase intent and praise, on a post without an urgent issue.
  if (!out.categories.some((c) => URGENT_CATEGORIES.has(c))) {
    let cats = out.categories;
    for (const c of OTHER_TARGETS) {
      const p = scores[c as BaseTarget];
      if (!cats.includes(c) && p >= blend.otherAddAbove) {
        cats = [...cats, c];
        out.reasons.push(reason(lang, 'category', c, 'base_model_category', pct(p), (l: Lang) => categoryLabel(l, c)));
      } else if (cats.includes(c) && p < blend.otherRemoveBelow && !workspaceSaid(c)) {
        cats = cats.filter((x) => x !== c);
        out.reasons.push(
          reason(lang, 'category', `not_${c}`, 'base_model_removed', pct(1 - p), (l: Lang) => categoryLabel(l, c)),
        );
      }
    }
    if (cats !== out.categories) out.categories = precedence(cats, rules.scores);
  }
  if (workspaceSentiment) return out;
  // The rules' sentiment depends on the categories (an issue is negative, praise positive).
  if (out.categories !== categories) out.sentiment = decideSentiment(lang, rules, out.categories);
  const issue = out.categories.some((c) => URGENT_CATEGORIES.has(c));
  const now = out.sentiment.sentiment;
  let to: Sentiment | null = null;
  let confidence = 0;
  if (now !== 'negative' && scores.negative >= blend.negativeAbove) [to, confidence] = ['negative', scores.negative];
  else if (now === 'neutral' && !issue && scores.positive >= blend.positiveAbove)
    [to, confidence] = ['positive', scores.positive];
  else if (now === 'negative' && !issue && scores.negative < blend.notNegativeBelow)
    [to, confidence] = ['neutral', 1 - scores.negative];
  if (to) {
    const score =
      to === 'negative'
        ? Math.min(out.sentiment.score, -0.3)
        : to === 'positive'
          ? Math.max(out.sentiment.score, 0.3)
          : 0;
    out.sentiment = {
      sentiment: to,
      score,
      reasons: [reason(lang, 'sentiment', to, 'base_sentiment', pct(confidence), to)],
    };
  }
  return out;
}

export function analyse(post: TriagePost, options: AnalyseOptions = {}): TriageResult {
  const norm = normalise(typeof post.text === 'string' ? post.text : '', post.lang);
  const lang = norm.lang;
  let matches: Array<PhraseMatch<LexEntry>> = BUILTIN.scan(norm.text);
  workspaceMatcher(options.workspacePhrases)?.scan(norm.text, matches);
  // A name is not a word of the post: a fitness app called "Burn" or a rival called 炎上屋 reports nothing.
  const brands = findBrands(options.brands, norm.text, post.text);
  if (brands && brands.mentions.length > 0)
    matches = matches.filter(
      (m) => m.entry.source === 'workspace' || !brands.mentions.some((b) => m.start >= b.start && m.end <= b.end),
    );
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

  let look: Reason | null = null;
  let baseScores: BaseScores | null = null;
  const baseBlend = options.baseBlend ? { ...BLEND, ...options.baseBlend } : BLEND;
  const baseModel = options.baseModel === undefined ? shippedBaseModel() : options.baseModel;
  if (baseModel) {
    baseScores = baseModel.predictNormalised(baseModel.masksBrands ? maskBrands(norm.text, brands) : norm.text);
    const b = blendBase(baseScores, baseBlend, lang, rules, categories, sentiment, learnedReasons);
    categories = b.categories;
    sentiment = b.sentiment;
    learnedReasons = b.reasons;
    look = b.look;
  }

  // A competitor's problem: not our incident. The writer's attitude (sentiment) stays as it is.
  let competitor = false;
  if (brands?.competitor) {
    const urgent = categories.filter((c) => URGENT_CATEGORIES.has(c));
    const workspaceSaid = urgent.some((c) => rules.evidence[c].some((e) => e.workspace));
    const at = urgent.flatMap((c) => rules.evidence[c].map((e) => e.start));
    if (urgent.length === 0) {
      competitor = true;
      if (look && competitorsIssue(brands, [])) look = null;
    } else if (!workspaceSaid && competitorsIssue(brands, at)) {
      competitor = true;
      look = null;
      categories = categories.filter((c) => !URGENT_CATEGORIES.has(c) && c !== 'question' && c !== 'request');
      learnedReasons = [
        ...learnedReasons,
        reason(lang, 'category', 'competitor', 'competitor_issue', brands.competitor, categoryLabels(urgent)),
      ];
    }
  }

  // What agents decided on a post that reads almost the same (precedents.ts): it settles what the learned models
  // raised or marked, or raises what they let pass. Issues the rules found are never dropped this way.
  if (options.precedents && options.precedents.size > 0 && !competitor) {
    const urgent = categories.filter((c) => URGENT_CATEGORIES.has(c));
    const fromWords = urgent.some((c) => rules.evidence[c].length > 0);
    // Only posts whose urgency the models decided (raised, marked, or left at a lower level) are settled this way.
    const p = urgent.length === 0 || !fromWords ? options.precedents.nearest(norm.text) : null;
    if (p && !p.urgent && (urgent.length > 0 || look)) {
      look = null;
      if (urgent.length > 0) {
        categories = precedence(
          categories.filter((c) => !URGENT_CATEGORIES.has(c)),
          rules.scores,
        );
        sentiment = decideSentiment(lang, rules, categories);
      }
      learnedReasons = [
        ...learnedReasons,
        reason(lang, 'category', 'precedent', 'precedent_dismissed', pct(p.similarity)),
      ];
    } else if (p && p.urgent && urgent.length === 0 && p.categories.length > 0) {
      // A marked post too: an agent confirmed one that reads the same.
      look = null;
      categories = precedence([...categories, ...p.categories], rules.scores);
      if (sentiment.sentiment !== 'negative') sentiment = decideSentiment(lang, rules, categories);
      learnedReasons = [
        ...learnedReasons,
        reason(
          lang,
          'category',
          p.categories[0],
          'precedent_confirmed',
          pct(p.similarity),
          categoryLabels(p.categories),
        ),
      ];
    }
  }

  let flags = detectFlags(norm, rules, categories, post.context, countRecentAbuse(post.context?.recentTexts));
  // Spam the rules' promo words miss (a giveaway or a fake sale in words of its own): the base model may flag it when
  // it is confident and nothing in the words is an issue — a real problem beside promo words is never spam. A call to
  // spread (【拡散希望】) is a giveaway's habit as often as a backlash's, so it does not protect a post.
  const spamP = baseScores?.spam ?? 0;
  if (
    !flags.spam &&
    spamP >= baseBlend.spamAbove &&
    !hasIssueWords(rules) &&
    !categories.some((c) => URGENT_CATEGORIES.has(c) && c !== 'backlash')
  )
    flags = {
      ...flags,
      spam: true,
      troll: false,
      reasons: [...flags.reasons, reason(lang, 'spam', 'spam', 'base_model_spam', pct(spamP))],
    };
  if (flags.spam) {
    categories = ['spam'];
    sentiment = { sentiment: 'neutral', score: 0, reasons: [] };
  }
  const level = decideLevel(lang, rules, categories, flags.spam);
  if (flags.spam) look = null;
  const needsLook = look !== null && level.level < 3;
  if (competitor && !flags.spam && level.level === 0)
    level.reason = reason(lang, 'level', 'competitor', 'L0_competitor', brands!.competitor!);
  const priority = computePriority({
    lang,
    level: level.level,
    sentimentScore: sentiment.score,
    categories,
    spam: flags.spam,
    troll: flags.troll,
    needsLook,
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
      ...(needsLook ? [look!] : []),
      ...flags.reasons,
      ...priority.reasons,
    ],
    flags: { spam: flags.spam, troll: flags.troll, needsLook, competitor: competitor && !flags.spam },
    lang,
  };
}
