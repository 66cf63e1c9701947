import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from './business-hours';
import {
  DEFAULT_SLA_POLICIES,
  computeSla,
  nextSlaCheckAt,
  slaEventFor,
  slaPauseMs,
  slaPolicyFor,
  type SlaTimestamps,
} from './sla';

const MIN = 60_000;
const L3 = DEFAULT_SLA_POLICIES[3];
const created = '2026-03-02T00:00:00.000Z';
const after = (mins: number) => new Date(Date.parse(created) + mins * MIN);
const open = (over: Partial<SlaTimestamps> = {}): SlaTimestamps => ({
  createdAt: created,
  firstResponseAt: null,
  waitingSince: created,
  lastCustomerMessageAt: created,
  resolvedAt: null,
  status: 'open',
  ...over,
});

describe('slaPolicyFor', () => {
  it('uses the level defaults and lets the first matching override win', () => {
    expect(slaPolicyFor({ level: 3, priority: 10 })?.firstResponseMins).toBe(5);
    expect(slaPolicyFor({ level: 2, priority: 10 })?.firstResponseMins).toBe(30);
    expect(slaPolicyFor({ level: 1, priority: 10 })?.firstResponseMins).toBe(60);
    expect(slaPolicyFor({ level: 0, priority: 90 })).toBeNull();
    const vip = { ...DEFAULT_SLA_POLICIES[1], firstResponseMins: 10 };
    const rules = [{ level: 1 as const, minPriority: 80, policy: vip }];
    expect(slaPolicyFor({ level: 1, priority: 85 }, rules)).toBe(vip);
    expect(slaPolicyFor({ level: 1, priority: 50 }, rules)).toBe(DEFAULT_SLA_POLICIES[1]);
  });
});

describe('computeSla', () => {
  it('runs the first-response clock: ok, warning at 80%, breached at the target', () => {
    expect(computeSla(open(), L3, after(1))).toEqual({
      target: 'first_response',
      dueAt: '2026-03-02T00:05:00.000Z',
      remainingMs: 4 * MIN,
      state: 'ok',
      warnAt: '2026-03-02T00:04:00.000Z',
    });
    expect(computeSla(open(), L3, after(4)).state).toBe('warning');
    const late = computeSla(open(), L3, after(7));
    expect(late).toMatchObject({ state: 'breached', remainingMs: -2 * MIN });
  });

  it('honours a configured warning fraction', () => {
    expect(computeSla(open(), { ...L3, warnAtFraction: 0.5 }, after(3)).state).toBe('warning');
  });

  it('switches to the next-response clock when the customer writes again', () => {
    const ts = open({ firstResponseAt: after(2).toISOString(), waitingSince: after(30).toISOString() });
    expect(computeSla(ts, L3, after(40))).toMatchObject({
      target: 'next_response',
      dueAt: after(45).toISOString(),
      remainingMs: 5 * MIN,
    });
  });

  it('shows the resolution clock while the customer has nothing pending from us', () => {
    const ts = open({ firstResponseAt: after(2).toISOString(), waitingSince: null });
    expect(computeSla(ts, L3, after(100))).toMatchObject({
      target: 'resolution',
      state: 'ok',
      dueAt: after(240).toISOString(),
    });
    expect(computeSla(ts, L3, after(200)).state).toBe('warning');
  });

  it('keeps a breached clock on screen ahead of a later one', () => {
    const ts = open();
    expect(computeSla(ts, L3, after(60))).toMatchObject({ target: 'first_response', state: 'breached' });
  });

  it('pauses while pending and pushes the resolution due time back by the paused time', () => {
    const policy = DEFAULT_SLA_POLICIES[2]; // resolution 24 h
    const pending = open({
      firstResponseAt: after(10).toISOString(),
      waitingSince: null,
      status: 'pending',
      pendingSince: after(60).toISOString(),
    });
    expect(computeSla(pending, policy, after(5000))).toEqual({
      target: 'resolution',
      dueAt: null,
      remainingMs: (1440 - 60) * MIN,
      state: 'paused',
      warnAt: null,
    });
    // The customer answered after 10 h pending; the clock resumes with those 10 h added back.
    const pausedMs = slaPauseMs(policy, after(60).toISOString(), after(660).toISOString());
    const resumed = open({
      firstResponseAt: after(10).toISOString(),
      waitingSince: after(660).toISOString(),
      pausedMs,
    });
    const sla = computeSla(resumed, { ...policy, nextResponseMins: 24 * 60 * 10 }, after(700));
    expect(sla).toMatchObject({ target: 'resolution', dueAt: after(1440 + 600).toISOString(), state: 'ok' });
  });

  it('reports whether a resolved conversation met its resolution target', () => {
    const done = open({
      firstResponseAt: after(1).toISOString(),
      waitingSince: null,
      status: 'resolved',
      resolvedAt: after(100).toISOString(),
    });
    expect(computeSla(done, L3, after(9999))).toMatchObject({ target: 'resolution', state: 'met', remainingMs: null });
    expect(computeSla({ ...done, resolvedAt: after(300).toISOString() }, L3, after(9999)).state).toBe('breached');
    expect(computeSla({ ...done, status: 'closed', resolvedAt: null }, L3, after(1)).state).toBe('met');
  });

  it('restarts the resolution clock when the customer reopens a resolved conversation', () => {
    const reopened = open({
      firstResponseAt: after(1).toISOString(),
      waitingSince: after(1000).toISOString(),
      lastCustomerMessageAt: after(1000).toISOString(),
      resolvedAt: after(100).toISOString(),
    });
    const sla = computeSla(reopened, L3, after(1001));
    expect(sla).toMatchObject({ target: 'next_response', state: 'ok' });
    expect(computeSla({ ...reopened, waitingSince: null }, L3, after(1001)).dueAt).toBe(after(1240).toISOString());
  });

  it('has no SLA without a policy (level 0)', () => {
    expect(computeSla(open(), null, after(1))).toEqual({
      target: null,
      dueAt: null,
      remainingMs: null,
      state: 'ok',
      warnAt: null,
    });
  });

  it('counts only business hours when the policy has a calendar', () => {
    const tokyo: BusinessCalendar = {
      timeZone: 'Asia/Tokyo',
      weekly: {
        1: [['09:00', '18:00']],
        2: [['09:00', '18:00']],
        3: [['09:00', '18:00']],
        4: [['09:00', '18:00']],
        5: [['09:00', '18:00']],
      },
      holidays: [],
      includeJapaneseHolidays: true,
    };
    const policy = { ...DEFAULT_SLA_POLICIES[1], businessHours: tokyo };
    // Created Friday 17:30 JST: 30 min on Friday, the remaining 30 min on Monday from 09:00.
    const friday = '2026-03-06T08:30:00.000Z';
    const ts = open({ createdAt: friday, waitingSince: friday, lastCustomerMessageAt: friday });
    const sla = computeSla(ts, policy, new Date('2026-03-07T03:00:00Z'));
    expect(sla).toMatchObject({
      dueAt: '2026-03-09T00:30:00.000Z',
      remainingMs: 30 * MIN,
      state: 'ok',
      warnAt: '2026-03-09T00:18:00.000Z',
    });
  });

  it('is restart-safe: the same stored timestamps always give the same answer', () => {
    const ts = open();
    expect(computeSla(structuredClone(ts), L3, after(3))).toEqual(computeSla(ts, L3, after(3)));
  });
});

describe('nextSlaCheckAt', () => {
  it('schedules the next warning or due instant across running clocks', () => {
    expect(nextSlaCheckAt(open(), L3, after(1))).toBe(after(4).toISOString());
    expect(nextSlaCheckAt(open(), L3, after(4))).toBe(after(5).toISOString());
    // After the first-response breach the next thing to check is the resolution warning (80% of 4 h).
    expect(nextSlaCheckAt(open(), L3, after(6))).toBe(after(192).toISOString());
    expect(nextSlaCheckAt(open(), L3, after(300))).toBeNull();
  });

  it('schedules nothing for paused, resolved or SLA-free conversations', () => {
    expect(nextSlaCheckAt(open({ status: 'pending' }), L3, after(1))).toBeNull();
    expect(nextSlaCheckAt(open({ status: 'resolved', resolvedAt: after(1).toISOString() }), L3, after(1))).toBeNull();
    expect(nextSlaCheckAt(open(), null, after(1))).toBeNull();
  });
});

describe('slaEventFor', () => {
  it('announces each warning and breach once per clock', () => {
    expect(slaEventFor(null, { target: 'first_response', state: 'ok' })).toBeNull();
    expect(slaEventFor({ target: 'first_response', state: 'ok' }, { target: 'first_response', state: 'warning' })).toBe(
      'sla.warning',
    );
    expect(
      slaEventFor({ target: 'first_response', state: 'warning' }, { target: 'first_response', state: 'warning' }),
    ).toBeNull();
    expect(
      slaEventFor({ target: 'first_response', state: 'warning' }, { target: 'first_response', state: 'breached' }),
    ).toBe('sla.breached');
    expect(
      slaEventFor({ target: 'first_response', state: 'breached' }, { target: 'first_response', state: 'breached' }),
    ).toBeNull();
    expect(
      slaEventFor({ target: 'first_response', state: 'breached' }, { target: 'resolution', state: 'warning' }),
    ).toBe('sla.warning');
    expect(slaEventFor(null, { target: 'first_response', state: 'breached' })).toBe('sla.breached');
  });
});
