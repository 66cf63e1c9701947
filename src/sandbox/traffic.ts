import { createRng, pickOne, pickWeighted, type Rng } from '../simulation/random';
import { SLOTS, TEMPLATES, type Intent } from '../simulation/templates';
import { INTENT_MIX } from '../simulation/traffic';
import type { SandboxPlatform } from './accounts';

/** What the generator draws: which platform, how public, in which language, about what. */
export interface TrafficMix {
  platforms: Record<SandboxPlatform, number>;
  intents: Record<Intent, number>;
  /** Share of Japanese posts (the desk's home market). */
  jaShare: number;
  /** Share of public posts (comments, mentions) on platforms that have both public and private. */
  publicShare: number;
  /** Share of posts by someone who already wrote on that platform (follow-ups). */
  returningShare: number;
}

/** Sandbox demos show problems more often than a real day does, so the inbox has something to triage. */
export const DEFAULT_MIX: TrafficMix = {
  platforms: { line: 30, x: 25, instagram: 15, facebook: 15, email: 15 },
  intents: { ...INTENT_MIX, billing_error: 8, outage: 6, defect: 9, spam: 8 },
  jaShare: 0.78,
  publicShare: 0.6,
  returningShare: 0.15,
};

export interface ComposedPost {
  platform: SandboxPlatform;
  visibility: 'public' | 'private';
  lang: 'ja' | 'en';
  intent: Intent;
  text: string;
  returning: boolean;
}

const HAS_PUBLIC: Record<SandboxPlatform, boolean> = {
  line: false,
  facebook: true,
  instagram: true,
  x: true,
  email: false,
};

const fill = (rng: Rng, template: string) =>
  template.replace(/\{(\w+)\}/g, (_, slot: string) => pickOne(rng, SLOTS[slot] ?? ['']));

/** Draws one customer post; deterministic for a seeded Rng. */
export function composePost(rng: Rng, mix: TrafficMix = DEFAULT_MIX, platform?: SandboxPlatform): ComposedPost {
  const where = platform ?? pickWeighted(rng, mix.platforms);
  const intent = pickWeighted(rng, mix.intents);
  const lang = rng.next() < mix.jaShare ? 'ja' : 'en';
  const text = fill(rng, pickOne(rng, TEMPLATES[intent][lang])).replace(/\s+/g, ' ').trim();
  const visibility = HAS_PUBLIC[where] && rng.next() < mix.publicShare ? 'public' : 'private';
  return { platform: where, visibility, lang, intent, text, returning: rng.next() < mix.returningShare };
}

/** Sends composed posts at a steady rate (posts per minute) until stopped; a failed send is logged, not fatal. */
export class TrafficGenerator {
  private timer: NodeJS.Timeout | undefined;
  private inFlight = new Set<Promise<unknown>>();
  readonly rng: Rng;

  constructor(
    private send: (post: ComposedPost) => Promise<unknown>,
    private opts: { ratePerMinute: number; mix?: TrafficMix; seed?: number; onError?: (err: unknown) => void },
  ) {
    this.rng = createRng(opts.seed ?? Date.now());
  }

  start(): void {
    if (this.timer || this.opts.ratePerMinute <= 0) return;
    this.timer = setInterval(() => this.tick(), Math.max(50, 60_000 / this.opts.ratePerMinute));
    this.timer.unref();
    this.tick(); // the first post arrives at once, so a demo shows something straight away
  }

  private tick(): void {
    const p = this.send(composePost(this.rng, this.opts.mix)).catch((err: unknown) => this.opts.onError?.(err));
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await Promise.allSettled([...this.inFlight]);
  }
}
