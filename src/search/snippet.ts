import { foldForSearch } from './tokens';

/**
 * A line of the message around the first place the query occurs, for a result list: up to `before` characters ahead
 * and `after` behind, with … where the text goes on. The query is found in the folded text (NFKC, lower case); where
 * folding changed the text's length (half-width kana), the folded text is shown so the place is right.
 */
export function snippetOf(text: string, query: string, before = 30, after = 70): string {
  const folded = foldForSearch(text);
  const shown = [...(folded.length === text.length ? text : folded)];
  const foldedChars = [...folded];
  const q = foldForSearch(query).trim();
  let at = q ? foldedChars.join('').indexOf(q) : -1;
  if (at < 0) {
    // Punctuation or spaces differ between query and text: place the snippet at the query's first word instead.
    const first = q.split(/[^\p{L}\p{N}]+/u).find(Boolean) ?? '';
    at = first ? foldedChars.join('').indexOf(first) : -1;
  }
  // indexOf counts UTF-16 units: turn it into a character index.
  const start = at < 0 ? 0 : [...folded.slice(0, at)].length;
  const from = Math.max(0, start - before);
  const to = Math.min(shown.length, start + after);
  const line = shown.slice(from, to).join('').replace(/\s+/g, ' ').trim();
  return `${from > 0 ? '…' : ''}${line}${to < shown.length ? '…' : ''}`;
}
