// The sandbox support team: ten agents on staggered shifts so someone senior is
// online around the clock and staffing follows the day's arrival curve.
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
const shift = (start: number, end: number, breakAfter: number): Shift => ({
  startS: start * H,
  endS: end * H,
  breakAfterS: breakAfter * H,
  breakS: H,
});
const partTime = (start: number, end: number): Shift => ({
  startS: start * H,
  endS: end * H,
  breakAfterS: (end - start) * H,
  breakS: 0,
});

/**
 * Staffed by a written rule, checked by a test: in every hour of the day the
 * expected work (averaged over 20 generated days that are not the evaluated
 * seeds, outage burst excluded) keeps the team at most 80% occupied and the L3
 * agents at most 80% occupied with L3 work, and an L3 agent is online at every
 * hour. Full-time shifts are 9 hours with a one-hour break (8 hours online);
 * one part-timer covers the lunch peak. Breaks are staggered.
 */
export const TEAM: readonly AgentProfile[] = [
  {
    id: 'a01',
    name: 'Kato',
    level: 3,
    skills: ['technical', 'billing', 'general'],
    capacity: 4,
    shift: shift(22, 31, 3),
  },
  { id: 'a02', name: 'Inoue', level: 3, skills: ['billing', 'product', 'safety'], capacity: 4, shift: shift(1, 10, 4) },
  { id: 'a03', name: 'Sato', level: 3, skills: ['billing', 'technical'], capacity: 4, shift: shift(7, 16, 6.5) },
  { id: 'a04', name: 'Suzuki', level: 1, skills: ['general', 'store'], capacity: 6, shift: shift(7, 16, 6) },
  {
    id: 'a05',
    name: 'Tanaka',
    level: 2,
    skills: ['general', 'billing', 'shipping'],
    capacity: 5,
    shift: shift(8, 17, 5.5),
  },
  {
    id: 'a06',
    name: 'Takahashi',
    level: 3,
    skills: ['product', 'safety', 'shipping'],
    capacity: 4,
    shift: shift(10, 19, 5),
  },
  { id: 'a07', name: 'Ito', level: 1, skills: ['general', 'sales'], capacity: 6, shift: shift(11, 20, 4.5) },
  {
    id: 'a08',
    name: 'Kobayashi',
    level: 3,
    skills: ['product', 'safety', 'pr', 'escalation'],
    capacity: 4,
    shift: shift(13, 22, 3.5),
  },
  {
    id: 'a09',
    name: 'Watanabe',
    level: 2,
    skills: ['general', 'technical', 'store'],
    capacity: 5,
    shift: shift(14, 23, 3),
  },
  {
    id: 'a10',
    name: 'Nakamura',
    level: 3,
    skills: ['billing', 'technical', 'pr', 'escalation'],
    capacity: 4,
    shift: shift(15, 24, 2),
  },
  {
    id: 'a11',
    name: 'Yamamoto',
    level: 1,
    skills: ['general', 'sales', 'store'],
    capacity: 6,
    shift: shift(16, 25, 2.5),
  },
  { id: 'a12', name: 'Mori', level: 2, skills: ['general', 'shipping', 'sales'], capacity: 5, shift: shift(13, 22, 3) },
  { id: 'a13', name: 'Hayashi', level: 1, skills: ['general', 'store', 'sales'], capacity: 6, shift: partTime(11, 15) },
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

export interface OnlineWindow {
  startS: number;
  endS: number;
  /** What the agent does at the end: a break ("away") or the end of the shift ("offline"). */
  then: 'away' | 'offline';
}

/**
 * Online windows of a shift between 0 and `untilS` (seconds after this day's
 * midnight). The same shift runs every day, so a night shift that began
 * yesterday covers this early morning.
 */
export function onlineWindows(s: Shift, untilS = 24 * H): OnlineWindow[] {
  const breakStart = s.startS + s.breakAfterS;
  const pieces: OnlineWindow[] = [
    { startS: s.startS, endS: breakStart, then: 'away' },
    { startS: breakStart + s.breakS, endS: s.endS, then: 'offline' },
  ];
  const out: OnlineWindow[] = [];
  for (const day of [-1, 0, 1]) {
    for (const p of pieces) {
      const startS = Math.max(0, p.startS + day * 24 * H);
      const endS = Math.min(untilS, p.endS + day * 24 * H);
      if (endS > startS) out.push({ startS, endS, then: p.then });
    }
  }
  return out.sort((x, y) => x.startS - y.startS);
}

/** Median seconds to read a post and write the first reply, by what the post is really about. */
const FIRST_REPLY_MEDIAN_S: Readonly<Record<Intent, number>> = {
  praise: 40, // a like and a short thank-you
  question: 90, // find the FAQ / help-centre answer
  purchase_intent: 100, // check stock or plan, link to it
  request: 180, // look up the order before answering
  billing_error: 150, // apologise, ask for the order number by DM, check the payment
  outage: 75, // the incident reply template, adjusted to the post
  defect: 150,
  safety: 210, // careful wording; follow the safety script
  backlash: 240, // tone matters; often checked with a lead
  spam: 12, // read, flag, move on
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

/** During a declared incident agents paste the approved status reply and adjust it. */
const INCIDENT_REPLY_MEDIAN_S = 40;

/** Slower when the agent is below the post's real level (asks a senior) or lacks the skill (looks it up). */
export const fitPenalty = (fit: Fit): number => (fit.underLevel ? 1.6 : 1) * (fit.offSkill ? 1.3 : 1);

export interface Handling {
  /** First reply by a well-suited agent; multiply by fitPenalty for the actual agent. */
  firstReplyS: number;
  /** Each follow-up: how long the customer takes to answer, then how long our reply takes. */
  followUps: Array<{ customerDelayS: number; replyS: number }>;
}

/**
 * With Koe's acknowledgement draft (src/desk/ack-draft.ts: the customer's name,
 * the problem named from triage, an apology and the next step, ready in the
 * composer) the first reply to an urgent post is the acknowledgement; the
 * investigation moves to the next reply. Median seconds for that first reply:
 * reading the post and adjusting the draft. Outage replies are already the
 * short status reply and do not change.
 */
export const ACK_FIRST_MEDIAN_S: Readonly<Partial<Record<Intent, number>>> = {
  billing_error: 60,
  defect: 60,
  safety: 75,
  backlash: 90,
};

export interface HandlingOptions {
  /** Whether agents start urgent posts from the acknowledgement draft (both policies alike). */
  ackFirst: boolean;
}

/**
 * Draws a post's handling times once, before any policy runs, so both
 * policies face the same work and differ only in who does it and when.
 * Acknowledging first does not shrink the work: what the acknowledgement
 * leaves out is added to the next reply (or becomes one).
 */
export function drawHandling(
  rng: Rng,
  intent: Intent,
  duringIncident: boolean,
  options: HandlingOptions = { ackFirst: true },
): Handling {
  const median = duringIncident && intent === 'outage' ? INCIDENT_REPLY_MEDIAN_S : FIRST_REPLY_MEDIAN_S[intent];
  const fullS = Math.max(8, lognormal(rng, median, SIGMA));
  const { mean, medianS } = FOLLOW_UPS[intent];
  const count = Math.floor(mean) + (rng.next() < mean - Math.floor(mean) ? 1 : 0);
  const followUps = Array.from({ length: count }, () => ({
    // Customers answer a DM within minutes, sometimes much later.
    customerDelayS: lognormal(rng, 300, 0.8),
    replyS: Math.max(8, lognormal(rng, medianS, SIGMA)),
  }));
  const ackMedian = ACK_FIRST_MEDIAN_S[intent];
  if (!options.ackFirst || ackMedian === undefined || duringIncident) return { firstReplyS: fullS, followUps };
  // The same post is as hard as before: its acknowledgement keeps its share of the drawn time.
  const firstReplyS = Math.max(8, fullS * (ackMedian / median));
  const rest = fullS - firstReplyS;
  if (followUps.length > 0) followUps[0] = { ...followUps[0], replyS: followUps[0].replyS + rest };
  else followUps.push({ customerDelayS: lognormal(rng, 300, 0.8), replyS: rest });
  return { firstReplyS, followUps };
}
