import { describe, expect, it } from 'vitest';
import { isJapaneseHoliday, japaneseHolidayName, japaneseHolidays } from './japanese-holidays';

// Lists as published by the Cabinet Office (内閣府「国民の祝日について」).
const y2024 = [
  ['2024-01-01', '元日'],
  ['2024-01-08', '成人の日'],
  ['2024-02-11', '建国記念の日'],
  ['2024-02-12', '振替休日'],
  ['2024-02-23', '天皇誕生日'],
  ['2024-03-20', '春分の日'],
  ['2024-04-29', '昭和の日'],
  ['2024-05-03', '憲法記念日'],
  ['2024-05-04', 'みどりの日'],
  ['2024-05-05', 'こどもの日'],
  ['2024-05-06', '振替休日'],
  ['2024-07-15', '海の日'],
  ['2024-08-11', '山の日'],
  ['2024-08-12', '振替休日'],
  ['2024-09-16', '敬老の日'],
  ['2024-09-22', '秋分の日'],
  ['2024-09-23', '振替休日'],
  ['2024-10-14', 'スポーツの日'],
  ['2024-11-03', '文化の日'],
  ['2024-11-04', '振替休日'],
  ['2024-11-23', '勤労感謝の日'],
];
const y2025 = [
  ['2025-01-01', '元日'],
  ['2025-01-13', '成人の日'],
  ['2025-02-11', '建国記念の日'],
  ['2025-02-23', '天皇誕生日'],
  ['2025-02-24', '振替休日'],
  ['2025-03-20', '春分の日'],
  ['2025-04-29', '昭和の日'],
  ['2025-05-03', '憲法記念日'],
  ['2025-05-04', 'みどりの日'],
  ['2025-05-05', 'こどもの日'],
  ['2025-05-06', '振替休日'],
  ['2025-07-21', '海の日'],
  ['2025-08-11', '山の日'],
  ['2025-09-15', '敬老の日'],
  ['2025-09-23', '秋分の日'],
  ['2025-10-13', 'スポーツの日'],
  ['2025-11-03', '文化の日'],
  ['2025-11-23', '勤労感謝の日'],
  ['2025-11-24', '振替休日'],
];
const y2026 = [
  ['2026-01-01', '元日'],
  ['2026-01-12', '成人の日'],
  ['2026-02-11', '建国記念の日'],
  ['2026-02-23', '天皇誕生日'],
  ['2026-03-20', '春分の日'],
  ['2026-04-29', '昭和の日'],
  ['2026-05-03', '憲法記念日'],
  ['2026-05-04', 'みどりの日'],
  ['2026-05-05', 'こどもの日'],
  ['2026-05-06', '振替休日'],
  ['2026-07-20', '海の日'],
  ['2026-08-11', '山の日'],
  ['2026-09-21', '敬老の日'],
  ['2026-09-22', '国民の休日'],
  ['2026-09-23', '秋分の日'],
  ['2026-10-12', 'スポーツの日'],
  ['2026-11-03', '文化の日'],
  ['2026-11-23', '勤労感謝の日'],
];

const asPairs = (year: number) => japaneseHolidays(year).map((h) => [h.date, h.name]);

describe('japaneseHolidays', () => {
  it('matches the published lists for 2024, 2025 and 2026', () => {
    expect(asPairs(2024)).toEqual(y2024);
    expect(asPairs(2025)).toEqual(y2025);
    expect(asPairs(2026)).toEqual(y2026);
  });

  it('applies the 2019 enthronement days and their sandwiched 国民の休日, with no Emperor’s Birthday', () => {
    const h = Object.fromEntries(asPairs(2019));
    expect(h['2019-04-30']).toBe('国民の休日');
    expect(h['2019-05-01']).toBe('天皇の即位の日');
    expect(h['2019-05-02']).toBe('国民の休日');
    expect(h['2019-05-06']).toBe('振替休日');
    expect(h['2019-10-22']).toBe('即位礼正殿の儀の行われる日');
    expect(h['2019-10-14']).toBe('体育の日');
    expect(Object.values(h)).not.toContain('天皇誕生日');
    expect(Object.keys(h)).toHaveLength(22);
  });

  it('moves the Olympic holidays in 2020 and 2021', () => {
    const h2020 = Object.fromEntries(asPairs(2020));
    expect(h2020['2020-07-23']).toBe('海の日');
    expect(h2020['2020-07-24']).toBe('スポーツの日');
    expect(h2020['2020-08-10']).toBe('山の日');
    expect(h2020['2020-10-12']).toBeUndefined();
    const h2021 = Object.fromEntries(asPairs(2021));
    expect(h2021['2021-07-22']).toBe('海の日');
    expect(h2021['2021-07-23']).toBe('スポーツの日');
    expect(h2021['2021-08-08']).toBe('山の日');
    expect(h2021['2021-08-09']).toBe('振替休日');
    expect(h2021['2021-10-11']).toBeUndefined();
  });

  it('follows the older rules in the early 2000s', () => {
    const h2000 = Object.fromEntries(asPairs(2000));
    expect(h2000['2000-07-20']).toBe('海の日');
    expect(h2000['2000-09-15']).toBe('敬老の日');
    expect(h2000['2000-10-09']).toBe('体育の日');
    expect(h2000['2000-12-23']).toBe('天皇誕生日');
    expect(h2000['2000-04-29']).toBe('みどりの日');
    // 5/4 was a 国民の休日 between 憲法記念日 and こどもの日 before it got its own name.
    expect(h2000['2000-05-04']).toBe('国民の休日');
    expect(japaneseHolidayName('2003-09-15')).toBe('敬老の日');
    expect(japaneseHolidayName('2009-09-22')).toBe('国民の休日');
    expect(japaneseHolidayName('2015-09-22')).toBe('国民の休日');
  });

  it('keeps the equinox approximation within its known dates', () => {
    expect(japaneseHolidayName('2012-03-20')).toBe('春分の日');
    expect(japaneseHolidayName('2016-09-22')).toBe('秋分の日');
    expect(japaneseHolidayName('2030-03-20')).toBe('春分の日');
    expect(japaneseHolidayName('2030-09-23')).toBe('秋分の日');
    expect(japaneseHolidayName('2092-03-19')).toBe('春分の日');
  });

  it('answers single-date questions and rejects years outside the supported range', () => {
    expect(isJapaneseHoliday('2026-09-22')).toBe(true);
    expect(isJapaneseHoliday('2026-09-24')).toBe(false);
    expect(isJapaneseHoliday('1999-01-01')).toBe(false);
    expect(isJapaneseHoliday('not-a-date')).toBe(false);
    expect(() => japaneseHolidays(2100)).toThrow(RangeError);
  });

  it('returns copies, so callers cannot corrupt the cache', () => {
    japaneseHolidays(2024)[0].name = 'x';
    expect(japaneseHolidays(2024)[0].name).toBe('元日');
  });
});
