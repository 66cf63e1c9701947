import { describe, expect, it } from 'vitest';
import { onlineWindows, TEAM } from './agents';
import { generateTraffic } from './traffic';

describe('generateTraffic', () => {
  const posts = generateTraffic({ seed: 7, posts: 2000 });

  it('is deterministic for a seed and differs across seeds', () => {
    expect(generateTraffic({ seed: 7, posts: 2000 })).toEqual(posts);
    expect(generateTraffic({ seed: 8, posts: 2000 }).map((p) => p.text)).not.toEqual(posts.map((p) => p.text));
  });

  it('produces the requested day: count, mostly Japanese, a quiet night, an outage burst', () => {
    expect(posts).toHaveLength(2000);
    expect(posts.filter((p) => p.lang === 'ja').length / posts.length).toBeGreaterThan(0.7);
    const hour = (h: number) => posts.filter((p) => !p.burst && Math.floor(p.arrivalS / 3600) === h).length;
    expect(hour(3)).toBeLessThan(hour(12) / 5);
    const burst = posts.filter((p) => p.burst);
    expect(burst).toHaveLength(150);
    expect(Math.max(...burst.map((p) => p.arrivalS)) - Math.min(...burst.map((p) => p.arrivalS))).toBeLessThanOrEqual(
      1800,
    );
    expect(new Set(posts.map((p) => p.text)).size).toBeGreaterThan(500);
  });
});

describe('onlineWindows', () => {
  it('splits a night shift across midnight and marks breaks and shift ends', () => {
    const night = TEAM.find((a) => a.id === 'a01')!.shift; // 22:00–07:00, break 01:00–02:00
    expect(onlineWindows(night, 25 * 3600)).toEqual([
      { startS: 0, endS: 1 * 3600, then: 'away' },
      { startS: 2 * 3600, endS: 7 * 3600, then: 'offline' },
      { startS: 22 * 3600, endS: 25 * 3600, then: 'away' },
    ]);
  });
});
