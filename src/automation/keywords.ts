// Keyword matching for rules. Text and keywords share the triage module's
// canonical form (NFKC + lower case), so ＶＩＰ, vip and VIP are one word and
// half-width ｶﾞ matches ガ.
import { normaliseTerm } from '../triage/normalise';

const ASCII_WORD = /^[a-z0-9][a-z0-9 '&.-]*\*?$/;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Canonical form for comparing admin-entered words with customer text, tags and categories. */
export const canonical = (s: string): string => normaliseTerm(s).replace(/\s+/g, ' ').trim();

/**
 * Whether a keyword occurs in the text. Latin-script keywords match whole
 * words ("ban" does not match "bank"), with a trailing * for prefixes
 * ("refund*" matches "refunded"); Japanese has no spaces between words, so
 * other keywords match anywhere.
 */
export function containsKeyword(text: string, keyword: string): boolean {
  const k = canonical(keyword);
  if (!k || k === '*') return false;
  const t = canonical(text);
  if (!ASCII_WORD.test(k)) return t.includes(k);
  const prefix = k.endsWith('*');
  const body = escape(prefix ? k.slice(0, -1) : k);
  return new RegExp(`(?<![a-z0-9])${body}${prefix ? '' : '(?![a-z0-9])'}`).test(t);
}
