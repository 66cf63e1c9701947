import { MAX_REPORT_DAYS, type DrillDownView, type ReportView } from '../../contracts/reports';
import { invalid } from '../../domain/errors';
import { agents, channels, conversations, reports, teams, type Db } from '../../store/repositories';
import type { FactFilter, FactRow, ReportFact } from '../../store/repositories/reports';
import { deskSettings } from '../settings';
import { slaOfItem } from '../sla-view';
import { factsOf, localDays } from './facts';
import { buildReport, DIMENSIONS, inBucket, type Bucket, type Dimension, type FrtBin, type Report } from './figures';
import { buildRollupReport } from './rollups';

/** Share of posts to brands that get any answer at all, found by an industry study; shown beside Koe's own rate. */
export const INDUSTRY_RESPONSE_RATE = 0.14;

export interface ReportRange {
  from?: string;
  to?: string;
  channel?: string;
  level?: number;
  category?: string;
  sentiment?: string;
  team?: string;
  agent?: string;
}

/** The instant a local day (YYYY-MM-DD) begins in a time zone (its first instant where midnight is skipped). */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const local = localDays(timeZone);
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  // The wall-clock time an instant shows there, read as if it were UTC; the difference is the zone's offset.
  const wall = (ms: number) => {
    const p = local(ms);
    return Date.parse(`${p.day}T00:00:00Z`) + p.hour * 3_600_000 + p.minute * 60_000 + (ms % 60_000);
  };
  let at = utcMidnight;
  for (let i = 0; i < 3; i++) at = utcMidnight - (wall(at) - at);
  // Where the clock jumps over midnight the day starts later; where it falls back over it, earlier.
  for (let i = 0; i < 8 && local(at).day < day; i++) at += 900_000;
  for (let i = 0; i < 8 && local(at - 900_000).day === day; i++) at -= 900_000;
  return new Date(at);
}

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The desk's time zone and the query's range in it (every report, drill-down and export starts here). */
async function deskRange(db: Db, workspaceId: string, q: ReportRange, now: Date) {
  const settings = await deskSettings.get(db, workspaceId);
  const timeZone = settings.businessHours.timeZone;
  return { settings, timeZone, r: resolveRange(q, timeZone, now) };
}

/** The range as instants, and the same length just before it. */
export function resolveRange(q: ReportRange, timeZone: string, now: Date) {
  const today = localDays(timeZone)(now.getTime()).day;
  const toDay = q.to ?? today;
  const fromDay = q.from ?? addDays(toDay, -29);
  const from = startOfLocalDay(fromDay, timeZone).toISOString();
  const to = startOfLocalDay(addDays(toDay, 1), timeZone).toISOString();
  const span = Math.round((Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / 86_400_000) + 1;
  if (span < 1) throw invalid('from', 'must not be after to');
  if (span > MAX_REPORT_DAYS) throw invalid('from', `a report covers at most ${MAX_REPORT_DAYS} days`);
  const previous = {
    from: startOfLocalDay(addDays(fromDay, -span), timeZone).toISOString(),
    to: from,
  };
  return { fromDay, toDay, from, to, previous };
}

const filterOf = (q: ReportRange): FactFilter => ({
  channelId: q.channel,
  level: q.level,
  category: q.category,
  sentiment: q.sentiment,
  teamId: q.team,
  agentId: q.agent,
});

/**
 * The rollup scope a report reads (see migration 021): the whole desk, one channel or one level — the report page's
 * filters; null for any other filter or a channel and a level together, which read the facts.
 */
function rollupScope(q: ReportRange): string | null {
  const others = [q.category, q.sentiment, q.team, q.agent].some((v) => v !== undefined);
  if (others || (q.channel !== undefined && q.level !== undefined)) return null;
  if (q.channel !== undefined) return q.channel ? `channel:${q.channel}` : null;
  if (q.level !== undefined) return `level:${q.level}`;
  return '';
}

/** Messages per day are kept by channel only: any other filter leaves them out. */
const messagesKeptBy = (q: ReportRange) =>
  [q.level, q.category, q.sentiment, q.team, q.agent].every((v) => v === undefined);

/** Names for the keys of each breakdown (channels, teams, agents); levels, categories and sentiments stay keys. */
async function namesOf(db: Db, workspaceId: string) {
  const [chs, tms, ags] = await Promise.all([
    channels.names(db, workspaceId),
    teams.list(db, workspaceId),
    agents.list(db, workspaceId),
  ]);
  const names: Partial<Record<Dimension, Map<string, string>>> = {
    // A removed channel keeps its name (its conversations are still counted), never its id.
    channel: new Map(chs.map((c) => [c.id, c.removed ? `${c.name} (削除済み / removed)` : c.name])),
    team: new Map(tms.map((t) => [t.id, t.name])),
    agent: new Map(ags.map((a) => [a.id, a.displayName || a.name])),
  };
  // A team or agent deleted since is named as such rather than by an id.
  const gone: Partial<Record<Dimension, string>> = { team: '(削除済み / removed)', agent: '(削除済み / removed)' };
  return (d: Dimension, key: string) => names[d]?.get(key) ?? (key && gone[d] ? gone[d] : key);
}

/**
 * The report from stored figures (what the page and API read). Over the whole desk, one channel or one level it adds
 * up the per-day rollups (percentiles from histograms, see rollups.ts); narrowed by any other filter, or while some
 * facts are not in the rollups yet (after an upgrade), it reads the facts of the range (exact).
 */
export async function buildDeskReport(
  db: Db,
  workspaceId: string,
  q: ReportRange,
  now = new Date(),
): Promise<ReportView> {
  const { timeZone, r } = await deskRange(db, workspaceId, q, now);
  const scope = rollupScope(q);
  if (scope !== null && !(await reports.unrolled(db, workspaceId))) {
    const previousFromDay = localDays(timeZone)(Date.parse(r.previous.from)).day;
    const [rows, due, pending, name] = await Promise.all([
      reports.rollups(db, workspaceId, scope, previousFromDay, r.toDay),
      reports.dueFacts(db, workspaceId),
      reports.staleCount(db, workspaceId),
      namesOf(db, workspaceId),
    ]);
    const inScope = (f: ReportFact) =>
      (q.channel === undefined || f.channel_id === q.channel) && (q.level === undefined || Number(f.level) === q.level);
    const report = buildRollupReport({
      from: r.from,
      to: r.to,
      previous: r.previous,
      timeZone,
      pending,
      fromDay: r.fromDay,
      toDay: r.toDay,
      previousFromDay,
      rows,
      due: due.filter((f) => inScope(f) && f.created_at >= r.previous.from && f.created_at < r.to),
      messagesByDay: messagesKeptBy(q),
      now,
    });
    return decorate(report, r, messagesKeptBy(q), name);
  }
  return factsReport(db, workspaceId, q, now, timeZone, r);
}

/**
 * The report from the facts of the range (exact percentiles): for a filter, and for a workspace whose facts are not
 * all in the rollups yet. Over the whole desk it was the only path before the rollups; the bench times it too.
 */
export async function buildFactsReport(
  db: Db,
  workspaceId: string,
  q: ReportRange,
  now = new Date(),
): Promise<ReportView> {
  const { timeZone, r } = await deskRange(db, workspaceId, q, now);
  return factsReport(db, workspaceId, q, now, timeZone, r);
}

async function factsReport(
  db: Db,
  workspaceId: string,
  q: ReportRange,
  now: Date,
  timeZone: string,
  r: ReturnType<typeof resolveRange>,
): Promise<ReportView> {
  const filter = filterOf(q);
  const messagesByDay = messagesKeptBy(q);
  const [facts, before, messageDays, pending, name] = await Promise.all([
    reports.facts(db, workspaceId, r.from, r.to, filter),
    reports.facts(db, workspaceId, r.previous.from, r.previous.to, filter),
    messagesByDay ? reports.messageDays(db, workspaceId, r.fromDay, r.toDay, q.channel) : Promise.resolve([]),
    reports.staleCount(db, workspaceId),
    namesOf(db, workspaceId),
  ]);
  return assemble({ facts, before, messageDays, pending, r, timeZone, now, messagesByDay, name });
}

/**
 * The same report computed from the raw tables — every conversation's facts derived from its messages, escalations
 * and settings at request time. The bench's baseline (and a check that stored facts say what the raw data says).
 */
export async function buildNaiveReport(
  db: Db,
  workspaceId: string,
  q: ReportRange,
  now = new Date(),
): Promise<ReportView> {
  const { timeZone, r } = await deskRange(db, workspaceId, q, now);
  const derive = async (from: string, to: string) => {
    const { facts, days } = await factsOf(db, await reports.conversationIdsCreated(db, workspaceId, from, to), now);
    const f = filterOf(q);
    const keep = (x: FactRow) =>
      (f.channelId === undefined || x.channel_id === f.channelId) &&
      (f.level === undefined || Number(x.level) === f.level) &&
      (f.category === undefined || x.category === f.category) &&
      (f.sentiment === undefined || x.sentiment === f.sentiment) &&
      (f.teamId === undefined || x.team_id === f.teamId) &&
      (f.agentId === undefined || x.agent_id === f.agentId);
    return { facts: (facts as FactRow[]).filter(keep), days };
  };
  const messagesByDay = messagesKeptBy(q);
  const cur = await derive(r.from, r.to);
  const prev = await derive(r.previous.from, r.previous.to);
  // Messages per day by the day they were written, whichever day their conversation began.
  const local = localDays(timeZone);
  const byDay = new Map<string, { day: string; customer: number; agent: number }>();
  for (const m of await reports.messagesWritten(db, workspaceId, r.from, r.to)) {
    if (q.channel && m.channel_id !== q.channel) continue;
    const isCustomer = m.kind === 'customer';
    if (!isCustomer && m.author_type !== 'agent') continue;
    const day = local(Date.parse(m.created_at)).day;
    const e = byDay.get(day) ?? byDay.set(day, { day, customer: 0, agent: 0 }).get(day)!;
    if (isCustomer) e.customer++;
    else e.agent++;
  }
  const name = await namesOf(db, workspaceId);
  const sorted = (f: FactRow[]) => f.sort((a, b) => a.created_at.localeCompare(b.created_at));
  return assemble({
    facts: sorted(cur.facts),
    before: sorted(prev.facts),
    messageDays: messagesByDay ? [...byDay.values()] : [],
    pending: 0,
    r,
    timeZone,
    now,
    messagesByDay,
    name,
  });
}

function assemble(a: {
  facts: ReportFact[];
  before: ReportFact[];
  messageDays: { day: string; customer: number; agent: number }[];
  pending: number;
  r: ReturnType<typeof resolveRange>;
  timeZone: string;
  now: Date;
  messagesByDay: boolean;
  name: (d: Dimension, key: string) => string;
}): ReportView {
  const report = buildReport({
    from: a.r.from,
    to: a.r.to,
    previous: a.r.previous,
    timeZone: a.timeZone,
    pending: a.pending,
    facts: a.facts,
    before: a.before,
    messageDays: a.messageDays,
    local: localDays(a.timeZone),
    now: a.now,
  });
  return decorate(report, a.r, a.messagesByDay, a.name);
}

/** A report as the API gives it: its days, the industry baseline and the names of the breakdowns' keys. */
function decorate(
  report: Report,
  r: ReturnType<typeof resolveRange>,
  messagesByDay: boolean,
  name: (d: Dimension, key: string) => string,
): ReportView {
  return {
    ...report,
    fromDay: r.fromDay,
    toDay: r.toDay,
    industryResponseRate: INDUSTRY_RESPONSE_RATE,
    messagesByDay,
    breakdown: Object.fromEntries(
      DIMENSIONS.map((d) => [d, report.breakdown[d].map((row) => ({ ...row, name: name(d, row.key) }))]),
    ) as ReportView['breakdown'],
  };
}

/** A drill-down cell as written in the query (`frt=5to15m`, `hour=1-9`, `team=<id>` …). */
export function parseCell(cell: string): Bucket | null {
  const [kind, value = ''] = cell.split(/=(.*)/s, 2) as [string, string?];
  switch (kind) {
    case 'all':
      return { kind: 'all' };
    case 'day':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) ? { kind: 'day', day: value } : null;
    case 'hour': {
      const m = /^([0-6])-(\d{1,2})$/.exec(value);
      return m && Number(m[2]) < 24 ? { kind: 'hour', weekday: Number(m[1]), hour: Number(m[2]) } : null;
    }
    case 'frt':
      return ['lt5m', '5to15m', '15to60m', '1to4h', '4to24h', 'gt24h', 'none'].includes(value)
        ? { kind: 'frt', bin: value as FrtBin }
        : null;
    case 'sla': {
      const m = /^([1-3])-(met|breached|due)$/.exec(value);
      return m ? { kind: 'sla', level: Number(m[1]), outcome: m[2] as 'met' | 'breached' | 'due' } : null;
    }
    case 'escalated':
      return /^[2-3]$/.test(value) ? { kind: 'escalated', level: Number(value) } : null;
    case 'category':
      return { kind: 'category', category: value };
    default:
      return (DIMENSIONS as readonly string[]).includes(kind)
        ? { kind: 'dimension', dimension: kind as Dimension, value }
        : null;
  }
}

/** The conversations behind one cell of a chart, newest first. */
export async function drillDown(
  db: Db,
  workspaceId: string,
  q: ReportRange,
  bucket: Bucket,
  limit: number,
  now = new Date(),
): Promise<DrillDownView> {
  const { settings, timeZone, r } = await deskRange(db, workspaceId, q, now);
  const local = localDays(timeZone);
  const facts = (await reports.facts(db, workspaceId, r.from, r.to, filterOf(q))).filter((f) =>
    inBucket(f, bucket, local, now),
  );
  const newest = facts.slice(-limit).reverse();
  const items = await conversations.items(
    db,
    workspaceId,
    newest.map((f) => f.conversation_id),
  );
  const byId = new Map(items.map((i) => [i.id, i]));
  return {
    total: facts.length,
    items: newest.flatMap((f) => {
      const item = byId.get(f.conversation_id);
      if (!item) return [];
      const firstResponseMs = f.first_response_ms == null ? null : Number(f.first_response_ms);
      return [{ ...item, sla: slaOfItem(item, settings, now), firstResponseMs }];
    }),
  };
}

/** Every conversation of the range with its figures, for the CSV export (one row each, oldest first). */
export async function exportRows(db: Db, workspaceId: string, q: ReportRange, now = new Date()) {
  const { timeZone, r } = await deskRange(db, workspaceId, q, now);
  const [facts, name] = await Promise.all([
    reports.allFacts(db, workspaceId, r.from, r.to, filterOf(q)),
    namesOf(db, workspaceId),
  ]);
  return { facts, name, timeZone };
}
