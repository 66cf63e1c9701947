import { describe, expect, it } from 'vitest';
import { formatReport, runFrtSimulation } from './index';

describe('runFrtSimulation (a full sandbox day)', () => {
  const report = runFrtSimulation({ seed: 1 });

  it('is deterministic: the same seed gives the same report', () => {
    expect(runFrtSimulation({ seed: 1 })).toEqual(report);
    expect(runFrtSimulation({ seed: 2 }).koe).not.toEqual(report.koe);
  });

  it('ends with the machine-readable RESULT line', () => {
    const last = formatReport(report).split('\n').at(-1);
    expect(last).toMatch(/^RESULT frt l3_p90_s=\d+ fifo_l3_p90_s=\d+ ratio=\d+\.\d\d response_rate=\d\.\d{3}$/);
  });

  it('koe answers every non-spam post by the end of the day', () => {
    expect(report.koe.responseRate).toBe(1);
    expect(report.traffic.japanese).toBeGreaterThan(0.7);
  });

  it('koe answers L1 and L2 faster than fifo and keeps a shorter queue', () => {
    for (const i of [0, 1]) expect(report.koe.levels[i].p90S).toBeLessThan(report.fifo.levels[i].p90S);
    expect(report.koe.meanQueue).toBeLessThan(report.fifo.meanQueue);
  });

  it("meets the issue's target on the default day: L3 p90 within 300 s and FIFO at least 5 times worse", () => {
    expect(report.result.l3P90S).toBeLessThanOrEqual(300);
    expect(report.result.ratio).toBeGreaterThanOrEqual(5);
    expect(report.incidents).toHaveLength(1);
    expect(report.incidents[0]).toMatchObject({ category: 'outage' });
    expect(report.incidents[0].acknowledged).toBeGreaterThan(100);
  });

  it('without incidents the outage burst swamps the L3 agents again', () => {
    const off = runFrtSimulation({ seed: 1, features: { incidents: false } });
    expect(off.result.l3P90S).toBeGreaterThan(4 * report.result.l3P90S);
  });

  // On an ordinary day (no burst) a well-staffed FIFO desk is not 5× slower; Koe is still faster.
  it('without the outage burst koe answers urgent posts within the target and faster than fifo', () => {
    const calm = runFrtSimulation({ seed: 1, posts: 1350, burst: null });
    expect(calm.result.l3P90S).toBeLessThanOrEqual(300);
    expect(calm.result.ratio).toBeGreaterThan(1.5);
  });
});
