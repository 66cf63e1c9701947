// Per-workspace learned model: multinomial naive Bayes over character 2–3
// grams of the normalised text, updated online from agent corrections. Naive
// Bayes learns from a handful of examples, updates in O(text length) and
// serialises to plain JSON, which suits "every correction counts" storage.
import { normalise } from './normalise';
import type { Category, LabelSet, Level, Sentiment } from './types';
import { CATEGORIES } from './types';

const ALPHA = 0.5; // additive smoothing

/** Distinct character 2- and 3-grams (binary features work best on short posts). */
export function charNgrams(text: string): string[] {
  return normalisedNgrams(normalise(text).text);
}

/** The same grams for text already passed through `normalise` (analyse has it). */
export function normalisedNgrams(normalised: string): string[] {
  const t = normalised.replace(/\s+/g, ' ').trim();
  const grams = new Set<string>();
  for (let i = 0; i + 2 <= t.length; i++) {
    grams.add(t.slice(i, i + 2));
    if (i + 3 <= t.length) grams.add(t.slice(i, i + 3));
  }
  grams.delete('  ');
  return [...grams];
}

interface ClassStats {
  docs: number;
  total: number;
  counts: Map<string, number>;
}

const newStats = (): ClassStats => ({ docs: 0, total: 0, counts: new Map() });

function addDoc(s: ClassStats, grams: string[]): void {
  s.docs++;
  s.total += grams.length;
  for (const g of grams) s.counts.set(g, (s.counts.get(g) ?? 0) + 1);
}

/** Log-likelihood sum, tempered by the feature count so posteriors stay calibrated-ish. */
function logLik(s: ClassStats, grams: string[], vocab: number, complement?: ClassStats): number {
  const total = complement ? complement.total - s.total : s.total;
  let sum = 0;
  for (const g of grams) {
    const c = complement ? (complement.counts.get(g) ?? 0) - (s.counts.get(g) ?? 0) : (s.counts.get(g) ?? 0);
    sum += Math.log((c + ALPHA) / (total + ALPHA * vocab));
  }
  return sum / Math.max(1, grams.length / 6);
}

function softmax(logits: number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const z = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / z);
}

export interface LabelPrediction<T> {
  label: T;
  confidence: number;
}

export interface LearnedPrediction {
  /** Number of corrections the model has learned from. */
  examples: number;
  sentiment?: LabelPrediction<Sentiment>;
  level?: LabelPrediction<Level>;
  /** P(category present) for categories with at least one positive example. */
  categories: Partial<Record<Category, number>>;
  /** Positive examples seen per category (the blend trusts well-supported ones). */
  support: Partial<Record<Category, number>>;
}

const SENTIMENTS: Sentiment[] = ['negative', 'neutral', 'positive'];
const LEVELS: Level[] = [0, 1, 2, 3];

type StatsJSON = { docs: number; total: number; counts: Array<[string, number]> };
const statsToJSON = (s: ClassStats): StatsJSON => ({ docs: s.docs, total: s.total, counts: [...s.counts] });
const statsFromJSON = (j: StatsJSON): ClassStats => ({ docs: j.docs, total: j.total, counts: new Map(j.counts) });

export interface LearnedModelJSON {
  format: 1;
  examples: number;
  vocab: string[];
  sentiment: Record<string, StatsJSON>;
  level: Record<string, StatsJSON>;
  categoryAll: StatsJSON;
  categories: Record<string, StatsJSON>;
}

export class LearnedModel {
  private examples = 0;
  private readonly vocab = new Set<string>();
  private readonly sentiment = new Map<Sentiment, ClassStats>(SENTIMENTS.map((s) => [s, newStats()]));
  private readonly level = new Map<Level, ClassStats>(LEVELS.map((l) => [l, newStats()]));
  /** Category models are one-vs-rest; "absent" counts are all-docs minus present. */
  private categoryAll = newStats();
  private readonly categories = new Map<Category, ClassStats>(CATEGORIES.map((c) => [c, newStats()]));

  get size(): number {
    return this.examples;
  }

  learn(text: string, labels: LabelSet): void {
    const grams = charNgrams(text);
    if (grams.length === 0) return;
    this.examples++;
    for (const g of grams) this.vocab.add(g);
    if (labels.sentiment) addDoc(this.sentiment.get(labels.sentiment)!, grams);
    if (labels.level !== undefined) addDoc(this.level.get(labels.level)!, grams);
    if (labels.categories) {
      addDoc(this.categoryAll, grams);
      for (const c of new Set(labels.categories)) {
        const stats = this.categories.get(c);
        if (stats) addDoc(stats, grams);
      }
    }
  }

  private classify<T>(classes: Map<T, ClassStats>, grams: string[]): LabelPrediction<T> | undefined {
    const labels = [...classes.keys()].filter((k) => classes.get(k)!.docs > 0);
    if (labels.length < 2) return undefined;
    const docs = labels.reduce((a, l) => a + classes.get(l)!.docs, 0);
    const logits = labels.map((l) => {
      const s = classes.get(l)!;
      return Math.log(s.docs / docs) + logLik(s, grams, this.vocab.size);
    });
    const probs = softmax(logits);
    let best = 0;
    for (let i = 1; i < probs.length; i++) if (probs[i] > probs[best]) best = i;
    return { label: labels[best], confidence: probs[best] };
  }

  predict(text: string): LearnedPrediction {
    const grams = charNgrams(text).filter((g) => this.vocab.has(g));
    const out: LearnedPrediction = { examples: this.examples, categories: {}, support: {} };
    if (grams.length === 0 || this.examples === 0) return out;
    out.sentiment = this.classify(this.sentiment, grams);
    out.level = this.classify(this.level, grams);
    const all = this.categoryAll;
    for (const [c, s] of this.categories) {
      if (s.docs === 0) continue;
      out.support[c] = s.docs;
      const absentDocs = all.docs - s.docs;
      if (absentDocs === 0) {
        out.categories[c] = 1;
        continue;
      }
      const present = Math.log(s.docs / all.docs) + logLik(s, grams, this.vocab.size);
      const absent = Math.log(absentDocs / all.docs) + logLik(s, grams, this.vocab.size, all);
      out.categories[c] = 1 / (1 + Math.exp(absent - present));
    }
    return out;
  }

  toJSON(): LearnedModelJSON {
    const rec = <T>(m: Map<T, ClassStats>) => Object.fromEntries([...m].map(([k, v]) => [String(k), statsToJSON(v)]));
    return {
      format: 1,
      examples: this.examples,
      vocab: [...this.vocab],
      sentiment: rec(this.sentiment),
      level: rec(this.level),
      categoryAll: statsToJSON(this.categoryAll),
      categories: rec(this.categories),
    };
  }

  static fromJSON(json: LearnedModelJSON | string): LearnedModel {
    const j: LearnedModelJSON = typeof json === 'string' ? JSON.parse(json) : json;
    if (j.format !== 1) throw new Error(`unsupported learned model format ${String(j.format)}`);
    const m = new LearnedModel();
    m.examples = j.examples;
    for (const g of j.vocab) m.vocab.add(g);
    for (const s of SENTIMENTS) if (j.sentiment[s]) m.sentiment.set(s, statsFromJSON(j.sentiment[s]));
    for (const l of LEVELS) if (j.level[String(l)]) m.level.set(l, statsFromJSON(j.level[String(l)]));
    m.categoryAll = statsFromJSON(j.categoryAll);
    for (const c of CATEGORIES) if (j.categories[c]) m.categories.set(c, statsFromJSON(j.categories[c]));
    return m;
  }
}
