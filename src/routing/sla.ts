// SLA clocks for a conversation, computed only from stored timestamps so any
// process (web, worker, after a restart) gets the same answer. Timers are jobs
// scheduled at `nextSlaCheckAt`, never in-memory timeouts alone.
import type { ConversationStatus } from '../domain/conversation-status';
import { addBusinessMs, businessMsBetween, type BusinessCalendar } from './business-hours';

export interface SlaPolicy {
  firstResponseMins: number;
  nextResponseMins: number;
  resolutionMins: number;
  /** Fraction of a target after which the conversation is in warning. Default 0.8. */
  warnAtFraction?: number;
  /** Count only business time; null/undefined means around the clock. */
  businessHours?: BusinessCalendar | null;
}

/** Defaults from the brief: L3 answered within 5 minutes, L2 30, L1 60. */
export const DEFAULT_SLA_POLICIES: Readonly<Record<1 | 2 | 3, SlaPolicy>> = {
  3: { firstResponseMins: 5, nextResponseMins: 15, resolutionMins: 4 * 60 },
  2: { firstResponseMins: 30, nextResponseMins: 60, resolutionMins: 24 * 60 },
  1: { firstResponseMins: 60, nextResponseMins: 4 * 60, resolutionMins: 72 * 60 },
};

/** A workspace override: the first rule whose level and minimum priority match wins. */
export interface SlaPolicyRule {
  level?: 1 | 2 | 3;
  minPriority?: number;
  policy: SlaPolicy;
}

/** The policy for a conversation; level 0 (nothing to answer) has none. */
export function slaPolicyFor(
  conversation: { level: number; priority: number },
  rules: readonly SlaPolicyRule[] = [],
  defaults: Readonly<Record<1 | 2 | 3, SlaPolicy>> = DEFAULT_SLA_POLICIES,
): SlaPolicy | null {
  if (conversation.level < 1) return null;
  const rule = rules.find(
    (r) =>
      (r.level === undefined || r.level === conversation.level) &&
      (r.minPriority === undefined || conversation.priority >= r.minPriority),
  );
  return rule?.policy ?? defaults[Math.min(3, conversation.level) as 1 | 2 | 3];
}

export interface SlaTimestamps {
  createdAt: string;
  firstResponseAt: string | null;
  /** Since when the customer has waited for us; null when we replied and wait on the customer. */
  waitingSince: string | null;
  lastCustomerMessageAt: string | null;
  resolvedAt: string | null;
  status: ConversationStatus;
  /**
   * SLA-clock time (business time when the policy has business hours) spent pending
   * since the resolution clock started; add `slaPauseMs(...)` each time a conversation leaves pending.
   */
  pausedMs?: number;
  /** When the current pending period began; lets a paused clock show its frozen remaining time. */
  pendingSince?: string | null;
}

export type SlaTarget = 'first_response' | 'next_response' | 'resolution';
export type SlaState = 'ok' | 'warning' | 'breached' | 'paused' | 'met';

export interface SlaStatus {
  target: SlaTarget | null;
  dueAt: string | null;
  /** SLA-clock ms left (business time with business hours); negative once overdue. */
  remainingMs: number | null;
  state: SlaState;
  warnAt: string | null;
}

interface Clock {
  target: SlaTarget;
  start: number;
  budgetMs: number;
  warnOffsetMs: number;
}

const MIN = 60_000;
const ms = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString();
const severity: Record<SlaState, number> = { breached: 0, warning: 1, ok: 2, paused: 3, met: 4 };

function warnFraction(policy: SlaPolicy): number {
  const f = policy.warnAtFraction ?? 0.8;
  return f > 0 && f <= 1 ? f : 0.8;
}

/** Time the SLA clock counts between two instants under this policy. */
export function slaClockMs(policy: SlaPolicy, from: Date, to: Date): number {
  if (policy.businessHours) return businessMsBetween(policy.businessHours, from, to);
  return Math.max(0, to.getTime() - from.getTime());
}

/** How much to add to `pausedMs` when a conversation leaves pending. */
export const slaPauseMs = (policy: SlaPolicy, pendingSince: string, resumedAt: string) =>
  slaClockMs(policy, new Date(pendingSince), new Date(resumedAt));

function addClock(policy: SlaPolicy, from: number, duration: number): number {
  if (policy.businessHours) return addBusinessMs(policy.businessHours, new Date(from), duration).getTime();
  return from + duration;
}

/** The resolution clock restarts when a resolved conversation is reopened by the customer. */
function resolutionStart(ts: SlaTimestamps): number {
  const reopenedBy = ts.resolvedAt && ts.lastCustomerMessageAt && ms(ts.lastCustomerMessageAt) > ms(ts.resolvedAt);
  return reopenedBy ? ms(ts.lastCustomerMessageAt as string) : ms(ts.createdAt);
}

function resolutionClock(ts: SlaTimestamps, policy: SlaPolicy): Clock {
  const paused = Math.max(0, ts.pausedMs ?? 0);
  const target = policy.resolutionMins * MIN;
  return {
    target: 'resolution',
    start: resolutionStart(ts),
    budgetMs: target + paused,
    warnOffsetMs: paused + Math.round(target * warnFraction(policy)),
  };
}

/** Clocks running while the conversation is open: a response clock when the customer waits, and resolution. */
function runningClocks(ts: SlaTimestamps, policy: SlaPolicy): Clock[] {
  const f = warnFraction(policy);
  const clocks: Clock[] = [];
  const respond = (target: SlaTarget, start: string, mins: number) =>
    clocks.push({ target, start: ms(start), budgetMs: mins * MIN, warnOffsetMs: Math.round(mins * MIN * f) });
  if (!ts.firstResponseAt) respond('first_response', ts.createdAt, policy.firstResponseMins);
  else if (ts.waitingSince) respond('next_response', ts.waitingSince, policy.nextResponseMins);
  clocks.push(resolutionClock(ts, policy));
  return clocks;
}

function evaluate(clock: Clock, policy: SlaPolicy, now: number): SlaStatus & { due: number; warn: number } {
  const due = addClock(policy, clock.start, clock.budgetMs);
  const warn = addClock(policy, clock.start, clock.warnOffsetMs);
  const remainingMs =
    now < due ? slaClockMs(policy, new Date(now), new Date(due)) : -slaClockMs(policy, new Date(due), new Date(now));
  const state: SlaState = now >= due ? 'breached' : now >= warn ? 'warning' : 'ok';
  return { target: clock.target, dueAt: iso(due), remainingMs, state, warnAt: iso(warn), due, warn };
}

const NO_SLA: SlaStatus = { target: null, dueAt: null, remainingMs: null, state: 'ok', warnAt: null };

/**
 * The SLA a conversation shows in the inbox: the most urgent running clock
 * (breached before warning before ok, then the earliest due). Pending
 * conversations are paused; resolved and closed ones report whether the
 * resolution target was met.
 */
export function computeSla(ts: SlaTimestamps, policy: SlaPolicy | null, now: Date): SlaStatus {
  if (!policy) return NO_SLA;
  if (ts.status === 'resolved' || ts.status === 'closed') {
    if (!ts.resolvedAt) return { ...NO_SLA, state: 'met' };
    const clock = resolutionClock(ts, policy);
    const due = addClock(policy, clock.start, clock.budgetMs);
    return {
      target: 'resolution',
      dueAt: iso(due),
      remainingMs: null,
      state: ms(ts.resolvedAt) <= due ? 'met' : 'breached',
      warnAt: null,
    };
  }
  if (ts.status === 'pending') {
    // Waiting on the customer: the clock is frozen where it stood when the conversation went pending.
    const clock = resolutionClock(ts, policy);
    const frozenAt = ts.pendingSince ? new Date(ts.pendingSince) : null;
    const remainingMs = frozenAt ? clock.budgetMs - slaClockMs(policy, new Date(clock.start), frozenAt) : null;
    return { target: 'resolution', dueAt: null, remainingMs, state: 'paused', warnAt: null };
  }
  const t = now.getTime();
  const [top] = runningClocks(ts, policy)
    .map((c) => evaluate(c, policy, t))
    .sort((a, b) => severity[a.state] - severity[b.state] || a.due - b.due);
  return { target: top.target, dueAt: top.dueAt, remainingMs: top.remainingMs, state: top.state, warnAt: top.warnAt };
}

/**
 * When a job should look at this conversation again: the next warning or due
 * instant of any running clock after `now`. Null when nothing is running;
 * message and status changes reschedule it.
 */
export function nextSlaCheckAt(ts: SlaTimestamps, policy: SlaPolicy | null, now: Date): string | null {
  if (!policy || ts.status !== 'open') return null;
  const t = now.getTime();
  const upcoming = runningClocks(ts, policy)
    .map((c) => evaluate(c, policy, t))
    .flatMap((c) => [c.warn, c.due])
    .filter((x) => x > t);
  return upcoming.length > 0 ? iso(Math.min(...upcoming)) : null;
}

/**
 * The event a check should emit when the shown clock got worse since the last
 * check (or a different clock is now at risk), so a warning or breach is
 * announced once even when several jobs look at the conversation.
 */
export function slaEventFor(
  previous: Pick<SlaStatus, 'target' | 'state'> | null,
  current: Pick<SlaStatus, 'target' | 'state'>,
): 'sla.warning' | 'sla.breached' | null {
  if (current.state !== 'warning' && current.state !== 'breached') return null;
  const sameClock = previous !== null && previous.target === current.target;
  if (sameClock && (previous.state === current.state || previous.state === 'breached')) return null;
  return current.state === 'breached' ? 'sla.breached' : 'sla.warning';
}
