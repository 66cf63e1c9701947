import { describe, expect, it } from 'vitest';
import { analyse } from './index';
import type { TriageContext } from './types';

const TEXT = 'アプリにログインできません';
const p = (context?: TriageContext) => analyse({ text: TEXT, context }).priority;

describe('priority', () => {
  it('orders levels: urgent issues above requests above FAQ above chatter', () => {
    const l3 = analyse({ text: TEXT }).priority;
    const l2 = analyse({ text: 'アプリにダークモードを追加してほしいです' }).priority;
    const l1 = analyse({ text: '営業時間を教えてください' }).priority;
    const l0 = analyse({ text: '今日は天気がいいから散歩しよう' }).priority;
    expect(l3).toBeGreaterThan(l2);
    expect(l2).toBeGreaterThan(l1);
    expect(l1).toBeGreaterThan(l0);
  });

  it.each<[keyof TriageContext, number[]]>([
    ['authorFollowers', [0, 50, 1_000, 50_000, 2_000_000]],
    ['reposts', [0, 1, 10, 100, 10_000]],
    ['likes', [0, 5, 50, 500, 50_000]],
    ['repostsPerHour', [0, 1, 10, 100, 1_000]],
    ['recentPostsByCustomer', [1, 2, 3, 5, 20]],
    ['waitingMinutes', [0, 5, 30, 120, 2_000]],
  ])('never decreases as %s grows', (key, values) => {
    const scores = values.map((v) => p({ [key]: v }));
    for (let i = 1; i < scores.length; i++) expect(scores[i]).toBeGreaterThanOrEqual(scores[i - 1]);
    expect(scores[scores.length - 1]).toBeGreaterThan(scores[0]);
  });

  it('VIP raises priority and every contribution has a reason', () => {
    const r = analyse({ text: TEXT, context: { vip: true, authorFollowers: 20_000, waitingMinutes: 60 } });
    expect(r.priority).toBeGreaterThan(p());
    const codes = r.reasons.filter((x) => x.kind === 'priority').map((x) => x.code);
    expect(codes).toEqual(expect.arrayContaining(['level', 'vip', 'reach', 'waiting']));
  });

  it('stays within 0..100 with extreme or invalid context', () => {
    const max = p({
      authorFollowers: 1e12,
      reposts: 1e9,
      likes: 1e9,
      repostsPerHour: 1e9,
      recentPostsByCustomer: 1e6,
      vip: true,
      waitingMinutes: 1e9,
    });
    expect(max).toBeLessThanOrEqual(100);
    expect(p({ authorFollowers: -5, waitingMinutes: Number.NaN })).toBe(p());
  });
});
