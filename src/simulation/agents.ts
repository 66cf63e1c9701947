// The sandbox support team: ten agents over four shifts so someone senior is
// online around the clock, with more people on at the lunch and evening peaks.
// Handling times are what it takes to read a post, look things up and write
// the first reply (lognormal: most are quick, a few take long).
import type { Intent } from './templates';
import { lognormal, type Rng } from './random';

export interface Shift {
  /** Seconds after local midnight; a shift ending after 24 h wraps to the early morning. */
  startS: number;
  endS: number;
  /** A one-hour break (presence "away") starting this long after the shift starts. */
  breakAfterS: number;
  breakS: number;
}

export interface AgentProfile {
  id: string;
  name: string;
  level: 1 | 2 | 3;
  skills: string[];
  /** Conversations open at once (routing capacity). */
  capacity: number;
  shift: Shift;
}

const H = 3600;
const shift = (start: number, end: number, breakAfter = 4): Shift =>
  ({ startS: start * H, endS: end * H, breakAfterS: breakAfter * H, breakS: H });

/** Shifts are 9 hours with a one-hour break: 8 hours online per agent. */
export const TEAM: readonly AgentProfile[] = [
  { id: 'a01', name: 'Kato', level: 3, skills: ['technical', 'billing', 'general'], capacity: 4, shift: shift(22, 31) },
  { id: 'a02', name: 'Sato', level: 3, skills: ['billing', 'technical'], capacity: 4, shift: shift(7, 16) },
  { id: 'a03', name: 'Suzuki', level: 1, skills: ['general', 'store'], capacity: 6, shift: shift(7, 16) },
  { id: 'a04', name: 'Takahashi', level: 3, skills: ['product', 'safety', 'pr', 'escalation'], capacity: 4, shift: shift(9, 18) },
  { id: 'a05', name: 'Tanaka', level: 2, skills: ['general', 'billing', 'shipping'], capacity: 5, shift: shift(9, 18) },
  { id: 'a06', name: 'Ito', level: 1, skills: ['general', 'sales'], capacity: 6, shift: shift(9, 18) },
  { id: 'a07', name: 'Watanabe', level: 2, skills: ['general', 'technical', 'store'], capacity: 5, shift: shift(12, 21) },
  { id: 'a08', name: 'Yamamoto', level: 1, skills: ['general', 'sales', 'store'], capacity: 6, shift: shift(12, 21) },
  { id: 'a09', name: 'Nakamura', level: 3, skills: ['billing', 'technical', 'pr', 'escalation'], capacity: 4, shift: shift(14, 23) },
  { id: 'a10', name: 'Kobayashi', level: 1, skills: ['general', 'shipping', 'product'], capacity: 6, shift: shift(14, 23) },
];

/** The first `count` agents, keeping every shift covered as the team shrinks or grows. */
export function teamOf(count: number): AgentProfile[] {
  const out: AgentProfile[] = [];
  for (let i = 0; i < count; i++) {
    const base = TEAM[i % TEAM.length];
    const copy = Math.floor(i / TEAM.length);
    out.push(copy === 0 ? { ...base } : { ...base, id: `${base.id}-${copy + 1}`, name: `${base.name}${copy + 1}` });
  }
  return out;
}

/** Online windows of a shift within the simulated day [0, 24 h], as [start, end] pairs. */
export function onlineWindows(s: Shift, dayS = 24 * H): Array<[number, number]> {
  const breakStart = s.startS + s.breakAfterS;
  const pieces: Array<[number, number]> = [[s.startS, breakStart], [breakStart + s.breakS, s.endS]];
  // A night shift (22:00–07:00) covers this day's early morning too.
  return pieces
    .flatMap(([a, b]): Array<[number, number]> => (b <= dayS ? [[a, b]] : a >= dayS ? [[a - dayS, b - dayS]] : [[a, dayS], [0, b - dayS]]))
    .sort((x, y) => x[0] - y[0]);
}

/** Median seconds to read a post and write the first reply, by what the post is really about. */
const FIRST_REPLY_MEDIAN_S: Readonly<Record<Intent, number>> = {
  praise: 40,           // a like and a short thank-you
  question: 90,         // find the FAQ / help-centre answer
  purchase_intent: 100, // check stock or plan, link to it
  request: 180,         // look up the order before answering
  billing_error: 150,   // apologise, ask for the order number by DM, check the payment
  outage: 75,           // the incident reply template, adjusted to the post
  defect: 150,
  safety: 210,          // careful wording; follow the safety script
  backlash: 240,        // tone matters; often checked with a lead
  spam: 12,             // read, flag, move on
};

const SIGMA = 0.5;

/** Follow-up replies after the first one (DM back-and-forth), and their typical length. */
const FOLLOW_UPS: Readonly<Record<Intent, { mean: number; medianS: number }>> = {
  praise: { mean: 0, medianS: 0 },
  question: { mean: 0.4, medianS: 60 },
  purchase_intent: { mean: 0.6, medianS: 60 },
  request: { mean: 1, medianS: 120 },
  billing_error: { mean: 1.5, medianS: 120 },
  outage: { mean: 0.3, medianS: 60 },
  defect: { mean: 1.5, medianS: 120 },
  safety: { mean: 2, medianS: 150 },
  backlash: { mean: 1.5, medianS: 150 },
  spam: { mean: 0, medianS: 0 },
};

export interface Fit {
  /** Agent level below what the post really needs: they ask a senior or dig longer. */
  underLevel: boolean;
  /** No skill for the post's subject. */
  offSkill: boolean;
}

/** Seconds to write the first reply; the same rule for every policy, only the fit differs. */
export function firstReplySeconds(rng: Rng, intent: Intent, fit: Fit): number {
  const penalty = (fit.underLevel ? 1.6 : 1) * (fit.offSkill ? 1.3 : 1);
  return Math.max(8, lognormal(rng, FIRST_REPLY_MEDIAN_S[intent], SIGMA) * penalty);
}

/** Follow-up replies for one conversation: how many, and how long each takes. */
export function followUpSeconds(rng: Rng, intent: Intent): number[] {
  const { mean, medianS } = FOLLOW_UPS[intent];
  const count = Math.floor(mean) + (rng.next() < mean - Math.floor(mean) ? 1 : 0);
  return Array.from({ length: count }, () => Math.max(8, lognormal(rng, medianS, SIGMA)));
}

/** Minutes a customer takes to answer our reply before the next follow-up is due. */
export const customerReplyDelayS = (rng: Rng): number => lognormal(rng, 300, 0.8);
