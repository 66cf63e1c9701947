// Aho–Corasick automaton over UTF-16 code units. One pass over the normalised
// post finds every lexicon term at once, which keeps triage linear in the post
// length no matter how many terms admins add.

export interface PhraseMatch<T> {
  entry: T;
  start: number;
  end: number;
}

const isWordCode = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39; // a-z 0-9 '

const NO_TRANSITIONS: Map<number, number> = new Map();

interface PatternInfo<T> {
  entry: T;
  length: number;
  /** ASCII terms must start at a word boundary ("log in" must not match "blog in"). */
  leftBoundary: boolean;
  /** ASCII terms end at a word boundary unless written as a stem ("refund*"). */
  rightBoundary: boolean;
}

export class PhraseMatcher<T> {
  private readonly next: Array<Map<number, number>> = [new Map()];
  private readonly fail: number[] = [0];
  private readonly out: Array<number[] | undefined> = [undefined];
  private readonly patterns: Array<PatternInfo<T>> = [];
  private oneCode = new Int32Array(0);
  private oneTo = new Int32Array(0);

  constructor(terms: Iterable<{ term: string; entry: T }>) {
    for (const { term, entry } of terms) this.add(term, entry);
    this.build();
  }

  get size(): number {
    return this.patterns.length;
  }

  private add(rawTerm: string, entry: T): void {
    const stem = rawTerm.length > 1 && rawTerm.endsWith('*');
    const term = stem ? rawTerm.slice(0, -1) : rawTerm;
    if (!term) return;
    let state = 0;
    for (let i = 0; i < term.length; i++) {
      const c = term.charCodeAt(i);
      let to = this.next[state].get(c);
      if (to === undefined) {
        to = this.next.length;
        this.next.push(new Map());
        this.fail.push(0);
        this.out.push(undefined);
        this.next[state].set(c, to);
      }
      state = to;
    }
    const id = this.patterns.length;
    this.patterns.push({
      entry,
      length: term.length,
      leftBoundary: isWordCode(term.charCodeAt(0)),
      rightBoundary: !stem && isWordCode(term.charCodeAt(term.length - 1)),
    });
    (this.out[state] ??= []).push(id);
  }

  private build(): void {
    const queue: number[] = [];
    for (const child of this.next[0].values()) queue.push(child);
    for (let qi = 0; qi < queue.length; qi++) {
      const state = queue[qi];
      for (const [c, child] of this.next[state]) {
        let f = this.fail[state];
        while (f !== 0 && !this.next[f].has(c)) f = this.fail[f];
        const target = this.next[f].get(c);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        // Merge outputs along the failure link so scanning never walks the chain.
        const inherited = this.out[this.fail[child]];
        if (inherited) this.out[child] = [...(this.out[child] ?? []), ...inherited];
        queue.push(child);
      }
    }
    // Most states are leaves or have a single child: keep those transitions in
    // typed arrays and share one empty, read-only Map, so memory grows with
    // branching states only.
    const n = this.next.length;
    this.oneCode = new Int32Array(n).fill(-1);
    this.oneTo = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const m = this.next[i];
      if (m.size > 1) continue;
      for (const [c, to] of m) {
        this.oneCode[i] = c;
        this.oneTo[i] = to;
      }
      this.next[i] = NO_TRANSITIONS;
    }
  }

  scan(text: string, into: Array<PhraseMatch<T>> = []): Array<PhraseMatch<T>> {
    const { next, fail, out, patterns, oneCode, oneTo } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let to = oneCode[state] === c ? oneTo[state] : next[state].get(c);
      while (to === undefined && state !== 0) {
        state = fail[state];
        to = oneCode[state] === c ? oneTo[state] : next[state].get(c);
      }
      state = to ?? 0;
      const ids = out[state];
      if (ids === undefined) continue;
      for (const id of ids) {
        const p = patterns[id];
        const start = i + 1 - p.length;
        if (p.leftBoundary && start > 0 && isWordCode(text.charCodeAt(start - 1))) continue;
        if (p.rightBoundary && i + 1 < text.length && isWordCode(text.charCodeAt(i + 1))) continue;
        into.push({ entry: p.entry, start, end: i + 1 });
      }
    }
    return into;
  }
}
