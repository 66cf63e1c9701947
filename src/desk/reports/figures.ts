import type { ReportFact } from '../../store/repositories/reports';

/** A moment as the desk's clock reads it (its time zone): the day, weekday, hour and minute. */
export interface LocalTime {
  day: string;
  weekday: number;
  hour: number;
  minute: number;
}

// The report's figures from conversation facts: pure functions, so the page, the CSV and the drill-down lists count
// the same conversations the same way (a bar and the list behind it cannot disagree).

/** Set aside by triage (never hidden): not counted as conversations owed a reply. */
const SET_ASIDE = new Set(['spam', 'troll']);
export const owedReply = (f: Pick<ReportFact, 'flag'>) => !SET_ASIDE.has(f.flag);

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

export const frtBin = (f: Pick<ReportFact, 'first_response_ms'>): FrtBin => {
  if (f.first_response_ms == null) return 'none';
  const v = Number(f.first_response_ms);
  // Upper bounds are inclusive, as "answered within 5 minutes" is: a reply at 5:00 is in the first bar and counted.
  return FRT_BINS.find((b) => v <= b.upToMs)!.key;
};

/** The SLA outcome now: a reply still owed past its deadline has breached. */
export const slaNow = (f: Pick<ReportFact, 'sla' | 'sla_due_at'>, now: Date): 'met' | 'breached' | 'due' | 'none' =>
  f.sla === 'due' && f.sla_due_at && Date.parse(f.sla_due_at) <= now.getTime()
    ? 'breached'
    : (f.sla as 'met' | 'breached' | 'due' | 'none');

export const DIMENSIONS = ['channel', 'level', 'category', 'sentiment', 'team', 'agent'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const dimensionValue = (f: ReportFact, d: Dimension): string => {
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

/** Exact percentile (nearest rank) of values already sorted ascending; null for none. */
function ranked(sorted: Float64Array, p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const sortedOf = (values: number[]) => Float64Array.from(values).sort();

/** The key figures of a set of conversations, in one pass over their facts. */
export function headline(facts: ReportFact[], now: Date): Headline {
  let owed = 0;
  let publicPosts = 0;
  let publicReplied = 0;
  let within5m = 0;
  let within1h = 0;
  let met = 0;
  let breached = 0;
  let next = 0;
  let nextTotal = 0;
  let reopened = 0;
  let escalations = 0;
  let csatSum = 0;
  let csatSatisfied = 0;
  let promoters = 0;
  let detractors = 0;
  let npsCount = 0;
  const frt: number[] = [];
  const frtBusiness: number[] = [];
  const resolution: number[] = [];
  const handoffs: number[] = [];
  const csat: number[] = [];
  for (const f of facts) {
    const isOwed = owedReply(f);
    const replied = f.first_response_ms != null;
    if (isOwed) {
      owed++;
      if (f.public) {
        publicPosts++;
        if (replied) publicReplied++;
      }
      if (replied) {
        const v = Number(f.first_response_ms);
        frt.push(v);
        frtBusiness.push(Number(f.first_response_business_ms));
        if (v <= 5 * 60_000) within5m++;
        if (v <= 3_600_000) within1h++;
      }
    }
    const sla = slaNow(f, now);
    if (sla === 'met') met++;
    else if (sla === 'breached') breached++;
    next += Number(f.next_responses);
    nextTotal += Number(f.next_response_ms_total);
    if (f.resolution_ms != null) {
      resolution.push(Number(f.resolution_ms));
      if (Number(f.reopens) > 0) reopened++;
    }
    if (Number(f.escalations) > 0) escalations++;
    if (f.handoff_ms != null) handoffs.push(Number(f.handoff_ms));
    if (f.csat != null) {
      const v = Number(f.csat);
      csat.push(v);
      csatSum += v;
      if (v >= 4) csatSatisfied++;
    }
    if (f.nps != null) {
      const v = Number(f.nps);
      npsCount++;
      if (v >= 9) promoters++;
      else if (v <= 6) detractors++;
    }
  }
  const frtSorted = sortedOf(frt);
  const businessSorted = sortedOf(frtBusiness);
  const resolutionSorted = sortedOf(resolution);
  return {
    conversations: facts.length,
    owed,
    replied: frt.length,
    responseRate: share(frt.length, owed),
    publicPosts,
    publicReplied,
    publicResponseRate: share(publicReplied, publicPosts),
    within5m: share(within5m, owed),
    within1h: share(within1h, owed),
    frtMedianMs: ranked(frtSorted, 50),
    frtP90Ms: ranked(frtSorted, 90),
    frtBusinessMedianMs: ranked(businessSorted, 50),
    frtBusinessP90Ms: ranked(businessSorted, 90),
    slaMet: met,
    slaBreached: breached,
    slaAttainment: share(met, met + breached),
    nextResponseMeanMs: next ? nextTotal / next : null,
    resolved: resolution.length,
    resolutionMedianMs: ranked(resolutionSorted, 50),
    resolutionP90Ms: ranked(resolutionSorted, 90),
    reopenRate: share(reopened, resolution.length),
    escalations,
    handoffMedianMs: ranked(sortedOf(handoffs), 50),
    csatResponses: csat.length,
    csatAverage: csat.length ? csatSum / csat.length : null,
    csatSatisfied: share(csatSatisfied, csat.length),
    npsResponses: npsCount,
    nps: share(promoters - detractors, npsCount),
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

/** Categories by conversations now, with the period before and the change; most talked about first. */
export const topicsAgainst = (now: Map<string, number>, was: Map<string, number>) =>
  [...new Set([...now.keys(), ...was.keys()])]
    .map((category) => ({
      category,
      conversations: now.get(category) ?? 0,
      before: was.get(category) ?? 0,
      change: (now.get(category) ?? 0) - (was.get(category) ?? 0),
    }))
    .sort((a, b) => b.conversations - a.conversations || b.change - a.change || a.category.localeCompare(b.category));

/** A breakdown row: the headline figures a row shows, whichever way they were computed (facts or rollups). */
export const breakdownRow = (key: string, h: Headline): BreakdownRow => ({
  key,
  conversations: h.conversations,
  replied: h.replied,
  responseRate: h.responseRate,
  frtMedianMs: h.frtMedianMs,
  slaAttainment: h.slaAttainment,
  resolutionMedianMs: h.resolutionMedianMs,
  csatAverage: h.csatAverage,
});

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
  facts: ReportFact[];
  before: ReportFact[];
  messageDays: { day: string; customer: number; agent: number }[];
  local: (ms: number) => LocalTime;
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
  const countBy = (rows: ReportFact[]) => {
    const m = new Map<string, number>();
    for (const f of rows) if (f.category) m.set(f.category, (m.get(f.category) ?? 0) + 1);
    return m;
  };
  const now_ = countBy(facts);
  const was = countBy(input.before);
  const categories = topicsAgainst(now_, was);
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

function breakdownBy(facts: ReportFact[], dim: Dimension, now: Date): BreakdownRow[] {
  const groups = new Map<string, ReportFact[]>();
  for (const f of facts) {
    const k = dimensionValue(f, dim);
    (groups.get(k) ?? groups.set(k, []).get(k)!).push(f);
  }
  return [...groups]
    .map(([key, rows]) => breakdownRow(key, headline(rows, now)))
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
export function inBucket(f: ReportFact, b: Bucket, local: (ms: number) => LocalTime, now: Date): boolean {
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
