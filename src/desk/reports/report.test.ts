import { describe, expect, it } from 'vitest';
import { localDays } from './facts';
import { resolveRange, startOfLocalDay } from './report';

describe('local days of the desk', () => {
  it('begin at local midnight in whole-hour, half-hour and quarter-hour zones', () => {
    expect(startOfLocalDay('2026-11-02', 'Asia/Tokyo').toISOString()).toBe('2026-11-01T15:00:00.000Z');
    expect(startOfLocalDay('2023-01-01', 'Asia/Kolkata').toISOString()).toBe('2022-12-31T18:30:00.000Z');
    expect(startOfLocalDay('2023-01-01', 'Asia/Kathmandu').toISOString()).toBe('2022-12-31T18:15:00.000Z');
    expect(startOfLocalDay('2023-07-01', 'America/St_Johns').toISOString()).toBe('2023-07-01T02:30:00.000Z');
    expect(startOfLocalDay('2023-01-01', 'Pacific/Chatham').toISOString()).toBe('2022-12-31T10:15:00.000Z');
    expect(startOfLocalDay('2026-03-29', 'Europe/London').toISOString()).toBe('2026-03-29T00:00:00.000Z');
  });

  it('begin at the first instant of the day where the clock skips midnight', () => {
    // Beirut moved its clocks from 00:00 to 01:00 on 26 March 2023: the day began at 01:00 local (22:00 UTC).
    const start = startOfLocalDay('2023-03-26', 'Asia/Beirut');
    expect(localDays('Asia/Beirut')(start.getTime()).day).toBe('2023-03-26');
    expect(localDays('Asia/Beirut')(start.getTime() - 1).day).toBe('2023-03-25');
  });

  it('read local minutes in quarter-hour zones', () => {
    const at = localDays('Asia/Kolkata')(Date.parse('2026-01-10T10:15:00Z'));
    expect([at.day, at.hour, at.minute]).toEqual(['2026-01-10', 15, 45]);
  });

  it('ranges are whole local days, with the previous period of the same length', () => {
    const r = resolveRange({ from: '2026-11-02', to: '2026-11-08' }, 'Asia/Tokyo', new Date('2026-12-07T00:00:00Z'));
    expect(r).toMatchObject({
      from: '2026-11-01T15:00:00.000Z',
      to: '2026-11-08T15:00:00.000Z',
      previous: { from: '2026-10-25T15:00:00.000Z', to: '2026-11-01T15:00:00.000Z' },
    });
  });
});
