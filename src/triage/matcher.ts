// Aho–Corasick automaton over UTF-16 code units. One pass over the normalised
// post finds every lexicon term at once, which keeps triage linear in the post
// length no matter how many terms admins add.

export interface PhraseMatch<T> {
  entry: T;
  start: number;
  end: number;
}

const isWordCode = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39; // a-z 0-9 '

/** "app's", "site's", "it'll": a contraction after a term still ends the word. */
const CONTRACTION_AFTER = /^'(?:s|re|ll|d|ve|m)(?![a-z0-9'])/;

const endsWord = (text: string, i: number): boolean =>
  i >= text.length ||
  !isWordCode(text.charCodeAt(i)) ||
  (text.charCodeAt(i) === 39 && CONTRACTION_AFTER.test(text.slice(i, i + 4)));

interface PatternInfo<T> {
  entry: T;
  length: number;
  /** ASCII terms must start at a word boundary ("log in" must not match "blog in"). */
  leftBoundary: boolean;
  /** ASCII terms end at a word boundary unless written as a stem ("refund*"). */
  rightBoundary: boolean;
}

/**
 * The automaton is stored in flat typed arrays (no object or Map per state):
 * - root transitions: a direct 65,536-entry table (most posts start fresh at the root);
 * - other transitions: CSR rows, `edgeStart[s]..edgeStart[s+1]` over `edgeCode`/`edgeTo`,
 *   sorted by code (binary search for wide rows, a compare for the many one-child states);
 * - outputs: each state's own pattern ids (CSR) plus a dictionary-suffix link to
 *   the nearest shorter state that has outputs, so outputs are never copied.
 * It is built from the sorted terms in one pass, so start-up creates almost no garbage.
 */
export class PhraseMatcher<T> {
  private readonly root = new Int32Array(0x10000);
  private readonly edgeStart: Int32Array;
  private readonly edgeCode: Uint16Array;
  private readonly edgeTo: Int32Array;
  private readonly fail: Int32Array;
  private readonly dict: Int32Array;
  private readonly outStart: Int32Array;
  private readonly outIds: Int32Array;
  private readonly patterns: Array<PatternInfo<T>> = [];

  constructor(terms: Iterable<{ term: string; entry: T }>) {
    const words: string[] = [];
    for (const { term: rawTerm, entry } of terms) {
      const stem = rawTerm.length > 1 && rawTerm.endsWith('*');
      const term = stem ? rawTerm.slice(0, -1) : rawTerm;
      if (!term) continue;
      words.push(term);
      this.patterns.push({
        entry,
        length: term.length,
        leftBoundary: isWordCode(term.charCodeAt(0)),
        rightBoundary: !stem && isWordCode(term.charCodeAt(term.length - 1)),
      });
    }
    const order = Array.from(words.keys()).sort((a, b) => (words[a] < words[b] ? -1 : words[a] > words[b] ? 1 : a - b));

    // Trie in DFS order from the sorted words: each state knows its parent and code.
    let capacity = 1;
    for (const w of words) capacity += w.length;
    const parent = new Int32Array(capacity);
    const code = new Uint16Array(capacity);
    const endState = new Int32Array(words.length);
    const path: number[] = [0];
    let states = 1;
    let prev = '';
    for (const id of order) {
      const w = words[id];
      let common = 0;
      while (common < w.length && common < prev.length && w.charCodeAt(common) === prev.charCodeAt(common)) common++;
      path.length = common + 1;
      for (let i = common; i < w.length; i++) {
        parent[states] = path[i];
        code[states] = w.charCodeAt(i);
        path.push(states++);
      }
      endState[id] = path[w.length];
      prev = w;
    }

    // CSR transitions (children were created in code order for each parent).
    this.edgeStart = new Int32Array(states + 1);
    for (let s = 1; s < states; s++) this.edgeStart[parent[s] + 1]++;
    for (let s = 0; s < states; s++) this.edgeStart[s + 1] += this.edgeStart[s];
    this.edgeCode = new Uint16Array(Math.max(0, states - 1));
    this.edgeTo = new Int32Array(Math.max(0, states - 1));
    const fill = this.edgeStart.slice(0, states);
    for (let s = 1; s < states; s++) {
      const at = fill[parent[s]]++;
      this.edgeCode[at] = code[s];
      this.edgeTo[at] = s;
      if (parent[s] === 0) this.root[code[s]] = s;
    }

    // Own outputs (CSR, pattern ids in insertion order).
    this.outStart = new Int32Array(states + 1);
    for (const s of endState) this.outStart[s + 1]++;
    for (let s = 0; s < states; s++) this.outStart[s + 1] += this.outStart[s];
    this.outIds = new Int32Array(words.length);
    const outFill = this.outStart.slice(0, states);
    for (let id = 0; id < words.length; id++) this.outIds[outFill[endState[id]]++] = id;

    // Failure and dictionary-suffix links, breadth first.
    this.fail = new Int32Array(states);
    this.dict = new Int32Array(states);
    const queue = new Int32Array(states);
    let head = 0;
    let tail = 0;
    for (let e = this.edgeStart[0]; e < this.edgeStart[1]; e++) queue[tail++] = this.edgeTo[e];
    while (head < tail) {
      const s = queue[head++];
      for (let e = this.edgeStart[s]; e < this.edgeStart[s + 1]; e++) {
        const child = this.edgeTo[e];
        const c = this.edgeCode[e];
        let f = this.fail[s];
        let to = this.step(f, c);
        while (to < 0 && f !== 0) {
          f = this.fail[f];
          to = this.step(f, c);
        }
        const target = to >= 0 && to !== child ? to : 0;
        this.fail[child] = target;
        this.dict[child] = this.outStart[target + 1] > this.outStart[target] ? target : this.dict[target];
        queue[tail++] = child;
      }
    }
  }

  get size(): number {
    return this.patterns.length;
  }

  /** Transition from `state` on code unit `c`, or -1. */
  private step(state: number, c: number): number {
    if (state === 0) return this.root[c] || -1;
    let lo = this.edgeStart[state];
    let hi = this.edgeStart[state + 1] - 1;
    const codes = this.edgeCode;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = codes[mid];
      if (m === c) return this.edgeTo[mid];
      if (m < c) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  scan(text: string, into: Array<PhraseMatch<T>> = []): Array<PhraseMatch<T>> {
    const { fail, dict, outStart, outIds, patterns } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let to = this.step(state, c);
      while (to < 0 && state !== 0) {
        state = fail[state];
        to = this.step(state, c);
      }
      state = to < 0 ? 0 : to;
      let s = outStart[state + 1] > outStart[state] ? state : dict[state];
      while (s !== 0) {
        for (let k = outStart[s]; k < outStart[s + 1]; k++) {
          const p = patterns[outIds[k]];
          const start = i + 1 - p.length;
          if (p.leftBoundary && start > 0 && isWordCode(text.charCodeAt(start - 1))) continue;
          if (p.rightBoundary && !endsWord(text, i + 1)) continue;
          into.push({ entry: p.entry, start, end: i + 1 });
        }
        s = dict[s];
      }
    }
    return into;
  }
}
