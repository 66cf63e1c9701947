// Japanese-aware search tokens, the same on both databases. Japanese has no spaces between words, and its words are
// often two characters (返金, 故障, 解約), below a trigram index's reach. So every run of Japanese (or Chinese, Korean)
// characters is indexed as overlapping bigrams (返金して → 返金 金し して) and a query becomes a phrase of its bigrams,
// which matches exactly where the text contains the query; runs of Latin letters and digits are whole words
// (KM-20241206-0042 → km 20241206 0042). Text is NFKC-folded and lower-cased first, so full-width ＫＭ and half-width
// ｶﾞﾁｬ find their ordinary forms.

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー々〆ヶ]/u;
const WORD = /[\p{L}\p{N}]/u;
/** Longer runs (URLs, hashes) are cut: nobody types them into a search box whole. */
const MAX_WORD = 40;

type Run = { cjk: boolean; text: string };

function runsOf(text: string): Run[] {
  const runs: Run[] = [];
  let current: Run | null = null;
  for (const ch of text.normalize('NFKC').toLowerCase()) {
    const cjk = CJK.test(ch);
    if (!cjk && !WORD.test(ch)) {
      current = null;
      continue;
    }
    if (!current || current.cjk !== cjk) runs.push((current = { cjk, text: '' }));
    current.text += ch;
  }
  return runs;
}

function tokensOfRun(run: Run): string[] {
  if (!run.cjk) return [[...run.text].slice(0, MAX_WORD).join('')];
  const chars = [...run.text];
  if (chars.length === 1) return chars;
  return chars.slice(1).map((ch, i) => chars[i] + ch);
}

/** What the index holds for a text, in order. */
export function searchTokens(text: string): string[] {
  return runsOf(text).flatMap(tokensOfRun);
}

/**
 * A query as the index can answer it: one phrase of consecutive tokens, the last one matched as a prefix so that an
 * order number or a word still being typed finds its whole (`KM-2024` → `km` then `2024…`). Null when the query holds
 * nothing the index can narrow down (a single Japanese character, punctuation): the caller scans instead.
 */
export function searchPhrase(query: string): { tokens: string[]; prefixLast: boolean } | null {
  const runs = runsOf(query);
  const tokens = runs.flatMap(tokensOfRun);
  if (!tokens.length) return null;
  // A lone Japanese character is a token only where it stands alone in the text, so the index cannot find it inside
  // a longer run (返 in 返金 is, 返 in 取り返す is not): such queries go to the scan.
  if (runs.some((r) => r.cjk && [...r.text].length === 1)) return null;
  return { tokens, prefixLast: !runs[runs.length - 1].cjk };
}

/** The query folded as the index folds text, for the scan and for placing a snippet. */
export const foldForSearch = (text: string) => text.normalize('NFKC').toLowerCase();
