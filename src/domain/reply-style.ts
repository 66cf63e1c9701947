/**
 * "Reply like a person": the checks behind the composer's warnings (never blocks). Pure; the desk feeds it the
 * draft, the recent replies to other customers and the conversation's facts.
 */

/** Defensive or dismissive openings customers read as a brush-off, per language; admins edit the list. */
export const DEFAULT_DEFENSIVE_PHRASES = {
  ja: [
    '規約により',
    '規約上',
    '仕様です',
    '仕様となっております',
    '仕様のため',
    'できかねます',
    'ご理解ください',
    'お客様の責任',
    '弊社に責任はございません',
    '当社に責任はございません',
    'お客様のご不注意',
  ],
  en: [
    'per our policy',
    'as per policy',
    'according to our terms',
    'this is by design',
    'working as intended',
    'nothing we can do',
    'you should have',
    'your responsibility',
    'not our fault',
  ],
} as const;

/** Text for comparison: width-folded, lower case, without spaces and punctuation. */
export function comparable(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

function trigrams(s: string): Set<string> {
  const out = new Set<string>();
  const chars = [...s];
  for (let i = 0; i + 3 <= chars.length; i++) out.add(chars.slice(i, i + 3).join(''));
  return out;
}

/** Character-trigram Jaccard similarity of two comparable texts (1 = the same wording). */
export function similarity(a: string, b: string): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  if (!ta.size || !tb.size) return a === b ? 1 : 0;
  let shared = 0;
  for (const g of ta) if (tb.has(g)) shared++;
  return shared / (ta.size + tb.size - shared);
}

/** Below this many characters a repeat is fine (「ありがとうございます！」 is not copy-paste). */
export const MIN_COPY_LENGTH = 25;
/** Replies at least this similar read as the same text with a name swapped. */
export const COPY_SIMILARITY = 0.75;

/** The earlier replies (to other customers) this draft repeats. */
export function copiesOf(draft: string, earlier: readonly string[]): string[] {
  const d = comparable(draft);
  if ([...d].length < MIN_COPY_LENGTH) return [];
  return earlier.filter((e) => similarity(d, comparable(e)) >= COPY_SIMILARITY);
}

/** The first defensive phrase the draft uses, if any (width and case folded). */
export function defensivePhrase(draft: string, phrases: readonly string[]): string | null {
  const d = draft.normalize('NFKC').toLowerCase();
  return phrases.find((p) => p.trim() && d.includes(p.normalize('NFKC').toLowerCase().trim())) ?? null;
}

/** Whether the draft is signed: it names the agent (full name, display name, or the family name alone). */
export function isSigned(draft: string, names: readonly string[]): boolean {
  const d = draft.normalize('NFKC').replace(/\s+/g, '');
  const candidates = names.flatMap((n) => {
    const clean = n.normalize('NFKC').trim();
    return [clean.replace(/\s+/g, ''), clean.split(/\s+/)[0] ?? ''];
  });
  return candidates.some((c) => [...c].length >= 2 && d.includes(c));
}
