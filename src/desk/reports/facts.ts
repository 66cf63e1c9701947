import type { Insertable } from 'kysely';
import { addBusinessMs, businessMsBetween, hasOpeningHours, type BusinessCalendar } from '../../routing/business-hours';
import { reports, type Db } from '../../store/repositories';
import type { FactSource } from '../../store/repositories/reports';
import { parseJson } from '../../store/repositories/types';
import type { ConversationFactTable, ConversationMsgDayTable } from '../../store/schema';
import { deskSettings, type DeskSettings } from '../settings';
import { slaPolicy } from '../sla';
import type { LocalTime } from './figures';
import { applyRollupChanges, rollupChanges, rollupKeyOf, type RollupFact, type RollupMsgDay } from './rollups';

export type Fact = Insertable<ConversationFactTable>;
export type MsgDay = Insertable<ConversationMsgDayTable>;

/**
 * The local calendar day (YYYY-MM-DD), weekday and hour of an instant in a time zone. Each quarter hour is looked up
 * once per process and zone, so millions of timestamps cost a few thousand Intl calls.
 */
export function localDays(timeZone: string): (ms: number) => LocalTime {
  let f = LOCAL_DAYS.get(timeZone);
  if (!f) {
    if (LOCAL_DAYS.size > 100) LOCAL_DAYS.clear();
    LOCAL_DAYS.set(timeZone, (f = newLocalDays(timeZone)));
  }
  return f;
}
const LOCAL_DAYS = new Map<string, (ms: number) => LocalTime>();

function newLocalDays(timeZone: string) {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
  });
  const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
  const cache = new Map<number, LocalTime>();
  return (ms: number): LocalTime => {
    // Every zone in use today is offset from UTC by whole quarter hours: within a UTC quarter hour the local day,
    // weekday and hour stay those of its start, and the local minute moves with the instant.
    const quarter = Math.floor(ms / 900_000);
    let v = cache.get(quarter);
    if (!v) {
      const p = Object.fromEntries(format.formatToParts(new Date(quarter * 900_000)).map((x) => [x.type, x.value]));
      v = {
        day: `${p.year}-${p.month}-${p.day}`,
        weekday: WEEKDAYS[p.weekday] ?? 0,
        hour: Number(p.hour) % 24,
        minute: Number(p.minute),
      };
      if (cache.size > 50_000) cache.clear();
      cache.set(quarter, v);
    }
    const extra = Math.floor((ms - quarter * 900_000) / 60_000);
    return extra ? { ...v, minute: v.minute + extra } : v;
  };
}

const ms = (iso: string) => Date.parse(iso);

/** The facts of one conversation: its dimensions and figures, from its messages, escalations and the desk's SLA. */
export function computeFacts(
  s: FactSource,
  settings: DeskSettings,
  now: Date,
  local: ReturnType<typeof localDays>,
): { fact: Fact; days: MsgDay[] } {
  const c = s.conversation;
  const created = ms(c.created_at);
  const calendar = settings.businessHours as BusinessCalendar;
  const businessOpen = hasOpeningHours(calendar);
  const customer = s.messages.filter((m) => m.kind === 'customer');
  const replies = s.messages.filter((m) => m.kind === 'reply' && m.author_type === 'agent');
  const firstAt = c.first_response_at ? ms(c.first_response_at) : null;
  const frt = firstAt === null ? null : Math.max(0, firstAt - created);
  const frtBusiness =
    firstAt === null ? null : businessOpen ? businessMsBetween(calendar, new Date(created), new Date(firstAt)) : frt;

  // The first-response SLA, on the clock the desk's policy for this level uses.
  const policy = slaPolicy(c, settings);
  const target = policy ? policy.firstResponseMins * 60_000 : null;
  let sla = 'none';
  let dueAt: string | null = null;
  if (policy && target !== null) {
    const clock = policy.businessHours ? frtBusiness : frt;
    if (clock !== null) sla = clock <= target ? 'met' : 'breached';
    else {
      const due = policy.businessHours
        ? addBusinessMs(policy.businessHours, new Date(created), target).getTime()
        : created + target;
      if (c.status === 'open' || c.status === 'pending') {
        dueAt = new Date(due).toISOString();
        sla = due <= now.getTime() ? 'breached' : 'due';
      } else if (c.resolved_at && due <= ms(c.resolved_at)) sla = 'breached'; // closed unanswered after its deadline
    }
  }

  // Next responses: after the first reply, each customer message that found the desk not waiting starts a clock that
  // the next agent reply stops.
  let nextCount = 0;
  let nextTotal = 0;
  let waitingFrom: number | null = null;
  let answered = false;
  for (const m of s.messages) {
    const at = ms(m.created_at);
    if (m.kind === 'customer') {
      if (answered && waitingFrom === null) waitingFrom = at;
    } else if (m.author_type === 'agent') {
      if (answered && waitingFrom !== null) {
        nextCount++;
        nextTotal += Math.max(0, at - waitingFrom);
      }
      answered = true;
      waitingFrom = null;
    }
  }

  const firstCustomer = customer[0];
  const visibility = parseJson<{ visibility?: string }>(firstCustomer?.meta ?? null, {}).visibility;
  const firstEscalation = s.escalations[0];
  const resolved = (c.status === 'resolved' || c.status === 'closed') && c.resolved_at;
  const begun = local(created);
  const fact: Fact = {
    conversation_id: c.id,
    workspace_id: c.workspace_id,
    created_at: c.created_at,
    channel_id: c.channel_id,
    channel_kind: c.channel_kind,
    level: c.level,
    category: parseJson<string[]>(c.categories, [])[0] ?? '',
    sentiment: c.sentiment ?? '',
    team_id: c.team_id ?? '',
    agent_id: c.assignee_id ?? '',
    flag: c.flag ?? '',
    status: c.status,
    public: visibility === 'public' ? 1 : 0,
    customer_messages: customer.length,
    agent_replies: replies.length,
    first_response_ms: frt,
    first_response_business_ms: frtBusiness,
    sla_target_ms: target,
    sla,
    sla_due_at: dueAt,
    next_responses: nextCount,
    next_response_ms_total: nextTotal,
    resolution_ms: resolved ? Math.max(0, ms(c.resolved_at!) - created) : null,
    reopens: s.reopens,
    escalated_to: s.escalations.reduce((m, e) => Math.max(m, e.to_level), 0),
    escalations: s.escalations.length,
    handoff_ms:
      firstEscalation?.accepted_at != null
        ? Math.max(0, ms(firstEscalation.accepted_at) - ms(firstEscalation.created_at))
        : null,
    computed_at: now.toISOString(),
    csat: s.scores.csat,
    nps: s.scores.nps,
    rollup_day: begun.day,
    rollup_hour: begun.hour,
  };

  const days = new Map<string, MsgDay>();
  for (const m of s.messages) {
    const isCustomer = m.kind === 'customer';
    if (!isCustomer && m.author_type !== 'agent') continue;
    const day = local(ms(m.created_at)).day;
    const d =
      days.get(day) ??
      days
        .set(day, {
          conversation_id: c.id,
          day,
          workspace_id: c.workspace_id,
          channel_id: c.channel_id,
          customer: 0,
          agent: 0,
        })
        .get(day)!;
    if (isCustomer) d.customer = Number(d.customer) + 1;
    else d.agent = Number(d.agent) + 1;
  }
  return { fact, days: [...days.values()] };
}

/** The desk settings and local-day function of each workspace, read once per refresh round. */
function settingsCache(db: Db) {
  const cache = new Map<string, Promise<{ settings: DeskSettings; local: ReturnType<typeof localDays> }>>();
  return (workspaceId: string) => {
    let v = cache.get(workspaceId);
    if (!v) {
      v = deskSettings.get(db, workspaceId).then((settings) => ({
        settings,
        local: localDays(settings.businessHours.timeZone),
      }));
      cache.set(workspaceId, v);
    }
    return v;
  };
}

/** Computes facts for conversations given by id (no writes): the naive report's path, and the refresher's. */
export async function factsOf(db: Db, ids: string[], now = new Date()) {
  const settingsOf = settingsCache(db);
  const facts: Fact[] = [];
  const days: MsgDay[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    for (const src of await reports.factSources(db, ids.slice(i, i + 500))) {
      const { settings, local } = await settingsOf(src.conversation.workspace_id);
      const r = computeFacts(src, settings, now, local);
      facts.push(r.fact);
      days.push(...r.days);
    }
  }
  return { facts, days };
}

/**
 * One refresh round: recomputes the facts of up to `limit` conversations marked stale, moves them in the per-day
 * rollups (the old facts out, the new ones in, in the same transaction) and clears their marks. Returns how many were
 * refreshed (0 when nothing was stale). Safe in several processes at once: two rounds that pick the same
 * conversation write the same facts, and only one of them changes the rollups (see `reports.replaceFacts`).
 */
export async function refreshReportFacts(db: Db, limit = 1000, now = new Date()): Promise<number> {
  await reports.markOverdue(db, now.toISOString());
  const stale = await reports.stale(db, limit);
  if (!stale.length) return 0;
  const ids = stale.map((s) => s.conversation_id);
  const { facts, days } = await factsOf(db, ids, now);
  await db.transaction().execute(async (tx) => {
    const removed = await reports.replaceFacts(tx, ids, facts, days);
    const changes = rollupChanges(removed, { facts: facts as RollupFact[], days: days as RollupMsgDay[] });
    if (!changes.length) return;
    const workspaces = [...new Set(changes.map((c) => c.workspace_id))];
    await reports.lockRollups(tx, workspaces);
    const stored = new Map<string, string>();
    for (const w of workspaces) {
      const touched = [...new Set(changes.filter((c) => c.workspace_id === w).map((c) => c.day))];
      for (const r of await reports.rollupsOfDays(tx, w, touched)) stored.set(rollupKeyOf(r), r.figures);
    }
    const { write, remove } = applyRollupChanges(stored, changes);
    await reports.saveRollups(tx, write, remove);
  });
  await reports.clearStale(
    db,
    stale.map((s) => ({ conversation_id: s.conversation_id, version: Number(s.version) })),
  );
  return stale.length;
}
