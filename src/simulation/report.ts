// Turns finished desks into the figures the issue asks for: first-response
// time p50/p90 per (true) level, response rate, queue length, per policy.
import { computeSla, slaPolicyFor } from '../routing/sla';
import { DAY_START_MS, isoAt, type Desk } from './desk';

export interface LevelFigures {
  level: 1 | 2 | 3;
  posts: number;
  answered: number;
  /** Seconds; Infinity when more than the percentile's share went unanswered. */
  p50S: number;
  p90S: number;
  /** Share answered within the level's default first-response target (L3 5 min, L2 30, L1 60). */
  slaMet: number;
}

export interface PolicyFigures {
  policy: string;
  levels: LevelFigures[];
  /** Non-spam posts with a first reply before the horizon / all non-spam posts. */
  responseRate: number;
  answered: number;
  needingReply: number;
  meanQueue: number;
  maxQueue: number;
  /** Busy time / online time over the team. */
  occupancy: number;
  escalations: number;
  reassignments: number;
  /** L3 posts of the outage burst, and all other L3 posts. */
  l3BurstP90S: number;
  l3OtherP90S: number;
}

/** Nearest-rank percentile; unanswered posts count as never answered (Infinity). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

export function summarise(desk: Desk): PolicyFigures {
  const real = desk.conversations.filter((c) => c.prepared.post.intent !== 'spam');
  const frt = (cs: typeof real) =>
    cs.map((c) => (c.firstResponseS === null ? Infinity : c.firstResponseS - c.prepared.post.arrivalS));
  const levels = ([1, 2, 3] as const).map((level): LevelFigures => {
    const cs = real.filter((c) => c.prepared.post.trueLevel === level);
    const times = frt(cs);
    const met = cs.filter((c) => {
      if (c.firstResponseS === null) return false;
      const policy = slaPolicyFor({ level, priority: c.prepared.triage.priority });
      const at = isoAt(c.prepared.post.arrivalS);
      const ts = {
        createdAt: at,
        firstResponseAt: null,
        waitingSince: at,
        lastCustomerMessageAt: at,
        resolvedAt: null,
        status: 'open' as const,
      };
      return computeSla(ts, policy, new Date(DAY_START_MS + c.firstResponseS * 1000)).state !== 'breached';
    }).length;
    return {
      level,
      posts: cs.length,
      answered: times.filter(Number.isFinite).length,
      p50S: percentile(times, 0.5),
      p90S: percentile(times, 0.9),
      slaMet: cs.length ? met / cs.length : 1,
    };
  });
  const answered = real.filter((c) => c.firstResponseS !== null).length;
  const busy = desk.agents.reduce((s, a) => s + a.busyS, 0);
  const online = desk.agents.reduce((s, a) => s + a.onlineS, 0);
  const l3 = real.filter((c) => c.prepared.post.trueLevel === 3);
  return {
    policy: desk.policy.name,
    levels,
    responseRate: real.length ? answered / real.length : 1,
    answered,
    needingReply: real.length,
    meanQueue: desk.meanWaiting,
    maxQueue: desk.maxWaiting,
    occupancy: online ? busy / online : 0,
    escalations: desk.escalations,
    reassignments: desk.reassignments,
    l3BurstP90S: percentile(frt(l3.filter((c) => c.prepared.post.burst)), 0.9),
    l3OtherP90S: percentile(frt(l3.filter((c) => !c.prepared.post.burst)), 0.9),
  };
}

export const seconds = (s: number): string => (Number.isFinite(s) ? String(Math.round(s)) : 'inf');
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export function policyLines(f: PolicyFigures): string[] {
  const lines = [`== ${f.policy} ==`];
  for (const l of f.levels) {
    lines.push(
      `  L${l.level}  posts=${String(l.posts).padStart(4)}  answered=${String(l.answered).padStart(4)}  p50=${seconds(l.p50S).padStart(5)}s  p90=${seconds(l.p90S).padStart(5)}s  within SLA=${pct(l.slaMet)}`,
    );
  }
  lines.push(`  L3 p90: outage burst ${seconds(f.l3BurstP90S)}s, rest of day ${seconds(f.l3OtherP90S)}s`);
  lines.push(
    `  response rate ${pct(f.responseRate)} (${f.answered}/${f.needingReply} non-spam posts)  mean queue ${f.meanQueue.toFixed(1)}  max queue ${f.maxQueue}`,
  );
  lines.push(`  team occupancy ${pct(f.occupancy)}  escalations ${f.escalations}  reassignments ${f.reassignments}`);
  return lines;
}

export const policySummaryLine = (f: PolicyFigures): string =>
  `POLICY ${f.policy} l1_p90_s=${seconds(f.levels[0].p90S)} l2_p90_s=${seconds(f.levels[1].p90S)} l3_p90_s=${seconds(f.levels[2].p90S)} response_rate=${f.responseRate.toFixed(3)} mean_queue=${f.meanQueue.toFixed(1)}`;
