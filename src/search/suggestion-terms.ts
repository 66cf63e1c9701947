/**
 * What to look up for words a customer is still typing, as a phrase search would miss them: the whole text first,
 * then its content words. Japanese has no spaces, so content words are runs of kanji or katakana (送料はいくら → 送料;
 * hiragana is mostly particles and endings), and Latin words of three or more letters (how much is shipping →
 * much, shipping). At most `max` terms, the longest words first after the whole text.
 */
export function suggestionTerms(text: string, max = 5): string[] {
  const whole = text.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (!whole) return [];
  const words = [
    ...(whole.match(/[\p{Script=Han}\p{Script=Katakana}ー々]{2,}/gu) ?? []),
    ...(whole.match(/[\p{Script=Latin}\p{N}]{3,}/gu) ?? []).map((w) => w.toLowerCase()),
  ].sort((a, b) => [...b].length - [...a].length);
  const terms = [whole];
  for (const w of words) if (!terms.some((t) => t.toLowerCase() === w)) terms.push(w);
  return terms.slice(0, max);
}
