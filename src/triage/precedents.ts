// Precedents: what agents decided on this workspace's posts. The workspace's learned model (learned.ts) needs about
// 20 corrections before it may change a decision; a precedent acts from the first one, but only on a post that reads
// almost the same (the same chatter about a mascot, the same bare-fact report). An agent's "not urgent" keeps the base
// model from raising or marking a near-identical post again; "urgent" raises one the analyser would let pass.
import { charNgrams, normalisedNgrams } from './learned';
import type { Category, Level } from './types';
import { URGENT_CATEGORIES } from './types';

export interface PrecedentInput {
  text: string;
  level?: Level;
  categories?: Category[];
}

interface Precedent {
  grams: number;
  level: Level;
  urgent: Category[];
  text: string;
}

export interface PrecedentMatch {
  /** The agent's decision: level 3 (with its urgent categories) or not. */
  urgent: boolean;
  categories: Category[];
  /** Cosine similarity of the two posts' distinct character 2–3-grams, 0..1. */
  similarity: number;
  text: string;
}

/** How alike two posts must read for one agent's decision to stand for the other. */
export const PRECEDENT_SIMILARITY = 0.6;
/** The newest decisions kept per workspace. */
export const MAX_PRECEDENTS = 500;

export class Precedents {
  private readonly items: Precedent[] = [];
  /** gram → precedents that contain it (an inverted index: a post is compared only with those sharing a gram). */
  private readonly index = new Map<string, number[]>();

  /** `decisions` newest first; only the newest MAX_PRECEDENTS count, and a newer decision on the same text wins. */
  constructor(decisions: readonly PrecedentInput[]) {
    const seen = new Set<string>();
    for (const d of decisions) {
      if (this.items.length >= MAX_PRECEDENTS) break;
      const text = d.text.trim();
      if (!text || seen.has(text)) continue;
      const level = d.level ?? ((d.categories ?? []).some((c) => URGENT_CATEGORIES.has(c)) ? 3 : undefined);
      if (level === undefined) continue;
      seen.add(text);
      const grams = charNgrams(text);
      if (grams.length === 0) continue;
      const id = this.items.length;
      this.items.push({
        grams: grams.length,
        level,
        urgent: (d.categories ?? []).filter((c) => URGENT_CATEGORIES.has(c)),
        text,
      });
      for (const g of grams) {
        const list = this.index.get(g);
        if (list) list.push(id);
        else this.index.set(g, [id]);
      }
    }
  }

  get size(): number {
    return this.items.length;
  }

  /** The most similar decision at or above `threshold` to a post's normalised text (`normalise(text).text`), or null. */
  nearest(normalised: string, threshold = PRECEDENT_SIMILARITY): PrecedentMatch | null {
    if (this.items.length === 0) return null;
    const grams = normalisedNgrams(normalised);
    if (grams.length === 0) return null;
    const shared = new Map<number, number>();
    for (const g of grams) for (const id of this.index.get(g) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    let best: PrecedentMatch | null = null;
    for (const [id, n] of shared) {
      const p = this.items[id];
      const similarity = n / Math.sqrt(p.grams * grams.length);
      if (similarity >= threshold && (!best || similarity > best.similarity))
        best = { urgent: p.level === 3, categories: p.urgent, similarity, text: p.text };
    }
    return best;
  }
}
