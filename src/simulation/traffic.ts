// Sandbox traffic for one day: who posts what, and when. Arrivals follow a
// daily curve (quiet night, morning ramp, lunch and evening peaks) plus an
// outage burst; texts come from templates with slot fillers in Japanese and
// English. Deterministic for a given seed.
import type { TriageContext } from '../triage/types';
import { deriveRng, lognormal, pickOne, pickWeighted, type Rng } from './random';
import { SLOTS, TEMPLATES, type Intent } from './templates';

export type { Intent } from './templates';

export interface SandboxPost {
  id: string;
  /** Seconds after local midnight (Asia/Tokyo). */
  arrivalS: number;
  customerId: string;
  text: string;
  lang: 'ja' | 'en';
  /** Ground truth, used only to measure the result, never to route. */
  intent: Intent;
  trueLevel: 0 | 1 | 2 | 3;
  context: TriageContext;
  /** Part of the outage burst. */
  burst: boolean;
}

export interface TrafficOptions {
  seed: number;
  /** Posts in the day, burst included. */
  posts: number;
  burst?: OutageBurst | null;
  /** Share of Japanese posts. */
  jaShare?: number;
}

export interface OutageBurst {
  startS: number;
  durationS: number;
  posts: number;
}

/** A 30-minute login outage late morning: 150 extra posts, about the size of a real app incident. */
export const DEFAULT_BURST: OutageBurst = { startS: 11 * 3600 + 10 * 60, durationS: 30 * 60, posts: 150 };

/**
 * Relative posting rate per local hour (0–23). Shape of brand mentions on
 * Japanese social media: near silence 2–5 h, a commute ramp, a lunch peak and
 * the largest peak in the evening after work.
 */
export const HOURLY_RATE: readonly number[] = [
  2.0, 1.2, 0.7, 0.5, 0.5, 0.8, 1.5, 2.8, 4.2, 5.0, 5.2, 5.6, 7.0, 6.0, 5.0, 4.8, 4.8, 5.0, 5.4, 5.8, 6.0, 5.6, 4.2,
  2.8,
];

/**
 * Share of each intent outside the burst. Most mentions are questions, thanks
 * and shopping talk; about one post in seven reports a real problem (urgent, L3).
 */
export const INTENT_MIX: Readonly<Record<Intent, number>> = {
  question: 26,
  praise: 18,
  purchase_intent: 8,
  request: 9,
  billing_error: 3.5,
  outage: 2.5,
  defect: 5,
  safety: 0.7,
  backlash: 1.3,
  spam: 12,
};

export const TRUE_LEVEL: Readonly<Record<Intent, 0 | 1 | 2 | 3>> = {
  billing_error: 3,
  outage: 3,
  defect: 3,
  safety: 3,
  backlash: 3,
  request: 2,
  question: 1,
  purchase_intent: 1,
  praise: 1,
  spam: 0,
};

/** Share of posts written by someone who already posted today (follow-up, impatience). */
const RETURNING_SHARE = 0.08;

function fill(rng: Rng, template: string): string {
  return template.replace(/\{(\w+)\}/g, (_, slot: string) => pickOne(rng, SLOTS[slot] ?? ['']));
}

/** Arrival instants conditioned on the day's count: hour by weight, then uniform inside the hour. */
function curveArrivals(rng: Rng, count: number): number[] {
  const weights = Object.fromEntries(HOURLY_RATE.map((w, h) => [String(h), w])) as Record<string, number>;
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push(Number(pickWeighted(rng, weights)) * 3600 + rng.next() * 3600);
  return times;
}

function contextFor(rng: Rng, intent: Intent): TriageContext {
  const context: TriageContext = { authorFollowers: Math.round(lognormal(rng, 150, 1.6)) };
  // Complaints get shared; a few pick up real momentum.
  if (intent === 'backlash' || (intent !== 'spam' && rng.next() < 0.05)) {
    context.reposts = Math.round(lognormal(rng, 4, 1.5));
    context.likes = Math.round(lognormal(rng, 10, 1.5));
  }
  return context;
}

export function generateTraffic(options: TrafficOptions): SandboxPost[] {
  const rng = deriveRng(options.seed, 'traffic');
  const burst = options.burst === undefined ? DEFAULT_BURST : options.burst;
  const burstCount = burst ? Math.min(burst.posts, Math.floor(options.posts / 2)) : 0;
  const jaShare = options.jaShare ?? 0.78;

  const slots: Array<{ at: number; intent: Intent; burst: boolean }> = [];
  for (const at of curveArrivals(rng, options.posts - burstCount))
    slots.push({ at, intent: pickWeighted(rng, INTENT_MIX), burst: false });
  for (let i = 0; i < burstCount && burst; i++)
    slots.push({ at: burst.startS + rng.next() * burst.durationS, intent: 'outage', burst: true });
  slots.sort((a, b) => a.at - b.at);

  const posts: SandboxPost[] = [];
  const seen: string[] = [];
  const postsBy = new Map<string, number>();
  slots.forEach((slot, i) => {
    const returning = slot.intent !== 'spam' && seen.length > 0 && rng.next() < RETURNING_SHARE;
    const customerId = returning ? pickOne(rng, seen) : `c${String(i + 1).padStart(5, '0')}`;
    if (!returning) seen.push(customerId);
    postsBy.set(customerId, (postsBy.get(customerId) ?? 0) + 1);

    const lang = rng.next() < jaShare ? 'ja' : 'en';
    const text = fill(rng, pickOne(rng, TEMPLATES[slot.intent][lang])).trim();
    const context = { ...contextFor(rng, slot.intent), recentPostsByCustomer: postsBy.get(customerId) };
    posts.push({
      id: `p${String(i + 1).padStart(5, '0')}`,
      arrivalS: Math.round(slot.at),
      customerId,
      text,
      lang,
      intent: slot.intent,
      trueLevel: TRUE_LEVEL[slot.intent],
      context,
      burst: slot.burst,
    });
  });
  return posts;
}
