import type { ReportFact } from '../../store/repositories/reports';
import {
  breakdownRow,
  daysBetween,
  DIMENSIONS,
  dimensionValue,
  FRT_BINS,
  frtBin,
  owedReply,
  slaNow,
  topicsAgainst,
  type BreakdownRow,
  type Dimension,
  type FrtBin,
  type Headline,
  type Report,
} from './figures';

// Per-day rollups of the facts: pure functions, like figures.ts. A rollup row adds up the facts of the conversations
// begun on one local day — for the whole desk (dim '' and key '') and for each value of each dimension — and the
// messages written that day (whole desk and by channel). Rows are kept by difference: when the refresher replaces a
// conversation's facts, the old facts are taken out of their rows and the new ones put in, so a row is always the sum
// of the facts it counts. A report over a range adds the rows of its days.
//
// Everything in a row is an exact count or sum except the percentiles: durations are kept as histograms with fine
// log-scale bins (see `binOf`), so a median or 90th percentile read from rollups is the mean of the values in the bin
// the rank falls in: within that bin's width (at most 1/64 of the value, 1.6 %) of the exact nearest-rank value, and
// exact when the bin holds a single value. The SLA outcome of a conversation still owed a first reply changes with
// the clock, so rollups count only settled outcomes (met, breached); the few `due` facts are read at report time.

/** A fact as the rollups count it: what a report reads, and the local day and hour it was counted under. */
export type RollupFact = ReportFact & { workspace_id: string; rollup_day: string | null; rollup_hour: number | null };
/** Messages of one conversation written on one local day. */
export interface RollupMsgDay {
  conversation_id: string;
  workspace_id: string;
  day: string;
  channel_id: string;
  customer: number;
  agent: number;
}

/**
 * The bin of a duration in ms: one bin per millisecond below 128 ms, then 64 bins per doubling, each 2^e ms wide for
 * values in [64·2^e, 128·2^e). Integer arithmetic after the first guess, so a value always lands in the same bin.
 */
export function binOf(ms: number): number {
  const v = Math.max(0, Math.floor(ms));
  if (v < 128) return v;
  let e = Math.floor(Math.log2(v)) - 6;
  while (Math.floor(v / 2 ** e) >= 128) e++;
  while (Math.floor(v / 2 ** e) < 64) e--;
  return e * 64 + Math.floor(v / 2 ** e);
}
/** How wide a bin is (ms): the most a percentile read from a histogram can differ from the exact one. */
export const binWidth = (bin: number): number => (bin < 128 ? 1 : 2 ** (Math.floor(bin / 64) - 1));

/** Counts and sums of durations by bin (see `binOf`); sparse, as most rows hold a few values. */
export class Histogram {
  /** bin → [count, sum of values] */
  bins = new Map<number, [number, number]>();
  count = 0;

  add(bin: number, count: number, sum: number) {
    const e = this.bins.get(bin);
    if (e) {
      e[0] += count;
      e[1] += sum;
    } else this.bins.set(bin, [count, sum]);
    this.count += count;
  }
  addValue(ms: number, sign: number) {
    const v = Math.max(0, Math.floor(ms));
    this.add(binOf(v), sign, sign * v);
  }
  /** Adds an encoded histogram ([bin, count, sum, …]). */
  addEncoded(e: number[], sign = 1) {
    for (let i = 0; i < e.length; i += 3) this.add(e[i], sign * e[i + 1], sign * e[i + 2]);
  }
  merge(h: Histogram, sign = 1) {
    for (const [b, [n, s]] of h.bins) this.add(b, sign * n, sign * s);
  }
  isEmpty(): boolean {
    for (const [n, s] of this.bins.values()) if (n || s) return false;
    return true;
  }
  private sorted(): [number, [number, number]][] {
    return [...this.bins].filter(([, [n]]) => n).sort((x, y) => x[0] - y[0]);
  }
  encode(): number[] {
    const out: number[] = [];
    for (const [b, [n, s]] of this.sorted()) out.push(b, n, s);
    return out;
  }
  /** The nearest-rank percentile, as the mean of the values in the bin that rank falls in; null when empty. */
  percentile(p: number): number | null {
    if (this.count <= 0) return null;
    const rank = Math.min(this.count - 1, Math.max(0, Math.ceil((p / 100) * this.count) - 1));
    let seen = 0;
    for (const [, [n, s]] of this.sorted()) {
      seen += n;
      if (seen > rank) return Math.round(s / n);
    }
    return null;
  }
}

const SCALARS = [
  'conversations',
  'answered',
  'owed',
  'replied',
  'publicPosts',
  'publicReplied',
  'slaMet',
  'slaBreached',
  'nextResponses',
  'nextResponseMs',
  'resolved',
  'reopened',
  'escalated',
  'csatCount',
  'csatSum',
  'csatSatisfied',
  'npsCount',
  'npsPromoters',
  'npsDetractors',
  'customerMessages',
  'agentMessages',
] as const;
const ARRAYS = ['frtBins', 'escalatedTo', 'hours'] as const;
const HISTOGRAMS = ['frt', 'frtBusiness', 'resolution', 'handoff'] as const;

/** What a rollup row holds (and what a report adds up from rows). */
export type Tally = Record<(typeof SCALARS)[number], number> & {
  /** Conversations owed a reply and answered, by first-response bin (FRT_BINS order). */
  frtBins: number[];
  /** Conversations by the highest level they were escalated to (index = level). */
  escalatedTo: number[];
  /** New conversations by local hour. */
  hours: number[];
  frt: Histogram;
  frtBusiness: Histogram;
  resolution: Histogram;
  handoff: Histogram;
};

export function emptyTally(): Tally {
  const t = {
    frtBins: Array<number>(FRT_BINS.length).fill(0),
    escalatedTo: [0, 0, 0, 0],
    hours: Array<number>(24).fill(0),
    frt: new Histogram(),
    frtBusiness: new Histogram(),
    resolution: new Histogram(),
    handoff: new Histogram(),
  } as Tally;
  for (const k of SCALARS) t[k] = 0;
  return t;
}

const FRT_BIN_INDEX = new Map<FrtBin, number>(FRT_BINS.map((b, i) => [b.key, i]));

/** Adds (sign 1) or takes out (sign -1) one conversation's facts. */
export function addFact(t: Tally, f: RollupFact, sign: number): void {
  t.conversations += sign;
  const replied = f.first_response_ms != null;
  if (replied) t.answered += sign;
  if (owedReply(f)) {
    t.owed += sign;
    if (f.public) {
      t.publicPosts += sign;
      if (replied) t.publicReplied += sign;
    }
    if (replied) {
      t.replied += sign;
      t.frtBins[FRT_BIN_INDEX.get(frtBin(f))!] += sign;
      t.frt.addValue(Number(f.first_response_ms), sign);
      t.frtBusiness.addValue(Number(f.first_response_business_ms), sign);
    }
  }
  if (f.sla === 'met') t.slaMet += sign;
  else if (f.sla === 'breached') t.slaBreached += sign;
  t.nextResponses += sign * Number(f.next_responses);
  t.nextResponseMs += sign * Number(f.next_response_ms_total);
  if (f.resolution_ms != null) {
    t.resolved += sign;
    t.resolution.addValue(Number(f.resolution_ms), sign);
    if (Number(f.reopens) > 0) t.reopened += sign;
  }
  if (Number(f.escalations) > 0) t.escalated += sign;
  const to = Number(f.escalated_to);
  if (to >= 2) {
    while (t.escalatedTo.length <= to) t.escalatedTo.push(0);
    t.escalatedTo[to] += sign;
  }
  if (f.handoff_ms != null) t.handoff.addValue(Number(f.handoff_ms), sign);
  if (f.csat != null) {
    const v = Number(f.csat);
    t.csatCount += sign;
    t.csatSum += sign * v;
    if (v >= 4) t.csatSatisfied += sign;
  }
  if (f.nps != null) {
    const v = Number(f.nps);
    t.npsCount += sign;
    if (v >= 9) t.npsPromoters += sign;
    else if (v <= 6) t.npsDetractors += sign;
  }
  t.hours[Number(f.rollup_hour)] += sign;
}

interface Encoded {
  [k: string]: number | number[];
}

/** Adds a row's figures (as stored) to a tally. */
export function addEncoded(t: Tally, figures: string | Encoded, sign = 1): Encoded {
  const o: Encoded = typeof figures === 'string' ? (JSON.parse(figures) as Encoded) : figures;
  for (const k of SCALARS) t[k] += sign * ((o[k] as number) ?? 0);
  for (const k of ARRAYS) {
    const a = (o[k] as number[] | undefined) ?? [];
    while (t[k].length < a.length) t[k].push(0);
    for (let i = 0; i < a.length; i++) t[k][i] += sign * a[i];
  }
  for (const k of HISTOGRAMS) t[k].addEncoded((o[k] as number[] | undefined) ?? [], sign);
  return o;
}

export function addTally(t: Tally, o: Tally, sign = 1): void {
  for (const k of SCALARS) t[k] += sign * o[k];
  for (const k of ARRAYS) {
    while (t[k].length < o[k].length) t[k].push(0);
    for (let i = 0; i < o[k].length; i++) t[k][i] += sign * o[k][i];
  }
  for (const k of HISTOGRAMS) t[k].merge(o[k], sign);
}

export function encodeTally(t: Tally): string {
  const o: Encoded = {};
  for (const k of SCALARS) o[k] = t[k];
  for (const k of ARRAYS) o[k] = t[k];
  for (const k of HISTOGRAMS) o[k] = t[k].encode();
  return JSON.stringify(o);
}

/** Nothing counted: a change that cancels out, or a row that no longer counts anything. */
export function isEmptyTally(t: Tally): boolean {
  return (
    SCALARS.every((k) => t[k] === 0) &&
    ARRAYS.every((k) => t[k].every((v) => v === 0)) &&
    HISTOGRAMS.every((k) => t[k].isEmpty())
  );
}

export interface RollupKey {
  workspace_id: string;
  /** '' for the whole desk, `channel:<id>` or `level:<n>` for one channel's or level's conversations. */
  scope: string;
  day: string;
  dim: string;
  key: string;
}
export type RollupChange = RollupKey & { tally: Tally };
const keyOf = (k: RollupKey) => `${k.workspace_id}\u0000${k.scope}\u0000${k.day}\u0000${k.dim}\u0000${k.key}`;
/** The scopes a conversation is counted in: the whole desk, its channel and its level (the report page's filters). */
export const scopesOf = (f: Pick<ReportFact, 'channel_id' | 'level'>) => [
  '',
  `channel:${f.channel_id}`,
  `level:${Number(f.level)}`,
];

/**
 * What replacing some conversations' facts and message days changes in the rollups. `removed` are the rows taken out
 * (only facts counted in the rollups, and the message days of those conversations, are taken out of them); `added`
 * the rows put in. Changes that cancel out (a conversation recomputed to the same figures) are left out.
 */
export function rollupChanges(
  removed: { facts: RollupFact[]; days: RollupMsgDay[] },
  added: { facts: RollupFact[]; days: RollupMsgDay[] },
): RollupChange[] {
  const changes = new Map<string, RollupChange>();
  const at = (k: RollupKey) => {
    const id = keyOf(k);
    let c = changes.get(id);
    if (!c) changes.set(id, (c = { ...k, tally: emptyTally() }));
    return c.tally;
  };
  const fact = (f: RollupFact, sign: number) => {
    const { workspace_id } = f;
    const day = f.rollup_day!;
    for (const scope of scopesOf(f)) {
      addFact(at({ workspace_id, scope, day, dim: '', key: '' }), f, sign);
      for (const dim of DIMENSIONS)
        addFact(at({ workspace_id, scope, day, dim, key: dimensionValue(f, dim) }), f, sign);
    }
  };
  // Messages per day are kept for the whole desk and by channel, as the facts report reads them.
  const messages = (d: RollupMsgDay, sign: number) => {
    for (const scope of ['', `channel:${d.channel_id}`]) {
      const t = at({ workspace_id: d.workspace_id, scope, day: d.day, dim: '', key: '' });
      t.customerMessages += sign * Number(d.customer);
      t.agentMessages += sign * Number(d.agent);
    }
  };
  const counted = new Set<string>();
  for (const f of removed.facts)
    if (f.rollup_day != null) {
      counted.add(f.conversation_id);
      fact(f, -1);
    }
  // A conversation's facts and message days are written together: its message days are counted iff its facts were.
  for (const d of removed.days) if (counted.has(d.conversation_id)) messages(d, -1);
  for (const f of added.facts) fact(f, 1);
  for (const d of added.days) messages(d, 1);
  return [...changes.values()].filter((c) => !isEmptyTally(c.tally));
}

/** The rows to write once changes are added to the stored rows (`stored`: key → figures); empty rows are deleted. */
export function applyRollupChanges(
  stored: Map<string, string>,
  changes: RollupChange[],
): { write: (RollupKey & { figures: string })[]; remove: RollupKey[] } {
  const write: (RollupKey & { figures: string })[] = [];
  const remove: RollupKey[] = [];
  for (const c of changes) {
    const t = emptyTally();
    const before = stored.get(keyOf(c));
    if (before) addEncoded(t, before);
    addTally(t, c.tally);
    const { workspace_id, scope, day, dim, key } = c;
    if (isEmptyTally(t)) remove.push({ workspace_id, scope, day, dim, key });
    else write.push({ workspace_id, scope, day, dim, key, figures: encodeTally(t) });
  }
  return { write, remove };
}
export const rollupKeyOf = keyOf;

const share = (n: number, of: number) => (of ? n / of : null);

/** The key figures of a tally (`headline` in figures.ts, from rollups). */
export function headlineOf(t: Tally): Headline {
  const [lt5m, to15m, to60m] = t.frtBins;
  return {
    conversations: t.conversations,
    owed: t.owed,
    replied: t.replied,
    responseRate: share(t.replied, t.owed),
    publicPosts: t.publicPosts,
    publicReplied: t.publicReplied,
    publicResponseRate: share(t.publicReplied, t.publicPosts),
    within5m: share(lt5m, t.owed),
    within1h: share(lt5m + to15m + to60m, t.owed),
    frtMedianMs: t.frt.percentile(50),
    frtP90Ms: t.frt.percentile(90),
    frtBusinessMedianMs: t.frtBusiness.percentile(50),
    frtBusinessP90Ms: t.frtBusiness.percentile(90),
    slaMet: t.slaMet,
    slaBreached: t.slaBreached,
    slaAttainment: share(t.slaMet, t.slaMet + t.slaBreached),
    nextResponseMeanMs: t.nextResponses ? t.nextResponseMs / t.nextResponses : null,
    resolved: t.resolved,
    resolutionMedianMs: t.resolution.percentile(50),
    resolutionP90Ms: t.resolution.percentile(90),
    reopenRate: share(t.reopened, t.resolved),
    escalations: t.escalated,
    handoffMedianMs: t.handoff.percentile(50),
    csatResponses: t.csatCount,
    csatAverage: t.csatCount ? t.csatSum / t.csatCount : null,
    csatSatisfied: share(t.csatSatisfied, t.csatCount),
    npsResponses: t.npsCount,
    nps: share(t.npsPromoters - t.npsDetractors, t.npsCount),
  };
}

/** The weekday (0 = Sunday) of a calendar day. */
const weekdayOf = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

/**
 * The report (`buildReport` in figures.ts) from one scope's rollup rows of the range and of the previous period, and
 * that scope's facts of both periods whose SLA outcome was still open when computed (`due`). Without `messagesByDay`
 * (a level's scope) the days say no messages, as the facts report does.
 */
export function buildRollupReport(input: {
  from: string;
  to: string;
  previous: { from: string; to: string };
  timeZone: string;
  pending: number;
  fromDay: string;
  toDay: string;
  previousFromDay: string;
  rows: { day: string; dim: string; key: string; figures: string }[];
  due: ReportFact[];
  messagesByDay: boolean;
  now: Date;
}): Report {
  const current = new Map<string, Tally>();
  const before = new Map<string, Tally>();
  const group = (m: Map<string, Tally>, dim: string, key: string) => {
    const id = `${dim}\u0000${key}`;
    let t = m.get(id);
    if (!t) m.set(id, (t = emptyTally()));
    return t;
  };
  const days = new Map(
    daysBetween(input.fromDay, input.toDay).map((d) => [
      d,
      { day: d, conversations: 0, replied: 0, customerMessages: 0, agentMessages: 0 },
    ]),
  );
  const heatmap = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
  for (const r of input.rows) {
    if (r.day > input.toDay || r.day < input.previousFromDay) continue;
    if (r.day >= input.fromDay) {
      const o = addEncoded(group(current, r.dim, r.key), r.figures);
      if (r.dim === '') {
        const d = days.get(r.day)!;
        d.conversations += o.conversations as number;
        d.replied += o.answered as number;
        if (input.messagesByDay) {
          d.customerMessages += o.customerMessages as number;
          d.agentMessages += o.agentMessages as number;
        }
        const row = heatmap[weekdayOf(r.day)];
        (o.hours as number[]).forEach((n, h) => (row[h] += n));
      }
    } else if (r.dim === '' || r.dim === 'category') addEncoded(group(before, r.dim, r.key), r.figures);
  }

  // Outcomes still open when the facts were computed, as they stand now.
  const sla = new Map([1, 2, 3].map((l) => [l, { level: l, met: 0, breached: 0, due: 0 }]));
  for (const f of input.due) {
    const s = slaNow(f, input.now);
    const isCurrent = f.created_at >= input.from;
    if (isCurrent) {
      const row = sla.get(Math.min(3, Number(f.level)));
      if (row && s === 'due') row.due++;
    }
    if (s !== 'breached') continue;
    group(isCurrent ? current : before, '', '').slaBreached++;
    if (isCurrent) for (const dim of DIMENSIONS) group(current, dim, dimensionValue(f, dim)).slaBreached++;
  }

  const all = group(current, '', '');
  const breakdown = Object.fromEntries(DIMENSIONS.map((d) => [d, [] as BreakdownRow[]])) as Record<
    Dimension,
    BreakdownRow[]
  >;
  for (const [id, t] of current) {
    const [dim, key] = id.split('\u0000') as [Dimension | '', string];
    if (dim === '' || t.conversations <= 0) continue;
    breakdown[dim].push(breakdownRow(key, headlineOf(t)));
    if (dim === 'level') {
      const row = sla.get(Math.min(3, Number(key)));
      if (row) {
        row.met += t.slaMet;
        row.breached += t.slaBreached;
      }
    }
  }
  for (const d of DIMENSIONS)
    breakdown[d].sort((a, b) => b.conversations - a.conversations || a.key.localeCompare(b.key));

  const categoryCounts = (m: Map<string, Tally>) => {
    const out = new Map<string, number>();
    for (const [id, t] of m) {
      const [dim, key] = id.split('\u0000');
      if (dim === 'category' && key && t.conversations > 0) out.set(key, t.conversations);
    }
    return out;
  };
  const now_ = categoryCounts(current);
  const was = categoryCounts(before);
  const categories = topicsAgainst(now_, was);

  const escalated = [2, 3].map((level) => ({ level, conversations: all.escalatedTo[level] ?? 0 }));
  for (let level = 4; level < all.escalatedTo.length; level++)
    if (all.escalatedTo[level]) escalated.push({ level, conversations: all.escalatedTo[level] });

  return {
    from: input.from,
    to: input.to,
    previous: input.previous,
    timeZone: input.timeZone,
    pending: input.pending,
    current: headlineOf(all),
    before: headlineOf(group(before, '', '')),
    days: [...days.values()],
    heatmap,
    frtDistribution: [
      ...FRT_BINS.map((b, i) => ({ bin: b.key as FrtBin, conversations: all.frtBins[i] })),
      { bin: 'none' as const, conversations: all.owed - all.replied },
    ],
    slaByLevel: [...sla.values()],
    escalationsByLevel: escalated,
    breakdown,
    categories,
  };
}

/** Report figures a rollup reads from histograms (percentiles), by where they are in a report. */
export const HISTOGRAM_FIGURES = {
  headline: [
    'frtMedianMs',
    'frtP90Ms',
    'frtBusinessMedianMs',
    'frtBusinessP90Ms',
    'resolutionMedianMs',
    'resolutionP90Ms',
    'handoffMedianMs',
  ],
  breakdown: ['frtMedianMs', 'resolutionMedianMs'],
} as const;

/**
 * Where a report read from rollups differs from the exact one: every figure must be equal, except percentiles, which
 * may differ by at most the width of the histogram bin the exact value falls in (1/64 of it, or 1 ms below 128 ms).
 * Returns the paths of the figures that differ more (empty when the reports agree).
 */
export function rollupDifferences(approx: unknown, exact: unknown): string[] {
  const out: string[] = [];
  const near = (a: unknown, e: unknown) =>
    a === e || (typeof a === 'number' && typeof e === 'number' && Math.abs(a - e) <= binWidth(binOf(e)));
  const approximateAt = (path: string): readonly string[] =>
    /^\.(current|before)$/.test(path)
      ? HISTOGRAM_FIGURES.headline
      : /^\.breakdown\.[a-z]+\.\d+$/.test(path)
        ? HISTOGRAM_FIGURES.breakdown
        : [];
  const walk = (a: unknown, e: unknown, path: string) => {
    if (a === null || e === null || typeof a !== 'object' || typeof e !== 'object') {
      if (a !== e) out.push(path);
      return;
    }
    const approximate = approximateAt(path);
    for (const k of new Set([...Object.keys(a), ...Object.keys(e)])) {
      const av = (a as Record<string, unknown>)[k];
      const ev = (e as Record<string, unknown>)[k];
      if (approximate.includes(k)) {
        if (!near(av, ev)) out.push(`${path}.${k}`);
      } else walk(av, ev, `${path}.${k}`);
    }
  };
  walk(approx, exact, '');
  return out;
}
