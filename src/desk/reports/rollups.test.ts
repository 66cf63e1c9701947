import { describe, expect, it } from 'vitest';
import {
  addFact,
  applyRollupChanges,
  binOf,
  binWidth,
  emptyTally,
  encodeTally,
  headlineOf,
  Histogram,
  rollupChanges,
  rollupKeyOf,
  type RollupFact,
} from './rollups';
import { headline } from './figures';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const fact = (o: Partial<RollupFact> = {}): RollupFact => ({
  conversation_id: 'c1',
  workspace_id: 'w1',
  created_at: '2026-11-05T01:00:00.000Z',
  channel_id: 'ch1',
  level: 2,
  category: 'defect',
  sentiment: 'negative',
  team_id: '',
  agent_id: 'a1',
  flag: '',
  public: 0,
  first_response_ms: 600_000,
  first_response_business_ms: 600_000,
  sla: 'met',
  sla_due_at: null,
  next_responses: 1,
  next_response_ms_total: 120_000,
  resolution_ms: 3_600_000,
  reopens: 0,
  escalated_to: 0,
  escalations: 0,
  handoff_ms: null,
  csat: 5,
  nps: null,
  rollup_day: '2026-11-05',
  rollup_hour: 10,
  ...o,
});

describe('duration histograms', () => {
  it('put every value in a bin at most 1/64 of it wide, bins in the order of the values', () => {
    let last = -1;
    for (const v of [0, 1, 127, 128, 129, 255, 256, 300_000, 2 ** 31, 2 ** 31 + 1, 86_400_000 * 400, 2 ** 40]) {
      const b = binOf(v);
      expect(b).toBeGreaterThanOrEqual(last);
      last = b;
      expect(binWidth(b)).toBeLessThanOrEqual(Math.max(1, v / 64));
    }
    // Neighbouring values across a power of two land in neighbouring bins.
    expect(binOf(2 ** 20) - binOf(2 ** 20 - 1)).toBe(1);
  });

  it('give percentiles within a bin of the exact nearest-rank ones, and exact ones for single values', () => {
    const rnd = random(7);
    for (let run = 0; run < 20; run++) {
      const values = Array.from({ length: 1 + Math.floor(rnd() * 3000) }, () =>
        Math.floor(60_000 * Math.exp(rnd() * Math.log(2880))),
      );
      const h = new Histogram();
      for (const v of values) h.addValue(v, 1);
      const sorted = Float64Array.from(values).sort();
      for (const p of [50, 90]) {
        const exact = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
        expect(Math.abs(h.percentile(p)! - exact)).toBeLessThanOrEqual(binWidth(binOf(exact)));
      }
    }
    const h = new Histogram();
    for (const v of [180_000, 2_700_000, 144_000_000]) h.addValue(v, 1);
    expect(h.percentile(50)).toBe(2_700_000);
    expect(h.percentile(90)).toBe(144_000_000);
    expect(new Histogram().percentile(50)).toBeNull();
  });
});

describe('rollups', () => {
  it('count what the headline counts from the facts', () => {
    const facts = [
      fact(),
      fact({ conversation_id: 'c2', flag: 'spam', first_response_ms: null, sla: 'none', csat: null }),
      fact({ conversation_id: 'c3', public: 1, first_response_ms: 200_000, sla: 'breached', reopens: 1, nps: 9 }),
      fact({ conversation_id: 'c4', first_response_ms: null, resolution_ms: null, escalations: 1, escalated_to: 3 }),
    ];
    const t = emptyTally();
    for (const f of facts) addFact(t, f, 1);
    expect(headlineOf(t)).toEqual(headline(facts, new Date()));
  });

  it('take a recomputed conversation out of its old rows and into its new ones; no change when nothing changed', () => {
    const old = fact();
    const moved = fact({ rollup_day: '2026-11-06', level: 3, first_response_ms: 60_000 });
    const stored = new Map<string, string>();
    const write = (changes: ReturnType<typeof rollupChanges>) => {
      const { write, remove } = applyRollupChanges(stored, changes);
      for (const r of write) stored.set(rollupKeyOf(r), r.figures);
      for (const r of remove) stored.delete(rollupKeyOf(r));
    };
    write(rollupChanges({ facts: [], days: [] }, { facts: [old], days: [] }));
    expect(stored.size).toBe(21); // the whole desk, its channel and its level; each all and one row per dimension
    expect(rollupChanges({ facts: [old], days: [] }, { facts: [old], days: [] })).toEqual([]);
    write(rollupChanges({ facts: [old], days: [] }, { facts: [moved], days: [] }));
    expect([...stored.keys()].every((k) => k.includes('2026-11-06'))).toBe(true);
    const t = emptyTally();
    addFact(t, moved, 1);
    expect(stored.get(rollupKeyOf({ workspace_id: 'w1', scope: 'level:3', day: '2026-11-06', dim: '', key: '' }))).toBe(
      encodeTally(t),
    );
    // A fact not yet counted (computed before the rollups existed) is not taken out.
    write(rollupChanges({ facts: [{ ...moved, rollup_day: null }], days: [] }, { facts: [], days: [] }));
    expect(stored.size).toBe(21);
  });
});
