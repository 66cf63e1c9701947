// Japanese public holidays (国民の祝日に関する法律) computed from the rules, so
// business calendars keep working in any year without a yearly data update.
// Equinox days use the standard approximation, which matches the dates the
// National Astronomical Observatory announces for 2000–2099; the official
// dates are only gazetted a year ahead, so a rule-based table is the norm.

export interface JapaneseHoliday {
  /** YYYY-MM-DD in Japan time. */
  date: string;
  name: string;
}

export const JAPANESE_HOLIDAY_YEARS = { first: 2000, last: 2099 } as const;

const SUBSTITUTE = '振替休日';
const CITIZENS = '国民の休日';

const pad = (n: number) => String(n).padStart(2, '0');
const key = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const weekday = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay();

/** Day of the month of the nth Monday (Happy Monday system). */
function nthMonday(y: number, m: number, n: number): number {
  const first = weekday(y, m, 1);
  return 1 + ((8 - first) % 7) + (n - 1) * 7;
}

function vernalEquinox(y: number): number {
  return Math.floor(20.8431 + 0.242194 * (y - 1980) - Math.floor((y - 1980) / 4));
}

function autumnalEquinox(y: number): number {
  return Math.floor(23.2488 + 0.242194 * (y - 1980) - Math.floor((y - 1980) / 4));
}

/** The holidays named in the Act (and the special laws for 2019–2021), before 振替休日/国民の休日. */
function statutoryHolidays(y: number): Array<[number, number, string]> {
  const days: Array<[number, number, string]> = [
    [1, 1, '元日'],
    [1, nthMonday(y, 1, 2), '成人の日'],
    [2, 11, '建国記念の日'],
    [3, vernalEquinox(y), '春分の日'],
    [4, 29, y >= 2007 ? '昭和の日' : 'みどりの日'],
    [5, 3, '憲法記念日'],
    [5, 5, 'こどもの日'],
    [9, autumnalEquinox(y), '秋分の日'],
    [11, 3, '文化の日'],
    [11, 23, '勤労感謝の日'],
  ];
  // 5/4 became a named holiday in 2007; before that it was a 国民の休日 by the sandwich rule.
  if (y >= 2007) days.push([5, 4, 'みどりの日']);

  // Emperor's Birthday: Heisei emperor until 2018, none in 2019, Reiwa emperor from 2020.
  if (y <= 2018) days.push([12, 23, '天皇誕生日']);
  if (y >= 2020) days.push([2, 23, '天皇誕生日']);

  if (y === 2019) days.push([5, 1, '天皇の即位の日'], [10, 22, '即位礼正殿の儀の行われる日']);

  // Tokyo Olympics: the special measures law moved three holidays in 2020 and again in 2021.
  const olympics: Record<number, { marine: number[]; mountain: number[]; sports: number[] }> = {
    2020: { marine: [7, 23], mountain: [8, 10], sports: [7, 24] },
    2021: { marine: [7, 22], mountain: [8, 8], sports: [7, 23] },
  };
  const moved = olympics[y];
  const marine = moved?.marine ?? (y >= 2003 ? [7, nthMonday(y, 7, 3)] : [7, 20]);
  days.push([marine[0], marine[1], '海の日']);
  if (y >= 2016) {
    const mountain = moved?.mountain ?? [8, 11];
    days.push([mountain[0], mountain[1], '山の日']);
  }
  days.push([9, y >= 2003 ? nthMonday(y, 9, 3) : 15, '敬老の日']);
  const sports = moved?.sports ?? [10, nthMonday(y, 10, 2)];
  days.push([sports[0], sports[1], y >= 2020 ? 'スポーツの日' : '体育の日']);
  return days;
}

const cache = new Map<number, JapaneseHoliday[]>();

/** All public holidays of a year, sorted by date. Throws outside 2000–2099. */
export function japaneseHolidays(year: number): JapaneseHoliday[] {
  if (!Number.isInteger(year) || year < JAPANESE_HOLIDAY_YEARS.first || year > JAPANESE_HOLIDAY_YEARS.last) {
    throw new RangeError(
      `Japanese holidays are computed for ${JAPANESE_HOLIDAY_YEARS.first}–${JAPANESE_HOLIDAY_YEARS.last}, not ${year}`,
    );
  }
  const cached = cache.get(year);
  if (cached) return cached.map((h) => ({ ...h }));

  const names = new Map<string, string>();
  const statutory = new Set<string>();
  for (const [m, d, name] of statutoryHolidays(year)) {
    names.set(key(year, m, d), name);
    statutory.add(key(year, m, d));
  }

  // 振替休日: a holiday on a Sunday moves the day off to the next day that is not a holiday
  // (since 2007; before that only the Monday, which in 2000–2006 was never itself a holiday).
  for (const k of [...statutory].sort()) {
    const [y, m, d] = k.split('-').map(Number);
    if (weekday(y, m, d) !== 0) continue;
    const next = new Date(Date.UTC(y, m - 1, d + 1));
    while (statutory.has(next.toISOString().slice(0, 10)) && year >= 2007) next.setUTCDate(next.getUTCDate() + 1);
    const nk = next.toISOString().slice(0, 10);
    if (!names.has(nk) && next.getUTCFullYear() === year) names.set(nk, SUBSTITUTE);
  }

  // 国民の休日: a day that is not itself a holiday, with a statutory holiday on both sides.
  // Before 2007 Sundays were excluded; from 2007 the only condition is "not a holiday".
  for (const k of statutory) {
    const [y, m, d] = k.split('-').map(Number);
    const middle = new Date(Date.UTC(y, m - 1, d + 1));
    const after = new Date(Date.UTC(y, m - 1, d + 2));
    const mk = middle.toISOString().slice(0, 10);
    if (names.has(mk) || !statutory.has(after.toISOString().slice(0, 10))) continue;
    if (year < 2007 && middle.getUTCDay() === 0) continue;
    names.set(mk, CITIZENS);
  }

  const list = [...names].map(([date, name]) => ({ date, name })).sort((a, b) => a.date.localeCompare(b.date));
  cache.set(year, list);
  return list.map((h) => ({ ...h }));
}

/** Name of the holiday on a YYYY-MM-DD date, or null. Years outside 2000–2099 have none. */
export function japaneseHolidayName(date: string): string | null {
  const year = Number(date.slice(0, 4));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || year < JAPANESE_HOLIDAY_YEARS.first || year > JAPANESE_HOLIDAY_YEARS.last)
    return null;
  if (!cache.has(year)) japaneseHolidays(year);
  return cache.get(year)?.find((h) => h.date === date)?.name ?? null;
}

export function isJapaneseHoliday(date: string): boolean {
  return japaneseHolidayName(date) !== null;
}
