// Admin-defined phrases. Compiled into their own small automaton and cached by
// object identity, so a new phrase takes effect on the next call without
// recompiling the built-in lexicons.
import type { LexEntry } from './lexicon';
import { compileMatcher } from './lexicon';
import type { PhraseMatcher } from './matcher';
import { detectLang } from './normalise';
import type { Category, WorkspacePhrases } from './types';
import { CATEGORIES } from './types';

const WORKSPACE_WEIGHT = 2; // decisive: admins know their brand's vocabulary
const cache = new WeakMap<WorkspacePhrases, { signature: string; matcher: PhraseMatcher<LexEntry> }>();

/** Cheap fingerprint that catches in-place edits (a phrase pushed onto a list). */
function signature(phrases: WorkspacePhrases): string {
  let s = '';
  for (const key in phrases) {
    const list = phrases[key];
    s += `${key}:${list?.length ?? 0}:${list && list.length ? list[list.length - 1] : ''};`;
  }
  return s;
}

function toEntries(phrases: WorkspacePhrases): LexEntry[] {
  const entries: LexEntry[] = [];
  for (const key in phrases) {
    const list = phrases[key];
    if (!Array.isArray(list)) continue;
    for (const term of list) {
      if (typeof term !== 'string' || !term.trim()) continue;
      const base = {
        term: term.trim(),
        weight: WORKSPACE_WEIGHT,
        lang: detectLang(term),
        source: 'workspace' as const,
      };
      if ((CATEGORIES as readonly string[]).includes(key)) {
        entries.push({ ...base, kind: 'cat', category: key as Category });
        if (key === 'spam') entries.push({ ...base, kind: 'spam', weight: 3 });
      } else if (key === 'positive') entries.push({ ...base, kind: 'pos', weight: 1.5 });
      else if (key === 'negative') entries.push({ ...base, kind: 'neg', weight: 1.5 });
      else if (key === 'support') entries.push({ ...base, kind: 'support' });
    }
  }
  return entries;
}

export function workspaceMatcher(phrases: WorkspacePhrases | undefined): PhraseMatcher<LexEntry> | null {
  if (!phrases) return null;
  const sig = signature(phrases);
  const hit = cache.get(phrases);
  if (hit && hit.signature === sig) return hit.matcher;
  const matcher = compileMatcher(toEntries(phrases));
  cache.set(phrases, { signature: sig, matcher });
  return matcher;
}
