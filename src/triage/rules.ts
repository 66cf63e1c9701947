// Rule layer: turns lexicon matches into category scores and sentiment,
// applying negation, resolution ("it was a pending authorization") and
// sarcasm so that each surviving match can be shown to the agent as a reason.
import { applyFrames } from './frames';
import type { LexEntry } from './lexicon';
import type { PhraseMatch } from './matcher';
import { categoryLabel, reason } from './messages';
import type { Category, Lang, Reason } from './types';
import { CATEGORIES, URGENT_CATEGORIES } from './types';

type Match = PhraseMatch<LexEntry>;

export interface Evidence {
  term: string;
  weight: number;
  workspace: boolean;
  /** Where the match starts in the normalised text (to tell whose issue it is: brands.ts). */
  start: number;
}

export interface RuleAnalysis {
  scores: Record<Category, number>;
  evidence: Record<Category, Evidence[]>;
  posRaw: number;
  negRaw: number;
  posWords: string[];
  negWords: string[];
  sarcasm: string | null;
  expert: string[];
  spamScore: number;
  spamWords: string[];
  abuse: string[];
  support: string[];
  /** Reasons for issues that were recognised but cancelled (negated, resolved). */
  cancelled: Reason[];
}

// 「届いてない！と思ったら」: a ! or ? followed by と/って quotes a thought, it does not end the sentence.
const SENTENCE_END = /[。.!?\n](?![とっ!?])/g;

function emptyRecord<T>(make: () => T): Record<Category, T> {
  const r = {} as Record<Category, T>;
  for (const c of CATEGORIES) r[c] = make();
  return r;
}

const isScored = (m: Match): boolean => m.entry.kind === 'cat' || m.entry.kind === 'pos' || m.entry.kind === 'neg';

/**
 * Longest match wins inside one (kind, category): ログインできない hides
 * ログインでき. A confident category phrase also hides shorter phrases of other
 * categories inside it ("checkout is broken" is an outage, not a defect).
 */
function dropContained(matches: Match[]): Match[] {
  matches.sort((a, b) => a.start - b.start || b.end - a.end);
  const maxEnd = new Map<string, number>();
  let catEnd = -1;
  const kept: Match[] = [];
  for (const m of matches) {
    const key = m.entry.kind + (m.entry.category ?? m.entry.slot ?? '');
    const end = maxEnd.get(key);
    if (end !== undefined && m.end <= end) continue;
    if (m.entry.kind === 'cat' && m.end <= catEnd) continue;
    maxEnd.set(key, m.end);
    if (m.entry.kind === 'cat' && m.entry.weight >= 1 && m.end > catEnd) catEnd = m.end;
    kept.push(m);
  }
  return kept;
}

const NEGATED_BEFORE = /(?:\bnot|n't|\bnever|\bno longer)\s*$/;

/** 流出してない？ / 詐欺じゃない？ are rhetorical: the negation asserts the issue. */
const RHETORICAL_AFTER = /^(?:\?|か|よね|でしょ|の\?)/;

function sentenceBounds(text: string, pos: number): [number, number] {
  let start = 0;
  let end = text.length;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(text); m; m = SENTENCE_END.exec(text)) {
    if (m.index < pos) start = m.index + 1;
    else {
      end = m.index;
      break;
    }
  }
  return [start, end];
}

/** Japanese hypothetical openers scope forward: もし届いた商品が壊れてたら… */
const JA_OPENERS: ReadonlySet<string> = new Set([
  'もし',
  'もしも',
  '万が一',
  '万一',
  '仮に',
  '他社の',
  '他社で',
  'よその会社',
  'よその店',
]);
/** Bare conditionals (壊れてたら / 来なければ) are hypothetical only when the sentence asks something. */
const JA_CONDITIONALS: ReadonlySet<string> = new Set(['たら', 'れば']);
const QUESTION_END = /(?:か|かな|かね|の|っけ|でしょう|ますか|ですか)\s*$/;
const CLAUSE_BREAK = /[、,]|けど|けれど|ですが|んですが|ので|のに/g;

/** Start of the clause that ends at `pos` (after the last 、 / けど / ですが …). */
function clauseStart(text: string, sentenceStart: number, pos: number): number {
  let start = sentenceStart;
  const slice = text.slice(sentenceStart, pos);
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(slice); m; m = CLAUSE_BREAK.exec(slice)) start = sentenceStart + m.index + m[0].length;
  return start;
}

/**
 * Quoted text: the retweeted line of 「RT @x: …」 and reply lines starting with
 * 「>」 are someone else's words (a news item, the company's own reply). Their
 * issue words count only when the author affirms them (まさにこれ, 私も, same here).
 */
const QUOTE_LINE = /^[ \t]*(?:>|rt\s*:|rt\s|引用rt\s*[:：]?)/;
const AFFIRMS =
  /まさに|同じ症状|同じく|同じです|私も|わたしも|うちも|僕も|俺も|me too|same here|same issue|same problem|same thing|happening to me/;

export function quotedSpans(text: string): Array<[number, number]> {
  if (!text.includes('>') && !text.includes('rt')) return [];
  const spans: Array<[number, number]> = [];
  let start = 0;
  for (const line of text.split('\n')) {
    if (QUOTE_LINE.test(line)) spans.push([start, start + line.length]);
    start += line.length + 1;
  }
  if (spans.length === 0) return spans;
  let own = '';
  let pos = 0;
  for (const [s, e] of spans) {
    own += text.slice(pos, s);
    pos = e;
  }
  own += text.slice(pos);
  return AFFIRMS.test(own) ? [] : spans;
}

/** 重くて / 落ちたので … 二重決済: a failure told as the cause of a charge is context, not a second issue. */
const CAUSAL_AFTER = /^(?:くて|て|で|ので|から|せいで|ため|たら)/;
const CAUSAL_END = /[てで]$/;

const isIssue = (m: Match): boolean =>
  (m.entry.kind === 'cat' && URGENT_CATEGORIES.has(m.entry.category!)) || m.entry.kind === 'neg';

interface ContextResult {
  /** Replacement match list when an outage term was re-read as a defect. */
  matches: Match[] | null;
  quoted: ReadonlySet<Match>;
  /** Outage matches told as the context (cause) of another issue → that issue. */
  context: ReadonlyMap<Match, Category>;
}

const NO_CONTEXT: ContextResult = { matches: null, quoted: new Set(), context: new Map() };

function slotIn(matches: Match[], negated: Set<Match>, role: string, s: number, e: number): boolean {
  for (const m of matches) {
    if (
      m.entry.kind === 'slot' &&
      m.entry.slot === role &&
      m.entry.weight > 0 &&
      !negated.has(m) &&
      m.start >= s &&
      m.end <= e
    )
      return true;
  }
  return false;
}

/**
 * Context rules (pass 4). Allocates only when the post has a quoted line or a
 * weak lexicon outage term, so the common path stays as fast as before.
 */
function applyContext(
  text: string,
  input: Match[],
  negated: Set<Match>,
  cancelled: Map<Match, Match>,
  hasSlots: boolean,
): ContextResult {
  const spans = quotedSpans(text);
  let quoted: Set<Match> | null = null;
  if (spans.length > 0) {
    quoted = new Set();
    for (const m of input) if (isIssue(m) && spans.some(([s, e]) => m.start >= s && m.end <= e)) quoted.add(m);
  }
  const live = (m: Match, c: Category): boolean =>
    m.entry.kind === 'cat' && m.entry.category === c && !cancelled.has(m) && !negated.has(m) && !quoted?.has(m);
  const weakOutage = (m: Match): boolean => live(m, 'outage') && m.entry.weight < 2;
  if (!hasSlots || !input.some(weakOutage)) return quoted ? { ...NO_CONTEXT, quoted } : NO_CONTEXT;

  let matches: Match[] | null = null;
  const context = new Map<Match, Category>();
  for (let i = 0; i < input.length; i++) {
    const m = input[i];
    if (!weakOutage(m) || m.entry.term.includes('…')) continue; // frames already chose their category
    // 充電器が…使えない / printer … error: a physical device failing is a defect, not an
    // outage, when the sentence names a device and no online service (app, site, network).
    // A phone or laptop hosts apps, so appliances only explain a failure next to a hazard
    // (電気毛布…焦げ臭くて使えない is a safety issue, not an outage).
    const [s, e] = sentenceBounds(text, m.start);
    const device = slotIn(input, negated, 'device', s, e);
    if (!(device || slotIn(input, negated, 'appliance', s, e)) || slotIn(input, negated, 'service', s, e)) continue;
    const generic =
      /エラー|error/.test(text.slice(m.start, m.end)) ||
      input.some((b) => b.entry.kind === 'slot' && b.entry.slot === 'broken' && b.start < m.end && m.start < b.end);
    if (!generic) continue;
    if (input.some((o) => live(o, 'safety') && o.start >= s && o.end <= e)) context.set(m, 'safety');
    else if (device) {
      matches ??= input.slice();
      matches[i] = { ...m, entry: { ...m.entry, category: 'defect' } };
    }
  }
  const list = matches ?? input;
  for (const m of list) {
    if (!weakOutage(m) || context.has(m)) continue;
    if (!CAUSAL_AFTER.test(text.slice(m.end, m.end + 4)) && !CAUSAL_END.test(text.slice(m.start, m.end))) continue;
    const [, e] = sentenceBounds(text, m.start);
    if (list.some((o) => live(o, 'billing_error') && o.entry.weight >= 1 && o.start >= m.end && o.start < e))
      context.set(m, 'billing_error');
  }
  return { matches, quoted: quoted ?? NO_CONTEXT.quoted, context };
}

/**
 * The rule analysis of one post, in named passes: negation, co-occurrence frames, scope (hypothetical, mistaken,
 * resolved), context (quotes, devices, causes), then the tally of what is left, and sarcasm last.
 */
export function applyRules(text: string, lang: Lang, raw: Match[]): RuleAnalysis {
  let matches = dropContained(raw);
  const { negated, hasSlots } = markNegations(text, matches);
  if (hasSlots) matches = applyFramePass(text, matches, negated);
  const cancelled = markScopes(text, matches);
  const context =
    hasSlots || text.includes('>') || text.includes('rt')
      ? applyContext(text, matches, negated, cancelled, hasSlots)
      : NO_CONTEXT;
  matches = context.matches ?? matches;
  const { result, sarcasmMarkers } = tally(text, lang, matches, {
    negated,
    cancelled,
    quoted: context.quoted,
    explained: context.context,
  });
  applySarcasm(result, sarcasmMarkers);
  for (const c of CATEGORIES) result.evidence[c].sort((a, b) => b.weight - a.weight);
  return result;
}

const negatable = (m: Match) => isScored(m) || m.entry.kind === 'slot';

/** Pass 1: negation, of scored terms and of frame roles (違いはない, never charged). */
function markNegations(text: string, matches: Match[]): { negated: Set<Match>; hasSlots: boolean } {
  const negated = new Set<Match>();
  let hasSlots = false;
  for (const mod of matches) {
    const kind = mod.entry.kind;
    if (kind === 'slot') hasSlots = true;
    if (kind === 'negAfter') {
      // 壊れ|ていない: the scored term ends right where the negation starts.
      if (RHETORICAL_AFTER.test(text.slice(mod.end, mod.end + 3))) continue;
      for (const m of matches) {
        if (negatable(m) && m.start < mod.start && m.end === mod.start) negated.add(m);
      }
    } else if (kind === 'negBefore') {
      // "not | double charged", "didn't get | charged twice": at most one word between.
      for (const m of matches) {
        if (!negatable(m) || m.start < mod.end || m.start > mod.end + 16) continue;
        const gap = text.slice(mod.end, m.start).trim();
        // Bare "no" negates only the next word: in romaji 「ramen no aji」 it is a particle.
        if (gap === '' || gap === 'more' || (/^[a-z']+$/.test(gap) && mod.entry.term !== 'no')) negated.add(m);
      }
    }
  }
  return { negated, hasSlots };
}

/** Positive (praise included) and negative wording weights, leaving out the matches in `skip`. */
function wording(matches: Match[], skip?: ReadonlySet<Match>): { pos: number; neg: number } {
  let pos = 0;
  let neg = 0;
  for (const m of matches) {
    if (skip?.has(m)) continue;
    if (m.entry.kind === 'pos' || (m.entry.kind === 'cat' && m.entry.category === 'praise')) pos += m.entry.weight;
    else if (m.entry.kind === 'neg') neg += m.entry.weight;
  }
  return { pos, neg };
}

/**
 * Pass 2: co-occurrence frames become ordinary category matches, so the scope rules (hypothetical, mistake, resolved)
 * apply to them too. Returns the matches with the frames' own, and without the urgent terms a frame claimed.
 */
function applyFramePass(text: string, matches: Match[], negated: Set<Match>): Match[] {
  const { pos, neg } = wording(matches, negated);
  const slots = matches.filter((m) => m.entry.kind === 'slot' && !negated.has(m));
  const frames = applyFrames(text, slots, pos >= 1.5 && neg < 0.5);
  if (frames.matches.length === 0) return matches;
  const { claimed } = frames;
  const kept = matches.filter(
    (m) =>
      !(
        m.entry.kind === 'cat' &&
        URGENT_CATEGORIES.has(m.entry.category!) &&
        claimed.some(([s, e, c]) => c !== m.entry.category && m.start >= s && m.end <= e)
      ),
  );
  kept.push(...frames.matches);
  kept.sort((a, b) => a.start - b.start || b.end - a.end);
  return kept;
}

/** The writer's own experience next to someone else's story: 「友達も私も」, "mine too", "same here". */
const OWN_EXPERIENCE =
  /私も|わたしも|僕も|俺も|うちも|自分も|me too|mine too|same here|happened to me|i also|me as well/;
/** After an announced window: the trouble is new (メンテ明けても / still down after the maintenance). */
const AFTER_NOTICE =
  /明け|終わったのに|終わっても|終了後|終わった後|延長|後から|以降|after|since|still|overran|over-ran/;
/** A physical thing in the sentence makes an alarm word literal (バッテリーが爆発, my charger exploded). */
const PHYSICAL_SLOTS: ReadonlySet<string> = new Set(['device', 'appliance', 'body', 'foreign', 'child']);

/** A post that reads as fun or praise: a fun marker, or clearly more positive than negative wording. */
function readsFun(matches: Match[]): boolean {
  if (matches.some((m) => m.entry.kind === 'fun')) return true;
  const { pos, neg } = wording(matches);
  return pos >= 1 && neg < 0.5;
}

/** Someone else's story or an announcement: cancels the issues in its scope, unless the post says otherwise. */
function markAside(text: string, matches: Match[], mod: Match, cancelled: Map<Match, Match>): void {
  const whole = mod.entry.kind === 'hearsay' && mod.entry.weight >= 2;
  const [sStart, sEnd] = whole ? [0, text.length] : sentenceBounds(text, mod.start);
  const span = text.slice(sStart, sEnd);
  if (mod.entry.kind === 'hearsay' && OWN_EXPERIENCE.test(span)) return;
  if (mod.entry.kind === 'notice' && AFTER_NOTICE.test(span)) return;
  for (const m of matches) if (isIssue(m) && m.start >= sStart && m.end <= sEnd) cancelled.set(m, mod);
}

/** Pass 3: scope markers (a weight of 0 only blocks: もしかして is not もし). Issue match → the marker that settles it. */
function markScopes(text: string, matches: Match[]): Map<Match, Match> {
  const cancelled = new Map<Match, Match>();
  let fun: boolean | null = null;
  for (const mod of matches) {
    const kind = mod.entry.kind;
    if (mod.entry.weight === 0 && kind !== 'cat') continue;
    if (kind === 'hearsay' || kind === 'notice') {
      markAside(text, matches, mod, cancelled);
      continue;
    }
    if (kind === 'hyperbole') {
      fun ??= readsFun(matches);
      if (!fun) continue;
      const [sStart, sEnd] = sentenceBounds(text, mod.start);
      const physical = matches.some(
        (s) => s.entry.kind === 'slot' && PHYSICAL_SLOTS.has(s.entry.slot!) && s.start >= sStart && s.end <= sEnd,
      );
      if (physical) continue;
      for (const m of matches)
        if (m.entry.kind === 'cat' && isIssue(m) && m.start >= mod.start && m.end <= mod.end) cancelled.set(m, mod);
      continue;
    }
    if (kind === 'hypothetical' && mod.entry.lang === 'ja' && JA_CONDITIONALS.has(mod.entry.term)) {
      // 壊れてたら交換できますか？ / 二重請求になったら返金されますか: only in a question,
      // only the clause before the conditional, and not どうしたら (asking what to do).
      const [sStart, sEnd] = sentenceBounds(text, mod.start);
      const asks = text[sEnd] === '?' || QUESTION_END.test(text.slice(mod.end, sEnd));
      if (!asks || /どう(?:し|やっ)?$|何し$/.test(text.slice(Math.max(0, mod.start - 4), mod.start))) continue;
      const from = clauseStart(text, sStart, mod.start);
      for (const m of matches) if (isIssue(m) && m.start >= from && m.end <= mod.start) cancelled.set(m, mod);
    } else if (kind === 'hypothetical' && mod.entry.lang === 'ja' && JA_OPENERS.has(mod.entry.term)) {
      // もし / 万が一 open the hypothetical: everything after it in the sentence.
      const [, sEnd] = sentenceBounds(text, mod.start);
      for (const m of matches)
        if (isIssue(m) && m.start >= mod.end && m.start < sEnd && m.entry.category !== 'backlash')
          cancelled.set(m, mod);
    } else if (kind === 'mistake' || kind === 'hypothetical') {
      // A hypothetical keeps threats: "if this isn't fixed I'll sue" is still backlash.
      const inScope = (m: Match) => isIssue(m) && !(kind === 'hypothetical' && m.entry.category === 'backlash');
      const [sStart, sEnd] = sentenceBounds(text, mod.start);
      if (mod.entry.lang === 'ja') {
        // 二重請求かと思ったけど… / 壊れた場合: the belief comes before the marker.
        for (const m of matches) if (inScope(m) && m.start >= sStart && m.start < mod.start) cancelled.set(m, mod);
      } else {
        // "I thought I was double charged but…": the belief follows the marker.
        const but = text.indexOf(' but ', mod.end);
        const scopeEnd = but >= 0 && but < sEnd ? but : sEnd;
        for (const m of matches) if (inScope(m) && m.start >= mod.end && m.start < scopeEnd) cancelled.set(m, mod);
      }
    } else if (kind === 'resolved') {
      // 仮売上でした / works now: everything reported before it is settled —
      // unless the marker itself is negated ("not working again").
      if (NEGATED_BEFORE.test(text.slice(Math.max(0, mod.start - 10), mod.start))) continue;
      for (const m of matches) if (isIssue(m) && m.start < mod.end) cancelled.set(m, mod);
    }
  }
  return cancelled;
}

/** Reason codes of the scope markers that are not a resolution. */
const ASIDE_CODE: Partial<Record<string, string>> = { hearsay: 'hearsay', notice: 'notice', hyperbole: 'hyperbole' };

interface Settled {
  negated: Set<Match>;
  cancelled: Map<Match, Match>;
  quoted: ReadonlySet<Match>;
  /** A match explained by its context (a device failing, a failure causing a charge) → the category it explains. */
  explained: ReadonlyMap<Match, Category>;
}

/** The tally: what is left scores its category, sentiment, spam, abuse…; what was settled becomes a visible reason. */
function tally(
  text: string,
  lang: Lang,
  matches: Match[],
  s: Settled,
): { result: RuleAnalysis; sarcasmMarkers: string[] } {
  const scores = emptyRecord(() => 0);
  const evidence = emptyRecord<Evidence[]>(() => []);
  const result: RuleAnalysis = {
    scores,
    evidence,
    posRaw: 0,
    negRaw: 0,
    posWords: [],
    negWords: [],
    sarcasm: null,
    expert: [],
    spamScore: 0,
    spamWords: [],
    abuse: [],
    support: [],
    cancelled: [],
  };
  const cancelledTerms = new Set<string>();
  const sarcasmMarkers: string[] = [];
  const { negated, cancelled, quoted } = s;

  for (const m of matches) {
    const e = m.entry;
    const surface = text.slice(m.start, m.end);
    const resolvedBy = cancelled.get(m);
    const explains = s.explained.get(m);
    if (quoted.has(m) || explains) {
      if (e.kind === 'cat' && e.weight >= 1 && !cancelledTerms.has(surface)) {
        cancelledTerms.add(surface);
        result.cancelled.push(
          explains
            ? reason(lang, 'category', 'context', 'context', surface, (l: Lang) => categoryLabel(l, explains))
            : reason(lang, 'category', 'quoted', 'quoted', surface),
        );
      }
      continue;
    }
    if (resolvedBy || (negated.has(m) && e.kind === 'cat')) {
      if (e.kind === 'cat' && e.weight >= 1 && !cancelledTerms.has(surface)) {
        cancelledTerms.add(surface);
        const marker = resolvedBy ? text.slice(resolvedBy.start, resolvedBy.end) : '';
        const aside = resolvedBy ? ASIDE_CODE[resolvedBy.entry.kind] : undefined;
        result.cancelled.push(
          aside
            ? reason(lang, 'category', aside, aside, surface, marker)
            : resolvedBy
              ? reason(lang, 'category', 'resolved', 'resolved', surface, marker)
              : reason(lang, 'category', 'negated', 'negated', surface),
        );
      }
      continue;
    }
    switch (e.kind) {
      case 'cat': {
        const c = e.category!;
        scores[c] += e.weight;
        if (e.weight >= 0.5)
          evidence[c].push({ term: surface, weight: e.weight, workspace: e.source === 'workspace', start: m.start });
        break;
      }
      case 'pos':
        if (negated.has(m)) result.negRaw += e.weight * 0.8;
        else result.posRaw += e.weight;
        if (e.weight >= 0.5) (negated.has(m) ? result.negWords : result.posWords).push(surface);
        break;
      case 'neg':
        if (negated.has(m)) result.posRaw += e.weight * 0.4;
        else {
          result.negRaw += e.weight;
          if (e.weight >= 0.5) result.negWords.push(surface);
        }
        break;
      case 'sarcasm':
        // さすがに ("really, by now") is an adverb, not praise.
        if (!(surface === 'さすが' && text.charCodeAt(m.end) === 0x306b)) sarcasmMarkers.push(surface);
        break;
      case 'expert':
        result.expert.push(surface);
        break;
      case 'spam':
        result.spamScore += e.weight;
        result.spamWords.push(surface);
        break;
      case 'abuse':
        if (e.weight > 0) result.abuse.push(surface);
        break;
      case 'support':
        result.support.push(surface);
        break;
      default:
        break;
    }
  }
  return { result, sarcasmMarkers };
}

/** Sarcasm: praise words inside a complaint (さすが、今月3回目の障害👏) count against. */
function applySarcasm(result: RuleAnalysis, markers: string[]): void {
  if (markers.length === 0) return;
  const { scores, evidence } = result;
  let complaint = result.negRaw > 0.5;
  for (const c of URGENT_CATEGORIES) if (scores[c] >= 0.6) complaint = true;
  if (!complaint) return;
  result.sarcasm = markers[0];
  result.negRaw += result.posRaw + Math.max(scores.praise, 0.8);
  result.negWords.push(...markers);
  result.posRaw = 0;
  result.posWords = [];
  scores.praise = 0;
  evidence.praise = [];
}
