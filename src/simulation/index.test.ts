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

  // The target (L3 p90 ≤ 300 s, fifo ≥ 5× worse) is NOT met with these
  // parameters; see docs/simulation.md. What does hold on an ordinary day:
  it('without the outage burst koe answers urgent posts faster than fifo', () => {
    const calm = runFrtSimulation({ seed: 1, posts: 1350, burst: null });
    expect(calm.result.ratio).toBeGreaterThan(1.5);
  });
});
