import type { FactRow } from '../../store/repositories/reports';
import type { localDays } from './facts';

// The report's figures from conversation facts: pure functions, so the page, the CSV and the drill-down lists count
// the same conversations the same way (a bar and the list behind it cannot disagree).

/** Set aside by triage (never hidden): not counted as conversations owed a reply. */
const SET_ASIDE = new Set(['spam', 'troll']);
export const owedReply = (f: Pick<FactRow, 'flag'>) => !SET_ASIDE.has(f.flag);

/** First-response time bins, in minutes (upper bounds); the last bin is open-ended. */
export const FRT_BINS = [
  { key: 'lt5m', upToMs: 5 * 60_000 },
  { key: '5to15m', upToMs: 15 * 60_000 },
  { key: '15to60m', upToMs: 60 * 60_000 },
  { key: '1to4h', upToMs: 4 * 3_600_000 },
  { key: '4to24h', upToMs: 24 * 3_600_000 },
  { key: 'gt24h', upToMs: Infinity },
] as const;
export type FrtBin = (typeof FRT_BINS)[number]['key'] | 'none';

export const frtBin = (f: Pick<FactRow, 'first_response_ms'>): FrtBin => {
  if (f.first_response_ms == null) return 'none';
  const v = Number(f.first_response_ms);
  // Upper bounds are inclusive, as "answered within 5 minutes" is: a reply at 5:00 is in the first bar and counted.
  return FRT_BINS.find((b) => v <= b.upToMs)!.key;
};

/** The SLA outcome now: a reply still owed past its deadline has breached. */
export const slaNow = (f: Pick<FactRow, 'sla' | 'sla_due_at'>, now: Date): 'met' | 'breached' | 'due' | 'none' =>
  f.sla === 'due' && f.sla_due_at && Date.parse(f.sla_due_at) <= now.getTime()
    ? 'breached'
    : (f.sla as 'met' | 'breached' | 'due' | 'none');

export const DIMENSIONS = ['channel', 'level', 'category', 'sentiment', 'team', 'agent'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const dimensionValue = (f: FactRow, d: Dimension): string => {
  switch (d) {
    case 'channel':
      return f.channel_id;
    case 'level':
      return String(f.level);
    case 'category':
      return f.category;
    case 'sentiment':
      return f.sentiment;
    case 'team':
      return f.team_id;
    case 'agent':
      return f.agent_id;
  }
};

/** Exact percentile (nearest rank) of numbers; null for none. */
export function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const share = (n: number, of: number) => (of ? n / of : null);

export interface Headline {
  conversations: number;
  /** Conversations owed a reply (not set aside as spam or troll). */
  owed: number;
  replied: number;
  responseRate: number | null;
  publicPosts: number;
  publicReplied: number;
  publicResponseRate: number | null;
  within5m: number | null;
  within1h: number | null;
  frtMedianMs: number | null;
  frtP90Ms: number | null;
  frtBusinessMedianMs: number | null;
  frtBusinessP90Ms: number | null;
  slaMet: number;
  slaBreached: number;
  slaAttainment: number | null;
  nextResponseMeanMs: number | null;
  resolved: number;
  resolutionMedianMs: number | null;
  resolutionP90Ms: number | null;
  reopenRate: number | null;
  escalations: number;
  handoffMedianMs: number | null;
  csatResponses: number;
  csatAverage: number | null;
  /** Share of CSAT answers of 4 or 5. */
  csatSatisfied: number | null;
  npsResponses: number;
  /** Promoters (9–10) minus detractors (0–6), as a share of NPS answers (-1…1). */
  nps: number | null;
}

export function headline(facts: FactRow[], now: Date): Headline {
  const owed = facts.filter(owedReply);
  const replied = owed.filter((f) => f.first_response_ms != null);
  const frt = replied.map((f) => Number(f.first_response_ms));
  const frtBusiness = replied.map((f) => Number(f.first_response_business_ms));
  const pub = owed.filter((f) => f.public);
  const sla = facts.map((f) => slaNow(f, now));
  const met = sla.filter((s) => s === 'met').length;
  const breached = sla.filter((s) => s === 'breached').length;
  const resolved = facts.filter((f) => f.resolution_ms != null);
  const next = facts.reduce((a, f) => a + Number(f.next_responses), 0);
  const nextTotal = facts.reduce((a, f) => a + Number(f.next_response_ms_total), 0);
  const handoffs = facts.filter((f) => f.handoff_ms != null).map((f) => Number(f.handoff_ms));
  return {
    conversations: facts.length,
    owed: owed.length,
    replied: replied.length,
    responseRate: share(replied.length, owed.length),
    publicPosts: pub.length,
    publicReplied: pub.filter((f) => f.first_response_ms != null).length,
    publicResponseRate: share(pub.filter((f) => f.first_response_ms != null).length, pub.length),
    within5m: share(frt.filter((v) => v <= 5 * 60_000).length, owed.length),
    within1h: share(frt.filter((v) => v <= 3_600_000).length, owed.length),
    frtMedianMs: percentile(frt, 50),
    frtP90Ms: percentile(frt, 90),
    frtBusinessMedianMs: percentile(frtBusiness, 50),
    frtBusinessP90Ms: percentile(frtBusiness, 90),
    slaMet: met,
    slaBreached: breached,
    slaAttainment: share(met, met + breached),
    nextResponseMeanMs: next ? nextTotal / next : null,
    resolved: resolved.length,
    resolutionMedianMs: percentile(
      resolved.map((f) => Number(f.resolution_ms)),
      50,
    ),
    resolutionP90Ms: percentile(
      resolved.map((f) => Number(f.resolution_ms)),
      90,
    ),
    reopenRate: share(resolved.filter((f) => Number(f.reopens) > 0).length, resolved.length),
    escalations: facts.filter((f) => Number(f.escalations) > 0).length,
    handoffMedianMs: percentile(handoffs, 50),
    ...satisfaction(facts),
  };
}

function satisfaction(facts: FactRow[]) {
  const csat = facts.filter((f) => f.csat != null).map((f) => Number(f.csat));
  const nps = facts.filter((f) => f.nps != null).map((f) => Number(f.nps));
  return {
    csatResponses: csat.length,
    csatAverage: csat.length ? csat.reduce((a, b) => a + b, 0) / csat.length : null,
    csatSatisfied: share(csat.filter((v) => v >= 4).length, csat.length),
    npsResponses: nps.length,
    nps: share(nps.filter((v) => v >= 9).length - nps.filter((v) => v <= 6).length, nps.length),
  };
}

export interface Report {
  from: string;
  to: string;
  previous: { from: string; to: string };
  timeZone: string;
  /** Conversations whose figures are still being brought up to date (changed in the last moments). */
  pending: number;
  current: Headline;
  before: Headline;
  days: { day: string; conversations: number; replied: number; customerMessages: number; agentMessages: number }[];
  /** [weekday 0 = Sunday][hour] → conversations begun then (the desk's time zone). */
  heatmap: number[][];
  frtDistribution: { bin: FrtBin; conversations: number }[];
  slaByLevel: { level: number; met: number; breached: number; due: number }[];
  escalationsByLevel: { level: number; conversations: number }[];
  breakdown: Record<Dimension, BreakdownRow[]>;
  categories: { category: string; conversations: number; before: number; change: number }[];
}

export interface BreakdownRow {
  key: string;
  conversations: number;
  replied: number;
  responseRate: number | null;
  frtMedianMs: number | null;
  slaAttainment: number | null;
  resolutionMedianMs: number | null;
  csatAverage: number | null;
}

/** Every local day from `fromDay` to `toDay` inclusive (YYYY-MM-DD). */
export function daysBetween(fromDay: string, toDay: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${fromDay}T00:00:00Z`); t <= Date.parse(`${toDay}T00:00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export function buildReport(input: {
  from: string;
  to: string;
  previous: { from: string; to: string };
  timeZone: string;
  pending: number;
  facts: FactRow[];
  before: FactRow[];
  messageDays: { day: string; customer: number; agent: number }[];
  local: ReturnType<typeof localDays>;
  now: Date;
}): Report {
  const { facts, local, now } = input;
  const fromDay = local(Date.parse(input.from)).day;
  const toDay = local(Date.parse(input.to) - 1).day;
  const days = new Map(
    daysBetween(fromDay, toDay).map((d) => [
      d,
      { day: d, conversations: 0, replied: 0, customerMessages: 0, agentMessages: 0 },
    ]),
  );
  const heatmap = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
  const bins = new Map<FrtBin, number>([...FRT_BINS.map((b) => [b.key, 0] as const), ['none', 0]]);
  const sla = new Map([1, 2, 3].map((l) => [l, { level: l, met: 0, breached: 0, due: 0 }]));
  const escalated = new Map([2, 3].map((l) => [l, 0]));
  for (const f of facts) {
    const at = local(Date.parse(f.created_at));
    const d = days.get(at.day);
    if (d) {
      d.conversations++;
      if (f.first_response_ms != null) d.replied++;
    }
    heatmap[at.weekday][at.hour]++;
    if (owedReply(f)) bins.set(frtBin(f), (bins.get(frtBin(f)) ?? 0) + 1);
    const s = slaNow(f, now);
    const row = sla.get(Math.min(3, Number(f.level)));
    if (row && s !== 'none') row[s]++;
    if (Number(f.escalated_to) >= 2)
      escalated.set(Number(f.escalated_to), (escalated.get(Number(f.escalated_to)) ?? 0) + 1);
  }
  for (const m of input.messageDays) {
    const d = days.get(m.day);
    if (!d) continue;
    d.customerMessages += m.customer;
    d.agentMessages += m.agent;
  }
  const breakdown = Object.fromEntries(DIMENSIONS.map((dim) => [dim, breakdownBy(facts, dim, now)])) as Record<
    Dimension,
    BreakdownRow[]
  >;
  const countBy = (rows: FactRow[]) => {
    const m = new Map<string, number>();
    for (const f of rows) if (f.category) m.set(f.category, (m.get(f.category) ?? 0) + 1);
    return m;
  };
  const now_ = countBy(facts);
  const was = countBy(input.before);
  const categories = [...new Set([...now_.keys(), ...was.keys()])]
    .map((category) => ({
      category,
      conversations: now_.get(category) ?? 0,
      before: was.get(category) ?? 0,
      change: (now_.get(category) ?? 0) - (was.get(category) ?? 0),
    }))
    .sort((a, b) => b.conversations - a.conversations || b.change - a.change || a.category.localeCompare(b.category));
  return {
    from: input.from,
    to: input.to,
    previous: input.previous,
    timeZone: input.timeZone,
    pending: input.pending,
    current: headline(facts, now),
    before: headline(input.before, now),
    days: [...days.values()],
    heatmap,
    frtDistribution: [...bins].map(([bin, conversations]) => ({ bin, conversations })),
    slaByLevel: [...sla.values()],
    escalationsByLevel: [...escalated].map(([level, conversations]) => ({ level, conversations })),
    breakdown,
    categories,
  };
}

function breakdownBy(facts: FactRow[], dim: Dimension, now: Date): BreakdownRow[] {
  const groups = new Map<string, FactRow[]>();
  for (const f of facts) {
    const k = dimensionValue(f, dim);
    (groups.get(k) ?? groups.set(k, []).get(k)!).push(f);
  }
  return [...groups]
    .map(([key, rows]) => {
      const h = headline(rows, now);
      return {
        key,
        conversations: h.conversations,
        replied: h.replied,
        responseRate: h.responseRate,
        frtMedianMs: h.frtMedianMs,
        slaAttainment: h.slaAttainment,
        resolutionMedianMs: h.resolutionMedianMs,
        csatAverage: h.csatAverage,
      };
    })
    .sort((a, b) => b.conversations - a.conversations || a.key.localeCompare(b.key));
}

/** A cell of a chart, for its drill-down list. */
export type Bucket =
  | { kind: 'day'; day: string }
  | { kind: 'hour'; weekday: number; hour: number }
  | { kind: 'frt'; bin: FrtBin }
  | { kind: 'sla'; level: number; outcome: 'met' | 'breached' | 'due' }
  | { kind: 'escalated'; level: number }
  | { kind: 'dimension'; dimension: Dimension; value: string }
  | { kind: 'category'; category: string }
  | { kind: 'all' };

/** Whether a conversation's facts fall in a chart's cell: the same tests `buildReport` counts with. */
export function inBucket(f: FactRow, b: Bucket, local: ReturnType<typeof localDays>, now: Date): boolean {
  switch (b.kind) {
    case 'all':
      return true;
    case 'day':
      return local(Date.parse(f.created_at)).day === b.day;
    case 'hour': {
      const at = local(Date.parse(f.created_at));
      return at.weekday === b.weekday && at.hour === b.hour;
    }
    case 'frt':
      return owedReply(f) && frtBin(f) === b.bin;
    case 'sla':
      return Math.min(3, Number(f.level)) === b.level && slaNow(f, now) === b.outcome;
    case 'escalated':
      return Number(f.escalated_to) === b.level;
    case 'dimension':
      return dimensionValue(f, b.dimension) === b.value;
    case 'category':
      return f.category === b.category;
  }
}
