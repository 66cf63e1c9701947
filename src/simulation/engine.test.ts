import { describe, expect, it } from 'vitest';
import { Simulation } from './engine';

describe('Simulation', () => {
  it('runs events in time order, ties in scheduling order', () => {
    const sim = new Simulation();
    const seen: string[] = [];
    sim.schedule(30, () => seen.push('c@30'));
    sim.schedule(10, () => seen.push('a@10'));
    sim.schedule(10, () => seen.push('b@10'));
    sim.schedule(20, () => {
      seen.push('x@20');
      sim.schedule(20, () => seen.push('y@20 (scheduled during x)'));
    });
    sim.run();
    expect(seen).toEqual(['a@10', 'b@10', 'x@20', 'y@20 (scheduled during x)', 'c@30']);
  });

  it('stops at the horizon and never moves the clock backwards', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    for (const t of [5, 50, 500]) sim.schedule(t, () => seen.push(sim.now));
    expect(sim.run(100)).toBe(2);
    expect(seen).toEqual([5, 50]);
    expect(sim.now).toBe(100);
    sim.schedule(1, () => seen.push(sim.now));
    sim.run(200);
    expect(seen).toEqual([5, 50, 100]);
    expect(sim.pending).toBe(1);
  });

  it('calls the after-each hook once per event', () => {
    const sim = new Simulation();
    let hooks = 0;
    sim.onEachEvent(() => hooks++);
    for (let i = 0; i < 1000; i++) sim.schedule((i * 7919) % 101, () => {});
    sim.run();
    expect(hooks).toBe(1000);
  });
});
