import { describe, expect, it } from 'vitest';
import { platformTime } from './time';

const NOW = Date.UTC(2026, 11, 6, 12);

describe('platformTime', () => {
  it('reads milliseconds, seconds, numeric strings and date strings', () => {
    expect(platformTime(1793582625000, NOW)).toBe(new Date(1793582625000).toISOString());
    expect(platformTime(1793582625, NOW)).toBe(new Date(1793582625000).toISOString());
    expect(platformTime('1793582625000', NOW)).toBe(new Date(1793582625000).toISOString());
    expect(platformTime('2026-12-01T09:30:00+0900', NOW)).toBe('2026-12-01T00:30:00.000Z');
  });

  it('falls back to the time of receipt for anything unreadable or implausible (never throws)', () => {
    const now = new Date(NOW).toISOString();
    for (const bad of [
      undefined,
      null,
      {},
      [],
      'yesterday',
      -1,
      0,
      1e20,
      -1e20,
      Infinity,
      NaN,
      8.64e15 + 1,
      4102444800000,
      '9'.repeat(16),
      'x'.repeat(1000),
    ]) {
      expect(platformTime(bad, NOW)).toBe(now);
    }
  });
});
