// Lexicon model: data files list terms as compact `term:weight` strings; this
// module parses them once into entries and one shared Aho–Corasick automaton.
import { PhraseMatcher } from './matcher';
import { normaliseTerm } from './normalise';
import { englishVariants, japaneseVariants } from './variants';
import type { Category, Lang } from './types';
import { CATEGORIES } from './types';

/**
 * - cat: evidence for a category (scores add up; a category needs ≥ 1).
 * - pos / neg: sentiment words.
 * - sarcasm: praise markers that flip to negative when the post complains.
 * - negAfter: Japanese negation right after a term (壊れ|ていない).
 * - negBefore: English negation right before a term (not | broken).
 * - mistake: "I thought… but" / 〜かと思ったけど — cancels issues in scope.
 * - hypothetical: "if it arrives damaged" / 壊れた場合 — like mistake, but threats stay.
 * - resolved: the issue is already fixed (仮売上でした, works now).
 * - expert: needs expertise or a personal arrangement (level 2).
 * - spam / abuse: promo and abusive vocabulary for the flags.
 * - support: the brand's own support hashtag or handle words (workspace only).
 * - slot: one role of a co-occurrence frame (frames.ts): a money noun, an
 *   anomaly, a device, a failure verb … Slots score nothing alone; a frame turns
 *   two roles found close together into category evidence.
 */
export type EntryKind =
  | 'cat'
  | 'pos'
  | 'neg'
  | 'sarcasm'
  | 'negAfter'
  | 'negBefore'
  | 'mistake'
  | 'hypothetical'
  | 'resolved'
  | 'expert'
  | 'spam'
  | 'abuse'
  | 'support'
  | 'slot'
  | 'hearsay'
  | 'notice'
  | 'hyperbole'
  | 'fun';

export interface LexEntry {
  /** Surface form as written in the lexicon (used as evidence). */
  term: string;
  kind: EntryKind;
  category?: Category;
  /** Frame role for `slot` entries (frames.ts). */
  slot?: string;
  weight: number;
  lang: Lang;
  /** Workspace phrases are trusted more and reported as such. */
  source: 'builtin' | 'workspace';
}

/** Every term section empty: extra lexicon files spread it and fill in only the sections they add to. */
export const EMPTY_SECTIONS = {
  positive: '',
  negative: '',
  sarcasm: '',
  negAfter: '',
  negBefore: '',
  mistake: '',
  hypothetical: '',
  resolved: '',
  expert: '',
  spam: '',
  abuse: '',
} as const satisfies Omit<LexiconSource, 'lang' | 'categories' | 'slots'>;

export interface LexiconSource {
  lang: Lang;
  categories: Partial<Record<Category, string>>;
  positive: string;
  negative: string;
  sarcasm: string;
  negAfter: string;
  negBefore: string;
  mistake: string;
  hypothetical: string;
  resolved: string;
  expert: string;
  spam: string;
  abuse: string;
  /** Frame roles: `role → term list` (frames.ts). A weight of 0 blocks a shorter term of the role. */
  slots?: Record<string, string>;
  /**
   * Someone else's story (らしい, heard, my coworker swears): issues in its sentence are not the writer's own. A weight
   * of 2 (is that real? / デマ?) reaches the whole post.
   */
  hearsay?: string;
  /** An announcement (メンテのお知らせ, scheduled maintenance): issues in its sentence are information. */
  notice?: string;
  /** Alarm words that are often hyperbole (死んだ, explode, 事件): discounted in a fun or praising post. */
  hyperbole?: string;
  /** Signs of fun or fandom (草, lol, 推し, 😂) that make an alarm word read as hyperbole. */
  fun?: string;
}

/** Parses `term:weight|term|…` (newline or `|` separated; weight defaults to 1; `# …` lines are comments). */
export function parseTerms(list: string): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (const raw of list.split(/[|\n]/)) {
    const item = raw.trim();
    if (!item || item.startsWith('# ')) continue; // `# heading` lines group terms
    const colon = item.lastIndexOf(':');
    const weight = colon > 0 ? Number(item.slice(colon + 1)) : NaN;
    if (colon > 0 && Number.isFinite(weight)) out.push([item.slice(0, colon).trim(), weight]);
    else out.push([item, 1]);
  }
  return out;
}

/** Kinds whose terms get conjugation variants (markers such as negAfter are written out in full). */
const CONJUGATED: ReadonlySet<EntryKind> = new Set<EntryKind>(['cat', 'pos', 'neg', 'slot']);

export function lexiconEntries(src: LexiconSource): LexEntry[] {
  const entries: LexEntry[] = [];
  const explicit = new Set<string>();
  const generated: LexEntry[] = [];
  const push = (list: string, kind: EntryKind, category?: Category, slot?: string) => {
    for (const [term, weight] of parseTerms(list)) {
      entries.push({ term, kind, category, slot, weight, lang: src.lang, source: 'builtin' });
      explicit.add(`${kind}|${category ?? slot ?? ''}|${normaliseTerm(term)}`);
      const variants =
        src.lang === 'ja'
          ? japaneseVariants(normaliseTerm(term), CONJUGATED.has(kind))
          : englishVariants(normaliseTerm(term));
      for (const v of variants)
        generated.push({ term: v, kind, category, slot, weight, lang: src.lang, source: 'builtin' });
    }
  };
  for (const cat of CATEGORIES) {
    const list = src.categories[cat];
    if (list) push(list, 'cat', cat);
  }
  push(src.positive, 'pos');
  push(src.negative, 'neg');
  push(src.sarcasm, 'sarcasm');
  push(src.negAfter, 'negAfter');
  push(src.negBefore, 'negBefore');
  push(src.mistake, 'mistake');
  push(src.hypothetical, 'hypothetical');
  push(src.resolved, 'resolved');
  push(src.expert, 'expert');
  push(src.spam, 'spam');
  push(src.abuse, 'abuse');
  for (const [slot, list] of Object.entries(src.slots ?? {})) push(list, 'slot', undefined, slot);
  if (src.hearsay) push(src.hearsay, 'hearsay');
  if (src.notice) push(src.notice, 'notice');
  if (src.hyperbole) push(src.hyperbole, 'hyperbole');
  if (src.fun) push(src.fun, 'fun');
  // A variant never overrides a form the lexicon lists itself (with its own weight).
  for (const g of generated) {
    const key = `${g.kind}|${g.category ?? g.slot ?? ''}|${g.term}`;
    if (explicit.has(key)) continue;
    explicit.add(key);
    entries.push(g);
  }
  return entries;
}

export function compileMatcher(entries: LexEntry[]): PhraseMatcher<LexEntry> {
  return new PhraseMatcher(entries.map((entry) => ({ term: normaliseTerm(entry.term), entry })));
}
