// What a listening query asks a platform for, and how Koe checks what comes back. A query is a list of terms — words,
// phrases, brand names written without @, hashtags (#…) — any of which may match, and exclusions, none of which may.
import { canonical, containsKeyword } from '../automation/keywords';

/** X's recent search takes expressions up to 512 characters on its basic access levels. */
export const X_QUERY_MAX = 512;
/** Instagram counts at most 30 unique hashtags per account in 7 days; one query may use a third of that. */
export const INSTAGRAM_HASHTAGS_PER_QUERY = 10;

export const isHashtag = (term: string) => /^[#＃]/.test(term.trim());

/** A hashtag's name as Instagram's hashtag search takes it: no #, no spaces, lower case. */
export const hashtagName = (term: string) => canonical(term.trim().replace(/^[#＃]+/, '')).replace(/\s+/g, '');

/** Terms trimmed, emptied ones dropped, duplicates (in canonical form) kept once, in the order written. */
export function cleanTerms(terms: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of terms) {
    const t = raw.replace(/\s+/g, ' ').trim();
    // A hashtag and the bare word are different searches (#KoeMart finds tags, KoeMart finds the word).
    const key = isHashtag(t) ? `#${hashtagName(t)}` : canonical(t);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(t);
  }
  return out;
}

/**
 * A term as X search reads it. Letters, digits, _ and a leading # stand as they are; anything else is quoted, so X reads
 * it as exact text, never as syntax — spaces, brackets, `:` (operators), a leading `-` (negation), `OR`/`AND`. A quote
 * inside a term is dropped (X has no escape for it).
 */
const xTerm = (t: string) => {
  const plain = t.replace(/"/g, '').trim();
  return /^#?[\p{L}\p{N}_]+$/u.test(plain) && !/^(or|and)$/i.test(plain) ? plain : `"${plain}"`;
};

/**
 * The X recent-search expression for a query: any term, none of the exclusions, no reposts (a repost repeats a post
 * already found). `(a OR "b c" OR #d) -e -is:retweet`.
 */
export function xSearchExpression(terms: readonly string[], exclusions: readonly string[]): string {
  const any = cleanTerms(terms).map(xTerm).filter(Boolean);
  const none = cleanTerms(exclusions)
    .map(xTerm)
    .filter(Boolean)
    .map((t) => `-${t}`);
  const head = any.length > 1 ? `(${any.join(' OR ')})` : (any[0] ?? '');
  return [head, ...none, '-is:retweet'].filter(Boolean).join(' ');
}

/** Whether a post's text names one of the exclusions (checked by Koe too, whatever the platform did). */
export const excluded = (text: string, exclusions: readonly string[]) =>
  exclusions.some((e) => containsKeyword(text, e));

/** Whether a post's text names one of the terms; a hashtag term matches the tag itself (#koeマート, any case). */
export const matchesTerms = (text: string, terms: readonly string[]) =>
  terms.some((t) => (isHashtag(t) ? canonical(text).includes(`#${hashtagName(t)}`) : containsKeyword(text, t)));
