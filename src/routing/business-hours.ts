// Business calendars for SLA clocks: weekly opening hours in the workspace's
// time zone, minus holidays. Wall-clock hours are converted to instants per
// local day with Intl (no tz library), so DST days are 23 or 25 hours long and
// an 09:00–17:00 day is always 8 business hours.
import { isJapaneseHoliday } from './japanese-holidays';

/** "HH:MM" (or "HHMM"), local wall-clock time; "24:00" ends a window at midnight. */
export type ClockTime = string;
export type OpeningWindow = [start: ClockTime, end: ClockTime];

export interface BusinessCalendar {
  /** IANA time zone, e.g. "Asia/Tokyo". */
  timeZone: string;
  /** Opening windows per weekday, 0 = Sunday … 6 = Saturday. Missing days are closed. */
  weekly: Partial<Record<number, OpeningWindow[]>>;
  /** Extra closed days, YYYY-MM-DD in the calendar's time zone. */
  holidays: string[];
  includeJapaneseHolidays: boolean;
}

const ALL_DAY: OpeningWindow[] = [['00:00', '24:00']];

/** Open around the clock; SLA clocks then count plain elapsed time. */
export const ALWAYS_OPEN: BusinessCalendar = {
  timeZone: 'UTC',
  weekly: { 0: ALL_DAY, 1: ALL_DAY, 2: ALL_DAY, 3: ALL_DAY, 4: ALL_DAY, 5: ALL_DAY, 6: ALL_DAY },
  holidays: [],
  includeJapaneseHolidays: false,
};

const DAY_MS = 86_400_000;
/** A calendar with no opening in a whole year would make "add business time" loop forever. */
const MAX_CLOSED_DAYS = 400;

type Interval = [startMs: number, endMs: number];
interface LocalDate {
  y: number;
  m: number;
  d: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone, which is the validation we want.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock fields of an instant in a zone. */
function wallClock(timeZone: string, ms: number) {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return { y: parts.year, m: parts.month, d: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** Offset of the zone from UTC at an instant, in ms (Tokyo: +9 h). */
function offsetAt(timeZone: string, ms: number): number {
  const w = wallClock(timeZone, ms);
  const asUtc = Date.UTC(w.y, w.m - 1, w.d, w.hour, w.minute, w.second);
  // The formatter drops milliseconds, so compare against the instant floored to the second.
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant a local wall-clock time happens. A time skipped by a DST jump is
 * shifted forward by the jump (02:30 → 03:30); a repeated time takes its first occurrence.
 */
function instantOf(timeZone: string, date: LocalDate, minuteOfDay: number): number {
  const wall = Date.UTC(date.y, date.m - 1, date.d) + minuteOfDay * 60_000;
  const first = wall - offsetAt(timeZone, wall);
  const second = wall - offsetAt(timeZone, first);
  if (first === second) return first;
  // The two guesses straddle a transition: pick the earlier one that maps back to this wall time, else the later.
  const [a, b] = first < second ? [first, second] : [second, first];
  return a + offsetAt(timeZone, a) === wall ? a : b;
}

function parseClock(t: ClockTime): number {
  const m = /^(\d{1,2}):?(\d{2})$/.exec(t.trim());
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!m || Number(m[2]) > 59 || minutes > 24 * 60) throw new RangeError(`"${t}" is not a time of day (HH:MM)`);
  return minutes;
}

const dateKey = (d: LocalDate) => `${d.y}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;

function addDays(d: LocalDate, n: number): LocalDate {
  const t = new Date(Date.UTC(d.y, d.m - 1, d.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export function isHoliday(calendar: BusinessCalendar, date: string): boolean {
  return calendar.holidays.includes(date) || (calendar.includeJapaneseHolidays && isJapaneseHoliday(date));
}

const alwaysOpenCache = new WeakMap<BusinessCalendar, boolean>();

/**
 * True when every day is open 00:00–24:00 with no holidays: business time equals elapsed time.
 * Calendars are treated as immutable values (results are cached per object).
 */
export function isAlwaysOpen(calendar: BusinessCalendar): boolean {
  const cached = alwaysOpenCache.get(calendar);
  if (cached !== undefined) return cached;
  let open = calendar.holidays.length === 0 && !calendar.includeJapaneseHolidays;
  for (let wd = 0; wd < 7 && open; wd++) {
    const windows = calendar.weekly[wd] ?? [];
    open = windows.some(([s, e]) => parseClock(s) === 0 && parseClock(e) === 24 * 60);
  }
  alwaysOpenCache.set(calendar, open);
  return open;
}

// Opening intervals per calendar and local day; the SLA clock asks for the same days over and over.
const dayCache = new WeakMap<BusinessCalendar, Map<string, Interval[]>>();

function openIntervals(calendar: BusinessCalendar, date: LocalDate): Interval[] {
  let perDay = dayCache.get(calendar);
  if (!perDay) dayCache.set(calendar, (perDay = new Map()));
  const k = dateKey(date);
  const hit = perDay.get(k);
  if (hit) return hit;
  let intervals: Interval[] = [];
  if (!isHoliday(calendar, k)) {
    const weekday = new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay();
    for (const [start, end] of calendar.weekly[weekday] ?? []) {
      const s = parseClock(start);
      const e = parseClock(end);
      if (e <= s) continue;
      // 24:00 is the next day's midnight, which is not always 24 h after this midnight.
      const startMs = instantOf(calendar.timeZone, date, s);
      const endMs =
        e === 24 * 60 ? instantOf(calendar.timeZone, addDays(date, 1), 0) : instantOf(calendar.timeZone, date, e);
      if (endMs > startMs) intervals.push([startMs, endMs]);
    }
    intervals = mergeIntervals(intervals);
  }
  if (perDay.size > 5000) perDay.clear();
  perDay.set(k, intervals);
  return intervals;
}

function mergeIntervals(list: Interval[]): Interval[] {
  const sorted = [...list].sort((a, b) => a[0] - b[0]);
  const out: Interval[] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else out.push([iv[0], iv[1]]);
  }
  return out;
}

function localDateOf(calendar: BusinessCalendar, ms: number): LocalDate {
  const w = wallClock(calendar.timeZone, ms);
  return { y: w.y, m: w.m, d: w.d };
}

export function isOpen(calendar: BusinessCalendar, at: Date): boolean {
  if (isAlwaysOpen(calendar)) return true;
  const t = at.getTime();
  return openIntervals(calendar, localDateOf(calendar, t)).some(([s, e]) => t >= s && t < e);
}

/** The instant `ms` of business time after `from` (a closed `from` starts counting at the next opening). */
export function addBusinessMs(calendar: BusinessCalendar, from: Date, ms: number): Date {
  if (ms < 0) throw new RangeError('addBusinessMs needs a non-negative duration');
  const start = from.getTime();
  if (ms === 0 || isAlwaysOpen(calendar)) return new Date(start + ms);
  let left = ms;
  let day = localDateOf(calendar, start);
  let closedDays = 0;
  for (;;) {
    const intervals = openIntervals(calendar, day);
    closedDays = intervals.length === 0 ? closedDays + 1 : 0;
    if (closedDays > MAX_CLOSED_DAYS) throw new RangeError('The business calendar has no opening hours');
    for (const [s, e] of intervals) {
      const begin = Math.max(s, start);
      if (begin >= e) continue;
      if (e - begin >= left) return new Date(begin + left);
      left -= e - begin;
    }
    day = addDays(day, 1);
  }
}

/** Business time between two instants; 0 when `to` is not after `from`. */
export function businessMsBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  if (isAlwaysOpen(calendar)) return b - a;
  let total = 0;
  const last = dateKey(localDateOf(calendar, b));
  // Walk local days; the day count bound protects against a zone whose dates never reach `last`.
  let day = localDateOf(calendar, a);
  for (let i = 0; i <= Math.ceil((b - a) / DAY_MS) + 2; i++) {
    for (const [s, e] of openIntervals(calendar, day)) total += Math.max(0, Math.min(e, b) - Math.max(s, a));
    if (dateKey(day) === last) break;
    day = addDays(day, 1);
  }
  return total;
}

/** Whether the calendar opens at all (a week with no opening hours would never start an SLA clock). */
export function hasOpeningHours(calendar: BusinessCalendar): boolean {
  return Object.values(calendar.weekly).some((windows) => (windows ?? []).some(([s, e]) => s < e));
}

/** When the desk is next open: `at` itself when open now; null when the calendar never opens. */
export function nextOpening(calendar: BusinessCalendar, at: Date): Date | null {
  if (isOpen(calendar, at)) return at;
  if (!hasOpeningHours(calendar)) return null;
  // The first business millisecond after `at` ends one millisecond after the opening.
  return new Date(addBusinessMs(calendar, at, 1).getTime() - 1);
}
