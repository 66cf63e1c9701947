import { describe, expect, it } from 'vitest';
import {
  ALWAYS_OPEN,
  addBusinessMs,
  businessMsBetween,
  hasOpeningHours,
  isAlwaysOpen,
  isOpen,
  nextOpening,
  type BusinessCalendar,
} from './business-hours';

const H = 3_600_000;
const weekdays = (windows: [string, string][]) => ({ 1: windows, 2: windows, 3: windows, 4: windows, 5: windows });

const tokyo: BusinessCalendar = {
  timeZone: 'Asia/Tokyo',
  weekly: weekdays([
    ['09:00', '12:00'],
    ['13:00', '18:00'],
  ]),
  holidays: ['2026-12-29'],
  includeJapaneseHolidays: true,
};

const newYork: BusinessCalendar = {
  timeZone: 'America/New_York',
  weekly: { ...weekdays([['09:00', '17:00']]), 0: [['00:00', '24:00']] },
  holidays: [],
  includeJapaneseHolidays: false,
};

const at = (iso: string) => new Date(iso);

describe('isOpen', () => {
  it('follows local opening hours, lunch breaks and weekends in Tokyo', () => {
    expect(isOpen(tokyo, at('2026-03-02T00:00:00Z'))).toBe(true); // Mon 09:00 JST
    expect(isOpen(tokyo, at('2026-03-01T23:59:59Z'))).toBe(false); // Mon 08:59:59 JST
    expect(isOpen(tokyo, at('2026-03-02T03:30:00Z'))).toBe(false); // 12:30 lunch
    expect(isOpen(tokyo, at('2026-03-02T09:00:00Z'))).toBe(false); // 18:00 closes (end exclusive)
    expect(isOpen(tokyo, at('2026-03-07T03:00:00Z'))).toBe(false); // Saturday
  });

  it('is closed on Japanese public holidays and the calendar’s own holidays', () => {
    expect(isOpen(tokyo, at('2026-05-06T01:00:00Z'))).toBe(false); // 振替休日 (Wed)
    expect(isOpen(tokyo, at('2026-09-22T01:00:00Z'))).toBe(false); // 国民の休日 (Tue)
    expect(isOpen(tokyo, at('2026-12-29T01:00:00Z'))).toBe(false); // company holiday
    expect(isOpen({ ...tokyo, includeJapaneseHolidays: false }, at('2026-05-06T01:00:00Z'))).toBe(true);
  });

  it('uses local time on both sides of a DST change', () => {
    // 09:00 EST = 14:00Z before the change (2026-03-08), 09:00 EDT = 13:00Z after.
    expect(isOpen(newYork, at('2026-03-06T13:30:00Z'))).toBe(false);
    expect(isOpen(newYork, at('2026-03-06T14:00:00Z'))).toBe(true);
    expect(isOpen(newYork, at('2026-03-09T13:00:00Z'))).toBe(true);
    expect(isOpen(newYork, at('2026-03-09T21:00:00Z'))).toBe(false);
  });
});

describe('addBusinessMs', () => {
  it('starts the clock at the next opening and skips lunch, nights, weekends and holidays', () => {
    // Friday 17:00 JST + 2 h: 17:00–18:00 on Friday, then Monday 09:00 + 1 h.
    expect(addBusinessMs(tokyo, at('2026-03-06T08:00:00Z'), 2 * H).toISOString()).toBe('2026-03-09T01:00:00.000Z');
    // Friday 11:30 + 1 h → 13:30 (lunch does not count).
    expect(addBusinessMs(tokyo, at('2026-03-06T02:30:00Z'), H).toISOString()).toBe('2026-03-06T04:30:00.000Z');
    // Golden Week: Thu 2026-04-30 17:00 + 2 h → Fri 5/1 10:00 (5/1 is a working day).
    expect(addBusinessMs(tokyo, at('2026-04-30T08:00:00Z'), 2 * H).toISOString()).toBe('2026-05-01T01:00:00.000Z');
    // Fri 5/1 17:00 + 2 h → Thu 5/7 10:00 after the holidays and 振替休日.
    expect(addBusinessMs(tokyo, at('2026-05-01T08:00:00Z'), 2 * H).toISOString()).toBe('2026-05-07T01:00:00.000Z');
  });

  it('counts 8 business hours on the DST change day in New York', () => {
    // Sunday 2026-03-08 is open 00:00–24:00 local, which is only 23 hours long.
    const sundayStart = at('2026-03-08T05:00:00Z'); // 00:00 EST
    expect(businessMsBetween(newYork, sundayStart, at('2026-03-09T04:00:00Z'))).toBe(23 * H); // to 00:00 EDT
    // Friday 16:00 EST + 2 h: 1 h on Friday, then Sunday midnight EST + 1 h.
    expect(addBusinessMs(newYork, at('2026-03-06T21:00:00Z'), 2 * H).toISOString()).toBe('2026-03-08T06:00:00.000Z');
    // Sunday 23:00 EDT + 2 h → Monday 10:00 EDT (1 h Sunday, then 09:00 EDT + 1 h).
    expect(addBusinessMs(newYork, at('2026-03-09T03:00:00Z'), 2 * H).toISOString()).toBe('2026-03-09T14:00:00.000Z');
  });

  it('handles the autumn change back to standard time', () => {
    // Sunday 2026-11-01 lasts 25 hours in New York.
    expect(businessMsBetween(newYork, at('2026-11-01T04:00:00Z'), at('2026-11-02T05:00:00Z'))).toBe(25 * H);
    // Monday after: open 09:00 EST = 14:00Z.
    expect(isOpen(newYork, at('2026-11-02T13:30:00Z'))).toBe(false);
    expect(isOpen(newYork, at('2026-11-02T14:00:00Z'))).toBe(true);
  });

  it('returns the same instant for zero and rejects calendars that never open', () => {
    const from = at('2026-03-07T03:00:00Z');
    expect(addBusinessMs(tokyo, from, 0)).toEqual(from);
    const never: BusinessCalendar = { timeZone: 'UTC', weekly: {}, holidays: [], includeJapaneseHolidays: false };
    expect(() => addBusinessMs(never, from, H)).toThrow(RangeError);
  });
});

describe('businessMsBetween', () => {
  it('is the inverse of addBusinessMs', () => {
    const from = at('2026-04-28T06:12:00Z');
    for (const ms of [1, 15 * 60_000, 5 * H, 40 * H]) {
      expect(businessMsBetween(tokyo, from, addBusinessMs(tokyo, from, ms))).toBe(ms);
    }
  });

  it('is zero for reversed or closed ranges', () => {
    expect(businessMsBetween(tokyo, at('2026-03-09T01:00:00Z'), at('2026-03-06T01:00:00Z'))).toBe(0);
    expect(businessMsBetween(tokyo, at('2026-03-07T00:00:00Z'), at('2026-03-08T12:00:00Z'))).toBe(0);
  });
});

describe('24/7 calendars', () => {
  it('count plain elapsed time', () => {
    expect(isAlwaysOpen(ALWAYS_OPEN)).toBe(true);
    expect(isAlwaysOpen(tokyo)).toBe(false);
    const from = at('2026-01-01T00:00:00Z');
    expect(addBusinessMs(ALWAYS_OPEN, from, 90 * 60_000).toISOString()).toBe('2026-01-01T01:30:00.000Z');
    expect(businessMsBetween(ALWAYS_OPEN, from, at('2026-01-03T00:00:00Z'))).toBe(48 * H);
    expect(isOpen(ALWAYS_OPEN, from)).toBe(true);
  });

  it('rejects malformed times and unknown zones', () => {
    expect(() => isOpen({ ...tokyo, weekly: { 1: [['9am', '17:00']] } }, at('2026-03-02T01:00:00Z'))).toThrow(
      RangeError,
    );
    expect(() => isOpen({ ...tokyo, timeZone: 'Mars/Olympus' }, at('2026-03-02T01:00:00Z'))).toThrow(RangeError);
  });
});

describe('agreement with a minute-by-minute count', () => {
  it('matches isOpen stepped per minute across DST changes, including windows inside the skipped hour', () => {
    const nightShift: BusinessCalendar = {
      timeZone: 'America/New_York',
      weekly: { 0: [['01:30', '03:30']], 1: [['09:00', '17:00']] },
      holidays: [],
      includeJapaneseHolidays: false,
    };
    for (const [from, to, expectedMins] of [
      ['2026-03-07T00:00:00Z', '2026-03-10T00:00:00Z', 60 + 480], // 01:30 EST → 03:30 EDT is one real hour
      ['2026-10-31T00:00:00Z', '2026-11-03T00:00:00Z', 180 + 480], // 01:30 EDT → 03:30 EST is three
    ] as const) {
      let minutes = 0;
      for (let t = Date.parse(from); t < Date.parse(to); t += 60_000) if (isOpen(nightShift, new Date(t))) minutes++;
      expect(minutes).toBe(expectedMins);
      expect(businessMsBetween(nightShift, at(from), at(to))).toBe(minutes * 60_000);
    }
  });
});

describe('nextOpening', () => {
  it('is now when open, else the next opening: after lunch, Monday morning after a weekend, past a holiday', () => {
    expect(nextOpening(tokyo, at('2026-03-02T01:00:00Z'))?.toISOString()).toBe('2026-03-02T01:00:00.000Z');
    expect(nextOpening(tokyo, at('2026-03-02T03:30:00Z'))?.toISOString()).toBe('2026-03-02T04:00:00.000Z'); // 13:00
    expect(nextOpening(tokyo, at('2026-03-06T10:00:00Z'))?.toISOString()).toBe('2026-03-09T00:00:00.000Z'); // Fri 19:00 → Mon 09:00
    expect(nextOpening(tokyo, at('2026-12-28T10:00:00Z'))?.toISOString()).toBe('2026-12-30T00:00:00.000Z'); // skips 12-29
  });

  it('is null for a week with no opening hours', () => {
    const never: BusinessCalendar = { ...tokyo, weekly: {} };
    expect(hasOpeningHours(never)).toBe(false);
    expect(hasOpeningHours(tokyo)).toBe(true);
    expect(nextOpening(never, at('2026-03-02T01:00:00Z'))).toBeNull();
  });
});
