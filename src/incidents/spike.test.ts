import { describe, expect, it } from 'vitest';
import { countsAt, detectSpike, DEFAULT_SPIKE_RULE } from './spike';

describe('detectSpike', () => {
  it('alerts when the window holds many more than the baseline predicts', () => {
    // 34 outage posts in a normal day predicts 0.24 per 10 minutes; 9 is a spike.
    const v = detectSpike('outage', { inWindow: 9, inBaseline: 34 });
    expect(v.spike).toBe(true);
    expect(v.expected).toBeCloseTo(34 / 144, 5);
    expect(v.explanationJa).toBe('outage：10分間に9件（通常0.2件）');
  });

  it('does not alert below the minimum count, however quiet the baseline', () => {
    expect(detectSpike('outage', { inWindow: 7, inBaseline: 0 }).spike).toBe(false);
    expect(detectSpike('outage', { inWindow: 8, inBaseline: 0 }).spike).toBe(true);
  });

  it('does not alert when a busy category is only as busy as usual', () => {
    // 1,440 a day is 10 per 10 minutes; 12 is not four times that.
    expect(detectSpike('question', { inWindow: 12, inBaseline: 1440 }).spike).toBe(false);
    expect(detectSpike('question', { inWindow: 40, inBaseline: 1440 }).spike).toBe(true);
  });

  it('rejects impossible counts', () => {
    expect(() => detectSpike('outage', { inWindow: -1, inBaseline: 0 })).toThrow(RangeError);
  });
});

describe('countsAt', () => {
  it('splits creation times into the window and the baseline before it', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    const min = 60_000;
    const times = [now - 1 * min, now - 9 * min, now - 11 * min, now - 23 * 60 * min, now - 25 * 60 * min, now + min];
    expect(countsAt(times, now, DEFAULT_SPIKE_RULE)).toEqual({ inWindow: 2, inBaseline: 2 });
  });
});
