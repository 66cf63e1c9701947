// Consistency checks for a labelled JSON Lines set (test/fixtures/triage/LABELLING.md):
// known categories and sentiments, level 3 exactly when an urgent category is present,
// spam exclusive, the precedence rule (no question/request/praise beside an urgent
// category), the `lang` rule, unique ids and texts. Used by the fixture test and by
// whoever writes new posts:
//
//   node --import tsx src/triage/evaluation/check-labels.ts test/fixtures/triage/corpus/*.jsonl
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { detectLang } from '../normalise';
import type { Category } from '../types';
import { CATEGORIES, URGENT_CATEGORIES } from '../types';

export interface LabelProblem {
  line: number;
  id: string;
  problem: string;
}

const SENTIMENTS = new Set(['negative', 'neutral', 'positive']);
const KNOWN = new Set<string>(CATEGORIES);

export function checkLabelled(jsonl: string, seenTexts = new Map<string, string>()): LabelProblem[] {
  const problems: LabelProblem[] = [];
  const ids = new Set<string>();
  jsonl.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    const line = i + 1;
    let post: Record<string, unknown>;
    try {
      post = JSON.parse(raw) as Record<string, unknown>;
    } catch (e) {
      problems.push({ line, id: '?', problem: `not JSON: ${(e as Error).message}` });
      return;
    }
    const id = typeof post.id === 'string' ? post.id : '?';
    const bad = (problem: string) => problems.push({ line, id, problem });
    if (id === '?') bad('missing id');
    else if (ids.has(id)) bad('duplicate id');
    ids.add(id);
    const text = post.text;
    if (typeof text !== 'string' || !text.trim()) return bad('missing text');
    const before = seenTexts.get(text);
    if (before !== undefined) bad(`same text as ${before}`);
    seenTexts.set(text, id);
    // The guide's lang rule is the analyser's own detection (hashtags, @mentions and URLs do not count).
    if (post.lang !== detectLang(text)) bad(`lang should be ${detectLang(text)}`);
    if (typeof post.sentiment !== 'string' || !SENTIMENTS.has(post.sentiment))
      bad(`unknown sentiment ${String(post.sentiment)}`);
    if (!Array.isArray(post.categories)) return bad('categories must be an array');
    const cats = post.categories as string[];
    for (const c of cats) if (!KNOWN.has(c)) bad(`unknown category ${c}`);
    if (new Set(cats).size !== cats.length) bad('repeated category');
    const urgent = cats.some((c) => URGENT_CATEGORIES.has(c as Category));
    if (![0, 1, 2, 3].includes(post.level as number)) bad(`level must be 0–3, got ${String(post.level)}`);
    else if (urgent !== (post.level === 3))
      bad(urgent ? 'urgent category needs level 3' : 'level 3 needs an urgent category');
    if (cats.includes('spam') && cats.length > 1) bad('spam is exclusive');
    if (urgent && cats.some((c) => c === 'question' || c === 'request' || c === 'praise'))
      bad('no question/request/praise beside an urgent category (precedence rule 1)');
  });
  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const seen = new Map<string, string>();
  let count = 0;
  for (const file of process.argv.slice(2)) {
    for (const p of checkLabelled(readFileSync(file, 'utf8'), seen)) {
      console.log(`${file}:${p.line} ${p.id}: ${p.problem}`);
      count++;
    }
  }
  console.log(count === 0 ? 'labels ok' : `${count} problem(s)`);
  process.exitCode = count === 0 ? 0 : 1;
}
