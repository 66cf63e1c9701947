// Base learned model shipped with Koe (issue 3): L2-regularised logistic
// regression over distinct character 2–3-grams of the normalised text (the same
// features as the per-workspace `LearnedModel`), trained offline on the labelled
// tuning sets and the training corpus by scripts/train-base-model.ts. One binary
// model says "level 3", one per urgent category says which, two say negative /
// positive. `analyse` blends it with the rules (`BLEND`, see blendBase in index.ts):
// it may set aside an urgent category the rules found when it is confident the post
// is no current problem, add one the rules missed, and correct the sentiment —
// always with a reason.
import { readFileSync } from 'node:fs';
import type { BrandProfile } from './brands';
import { findBrands, maskBrands } from './brands';
import { normalisedNgrams } from './learned';
import { normalise } from './normalise';
import type { Category } from './types';

export const BASE_TARGETS = [
  'L3',
  'billing_error',
  'outage',
  'defect',
  'safety',
  'backlash',
  'negative',
  'positive',
  'question',
  'request',
  'purchase_intent',
  'praise',
  'spam',
] as const;
export type BaseTarget = (typeof BASE_TARGETS)[number];
export const URGENT_TARGETS: Category[] = ['billing_error', 'outage', 'defect', 'safety', 'backlash'];
/** The other categories the model may add or remove (spam is a flag: see `spamAbove`). */
export const OTHER_TARGETS: Category[] = ['question', 'request', 'purchase_intent', 'praise'];

export interface BaseExample {
  text: string;
  level: number;
  categories: readonly string[];
  sentiment?: string;
  /** The set's brand profile: with `maskBrands`, names are read as Ⓑ / Ⓒ (brands.ts). */
  brands?: BrandProfile;
}

/** The text the base model reads: normalised, and with brand names masked when the model was trained so. */
export function modelText(text: string, brands: BrandProfile | undefined, mask: boolean): string {
  const norm = normalise(text).text;
  return mask ? maskBrands(norm, findBrands(brands, norm, text)) : norm;
}

export interface BaseModelJSON {
  format: 1;
  /** What it was trained on (documentation only). */
  trainedOn: string[];
  examples: number;
  /** sha256 of the training options and examples (scripts/train-base-model.ts), to tell a stale model. */
  fingerprint?: string;
  /** Trained on texts with brand names masked (Ⓑ ours, Ⓒ a competitor's): `analyse` masks them the same way. */
  masksBrands?: boolean;
  targets: BaseTarget[];
  bias: number[];
  /** gram → weights (one per target, ×1000, rounded). */
  weights: Record<string, number[]>;
}

export interface TrainOptions {
  epochs?: number;
  l2?: number;
  rate?: number;
  /** Keep at most this many grams (by largest |weight| over targets). */
  maxFeatures?: number;
  /** Read brand names as Ⓑ / Ⓒ (examples carry their set's brand profile). */
  maskBrands?: boolean;
  /** Train on posts about a competitor only too (their labels say "not ours"; scripts/train-base-model.ts). */
  keepCompetitors?: boolean;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

function labelOf(ex: BaseExample, t: BaseTarget): number {
  if (t === 'L3') return ex.level === 3 ? 1 : 0;
  if (t === 'negative' || t === 'positive') return ex.sentiment === t ? 1 : 0;
  return ex.categories.includes(t) ? 1 : 0;
}

/**
 * Deterministic full-batch gradient descent (no random init, no shuffling), so
 * the same examples always give the same model.
 */
export function trainBaseModel(examples: BaseExample[], trainedOn: string[], opts: TrainOptions = {}): BaseModelJSON {
  const epochs = opts.epochs ?? 300;
  const l2 = opts.l2 ?? 1e-3;
  const rate = opts.rate ?? 1;
  const maxFeatures = opts.maxFeatures ?? 6000;
  const index = new Map<string, number>();
  const docs: Int32Array[] = [];
  for (const ex of examples) {
    const grams = normalisedNgrams(modelText(ex.text, ex.brands, !!opts.maskBrands)).sort();
    const ids = new Int32Array(grams.length);
    grams.forEach((g, i) => {
      let id = index.get(g);
      if (id === undefined) index.set(g, (id = index.size));
      ids[i] = id;
    });
    docs.push(ids);
  }
  const V = index.size;
  const n = docs.length;
  const T = BASE_TARGETS.length;
  const W = Array.from({ length: T }, () => new Float64Array(V));
  const bias = new Float64Array(T);
  // Scale each document by 1/sqrt(#grams) so long posts do not dominate.
  const scale = docs.map((d) => 1 / Math.sqrt(Math.max(1, d.length)));
  const grad = new Float64Array(V);
  for (let t = 0; t < T; t++) {
    const y = examples.map((ex) => labelOf(ex, BASE_TARGETS[t]));
    const w = W[t];
    for (let e = 0; e < epochs; e++) {
      grad.fill(0);
      let gb = 0;
      for (let i = 0; i < n; i++) {
        const d = docs[i];
        let z = bias[t];
        for (let k = 0; k < d.length; k++) z += w[d[k]] * scale[i];
        const err = sigmoid(z) - y[i];
        gb += err;
        const g = err * scale[i];
        for (let k = 0; k < d.length; k++) grad[d[k]] += g;
      }
      bias[t] -= (rate * gb) / n;
      for (let j = 0; j < V; j++) w[j] -= rate * (grad[j] / n + l2 * w[j]);
    }
  }
  const grams = [...index.keys()];
  const strength = grams.map((_, j) => {
    let m = 0;
    for (let t = 0; t < T; t++) m = Math.max(m, Math.abs(W[t][j]));
    return m;
  });
  const order = grams
    .map((g, j) => ({ g, j, s: strength[j] }))
    .filter((x) => x.s > 0)
    .sort((a, b) => b.s - a.s || (a.g < b.g ? -1 : 1))
    .slice(0, maxFeatures)
    .sort((a, b) => (a.g < b.g ? -1 : 1));
  const weights: Record<string, number[]> = {};
  for (const { g, j } of order) weights[g] = W.map((w) => Math.round(w[j] * 1000));
  return {
    format: 1,
    trainedOn,
    examples: n,
    ...(opts.maskBrands ? { masksBrands: true } : {}),
    targets: [...BASE_TARGETS],
    bias: [...bias].map((b) => Math.round(b * 1000) / 1000),
    weights,
  };
}

export type BaseScores = Record<BaseTarget, number>;

// Grams are looked up in an open-addressing table keyed by two int32s built from their
// UTF-16 code units (no string per gram): hi = a<<16|b, lo = 0 for a 2-gram and c+1 for
// a 3-gram. The same keys, in a scratch table stamped per call, count the distinct grams.
const gramHi = (a: number, b: number): number => (a << 16) | b;
const slotOf = (hi: number, lo: number, mask: number): number =>
  (Math.imul(hi ^ Math.imul(lo, 0x9e3779b1), 0x85ebca6b) >>> 7) & mask;
const SPACE_PAIR = gramHi(32, 32);

class GramTable {
  hi: Int32Array;
  lo: Int32Array;
  /** Row in the weight matrix (model table) or the call's stamp (scratch table); -1 = empty. */
  val: Int32Array;
  mask: number;
  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size <<= 1;
    this.hi = new Int32Array(size);
    this.lo = new Int32Array(size);
    this.val = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }
  /** Slot holding (hi, lo), or the empty slot where it would go. */
  find(hi: number, lo: number, isEmpty: (v: number) => boolean): number {
    const { mask } = this;
    let s = slotOf(hi, lo, mask);
    while (!isEmpty(this.val[s]) && (this.hi[s] !== hi || this.lo[s] !== lo)) s = (s + 1) & mask;
    return s;
  }
}

export class BaseModel {
  private readonly table: GramTable;
  private readonly w: Float32Array;
  private readonly bias: number[];
  private scratch = new GramTable(512);
  private stamp = 0;
  private readonly count: number;
  readonly targets: BaseTarget[];
  /** Reads texts with brand names masked (`maskBrands`). */
  readonly masksBrands: boolean;

  constructor(json: BaseModelJSON) {
    if (json.format !== 1) throw new Error(`unsupported base model format ${String(json.format)}`);
    this.targets = json.targets;
    this.masksBrands = json.masksBrands === true;
    this.bias = json.bias;
    const T = json.targets.length;
    const entries = Object.entries(json.weights);
    this.count = entries.length;
    this.w = new Float32Array(entries.length * T);
    this.table = new GramTable(entries.length);
    const empty = (v: number) => v < 0;
    entries.forEach(([g, ws], row) => {
      const hi = gramHi(g.charCodeAt(0), g.charCodeAt(1));
      const lo = g.length === 2 ? 0 : g.charCodeAt(2) + 1;
      const s = this.table.find(hi, lo, empty);
      this.table.hi[s] = hi;
      this.table.lo[s] = lo;
      this.table.val[s] = row;
      for (let t = 0; t < T; t++) this.w[row * T + t] = ws[t] / 1000;
    });
  }

  get features(): number {
    return this.count;
  }

  /** P(target) for every target, from the raw post text. */
  predict(text: string): BaseScores {
    return this.predictNormalised(normalise(text).text);
  }

  /**
   * Same as `predict` for text already passed through `normalise` (analyse has it), without
   * building the gram list: the same distinct 2–3-grams as `charNgrams`.
   */
  predictNormalised(normalised: string): BaseScores {
    const t = normalised.replace(/\s+/g, ' ').trim();
    const T = this.targets.length;
    const z = this.bias.slice();
    if (this.scratch.mask + 1 < t.length * 4) this.scratch = new GramTable(t.length * 2);
    const scratch = this.scratch;
    // A new stamp per call marks the scratch slots used by this call; older stamps read as empty.
    if (++this.stamp === 0x7fffffff) {
      scratch.val.fill(-1);
      this.stamp = 1;
    }
    const stamp = this.stamp;
    const stale = (v: number) => v !== stamp;
    const empty = (v: number) => v < 0;
    const { table, w } = this;
    let grams = 0;
    for (let i = 0; i + 2 <= t.length; i++) {
      const hi = gramHi(t.charCodeAt(i), t.charCodeAt(i + 1));
      const keys = i + 3 <= t.length ? 2 : 1;
      for (let n = 0; n < keys; n++) {
        const lo = n === 0 ? 0 : t.charCodeAt(i + 2) + 1;
        if (lo === 0 && hi === SPACE_PAIR) continue;
        const s = scratch.find(hi, lo, stale);
        if (scratch.val[s] === stamp) continue;
        scratch.hi[s] = hi;
        scratch.lo[s] = lo;
        scratch.val[s] = stamp;
        grams++;
        const row = table.val[table.find(hi, lo, empty)];
        if (row < 0) continue;
        const base = row * T;
        for (let k = 0; k < T; k++) z[k] += w[base + k];
      }
    }
    const scale = 1 / Math.sqrt(Math.max(1, grams));
    const out = {} as BaseScores;
    this.targets.forEach((name, k) => (out[name] = sigmoid((z[k] - this.bias[k]) * scale + this.bias[k])));
    return out;
  }
}

/**
 * How the base model is blended with the rules (`analyse`). Chosen by cross-validation over
 * the training sets with each corpus file held out in turn (scripts/train-base-model.ts --cv);
 * see docs/triage.md ("Base learned model").
 */
export interface BaseBlend {
  /** Drop the rules' urgent categories when P(level 3) is below this (0 = never). */
  vetoBelow: number;
  /** Add the model's most likely urgent category when the rules found none and P(level 3) ≥ this. */
  raiseAbove: number;
  /** … and P(that category) ≥ this. */
  categoryAbove: number;
  /** With no issue term and no negative word in the post, raise only when P(level 3) ≥ this (above 1 = never)… */
  raiseAloneAbove: number;
  /** … an urgent category's rule score of at least this (partial evidence), or a negative-word weight of at least
   * `hintNegative`, counts as a sign of trouble (never in a post that reads as praise). */
  hintScore: number;
  hintNegative: number;
  /** Mark "needs a look" when the model was not allowed to raise but P(level 3) ≥ this (above 1 = never). */
  lookAbove: number;
  /** Mark a set-aside post "needs a look" when P(level 3) ≥ this (above 1 = never). */
  lookVetoAbove: number;
  /** Make a post negative when the rules did not and P(negative) ≥ this (above 1 = never). */
  negativeAbove: number;
  /** Make a neutral post positive when P(positive) ≥ this (above 1 = never). */
  positiveAbove: number;
  /** Make a negative post without an urgent category neutral when P(negative) < this (0 = never). */
  notNegativeBelow: number;
  /** On a post without an urgent category, add question/request/purchase_intent/praise when P ≥ this (above 1 = never)… */
  otherAddAbove: number;
  /** … and remove one the rules found when P < this (0 = never). */
  otherRemoveBelow: number;
  /** Flag a post spam that the spam rules let pass when P(spam) ≥ this and no issue is in its words (above 1 = never). */
  spamAbove: number;
}

export const BLEND: BaseBlend = {
  vetoBelow: 0.1,
  raiseAbove: 0.5,
  categoryAbove: 0,
  raiseAloneAbove: 0.8,
  hintScore: 0.5,
  hintNegative: 0.5,
  lookAbove: 0.6,
  lookVetoAbove: 0.05,
  negativeAbove: 0.8,
  positiveAbove: 0.5,
  notNegativeBelow: 0.2,
  otherAddAbove: 0.6,
  otherRemoveBelow: 0.05,
  spamAbove: 0.5,
};

/**
 * The urgent category the model would add when the rules found none: its most likely urgent
 * category if P(level 3) and P(category) clear the blend's thresholds; null otherwise. Never
 * for spam or a post that already has an urgent category.
 */
export function raiseUrgency(
  scores: BaseScores,
  ruleCategories: readonly Category[],
  thresholds: Pick<BaseBlend, 'raiseAbove' | 'categoryAbove'> = BLEND,
): { category: Category; level3: number; probability: number } | null {
  if (ruleCategories.some((c) => URGENT_TARGETS.includes(c)) || ruleCategories.includes('spam')) return null;
  if (scores.L3 < thresholds.raiseAbove) return null;
  const best = likeliestUrgent(scores);
  if (scores[best as BaseTarget] < thresholds.categoryAbove) return null;
  return { category: best, level3: scores.L3, probability: scores[best as BaseTarget] };
}

/** The urgent category the model finds likeliest (the first of equals, in URGENT_TARGETS order). */
export function likeliestUrgent(scores: BaseScores): Category {
  let best = URGENT_TARGETS[0];
  for (const c of URGENT_TARGETS) if (scores[c as BaseTarget] > scores[best as BaseTarget]) best = c;
  return best;
}

/** The shipped model (src/triage/base-model.json, written by `npm run train:triage`); undefined if absent. */
export function loadBaseModel(url: URL = new URL('./base-model.json', import.meta.url)): BaseModel | undefined {
  let text: string;
  try {
    text = readFileSync(url, 'utf8');
  } catch {
    return undefined;
  }
  return new BaseModel(JSON.parse(text) as BaseModelJSON);
}
