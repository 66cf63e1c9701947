import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate, loadLabelled, TARGETS } from './evaluate';
import { blind2Sets, blind3Sets, blindSets, freshSets, streamSets } from './labelled-sets';
import { CATEGORIES } from '../types';

const BLIND_TEST_FLOOR = { level3Recall: 0.92 };
// Issue 13 traded level-3 recall on this issue-heavy set for precision on realistic streams (docs/triage.md, "Pass 6"):
// recall 0.948 → 0.876, with most of the difference in the "needs a look" tier (level 3 or marked: 0.938).
const BLIND3_FLOOR = {
  level3Recall: 0.86,
  level3OrLookRecall: 0.92,
  level3Precision: 0.83,
  sentimentMacroF1: 0.78,
  categoryMicroF1: 0.72,
};

/** Every issue target: level-3 recall and precision, sentiment macro-F1, category micro-F1. */
function expectAllTargets(r: ReturnType<typeof evaluate>): void {
  expect(r.level3.recall).toBeGreaterThanOrEqual(TARGETS.level3Recall);
  expect(r.level3.precision).toBeGreaterThanOrEqual(TARGETS.level3Precision);
  expect(r.sentimentMacroF1).toBeGreaterThanOrEqual(TARGETS.sentimentMacroF1);
  expect(r.categoryMicroF1).toBeGreaterThanOrEqual(TARGETS.categoryMicroF1);
}

const fixture = (name: string) => fileURLToPath(new URL(`../../../test/fixtures/triage/${name}`, import.meta.url));

describe('labelled sets', () => {
  const dev = loadLabelled(fixture('posts.jsonl'));
  const holdout = loadLabelled(fixture('holdout.jsonl'));

  it('are large enough, mostly Japanese and cover every category and level', () => {
    expect(dev.length).toBeGreaterThanOrEqual(600);
    expect(dev.filter((p) => p.lang === 'ja').length / dev.length).toBeGreaterThanOrEqual(0.7);
    expect(holdout.length).toBeGreaterThanOrEqual(150);
    for (const c of CATEGORIES) expect(dev.some((p) => p.categories.includes(c))).toBe(true);
    for (const l of [0, 1, 2, 3]) expect(dev.some((p) => p.level === l)).toBe(true);
    const devTexts = new Set(dev.map((p) => p.text));
    expect(holdout.filter((p) => devTexts.has(p.text))).toEqual([]);
  });

  it('dev set (used for tuning) meets every target', () => {
    const r = evaluate(dev);
    expectAllTargets(r);
  });

  it('holdout set (never used for tuning): every target met by the default analyser (rules + base model)', () => {
    expectAllTargets(evaluate(holdout));
    // The rules alone stay short on level-3 recall (0.913, docs/triage.md): guard them against regressions too.
    expect(evaluate(holdout, { baseModel: null }).level3.recall).toBeGreaterThanOrEqual(0.91);
  });

  it('fresh set (other domains and styles): 200 posts, both halves meet every target', () => {
    const fixtures = fileURLToPath(new URL('../../../test/fixtures/triage/', import.meta.url));
    const sets = freshSets(fixtures);
    expect(sets.map((s) => s.posts.length)).toEqual([100, 100]);
    const all = sets.flatMap((s) => s.posts);
    expect(all.filter((p) => p.lang === 'ja').length / all.length).toBeGreaterThanOrEqual(0.7);
    expect(all.filter((p) => p.level === 3).length).toBeGreaterThanOrEqual(70);
    expect(all.filter((p) => p.sentiment === 'positive').length).toBeGreaterThanOrEqual(40);
    const devTexts = new Set([...dev, ...holdout].map((p) => p.text));
    expect(all.filter((p) => devTexts.has(p.text))).toEqual([]);
    for (const set of sets) {
      const r = evaluate(set.posts);
      expectAllTargets(r);
    }
  });

  it('blind set (written before the analyser saw it): 275 posts, blind-tune meets every target, blind-test has floors', () => {
    const fixtures = fileURLToPath(new URL('../../../test/fixtures/triage/', import.meta.url));
    const [tune, test] = blindSets(fixtures);
    expect([tune.posts.length, test.posts.length]).toEqual([138, 137]);
    const all = [...tune.posts, ...test.posts];
    expect(all.filter((p) => p.lang === 'ja').length / all.length).toBeGreaterThanOrEqual(0.7);
    expect(all.filter((p) => p.level === 3).length / all.length).toBeGreaterThanOrEqual(0.5);
    const known = new Set([...dev, ...freshSets(fixtures).flatMap((s) => s.posts)].map((p) => p.text));
    expect(all.filter((p) => known.has(p.text))).toEqual([]);
    const r = evaluate(tune.posts);
    expectAllTargets(r);
    // blind-test is only measured, never tuned on: the default analyser meets every target there.
    expectAllTargets(evaluate(test.posts));
  });

  it('blind2 set (pass 4, written before the analyser saw it): 217 posts, blind2-tune meets every target', () => {
    const fixtures = fileURLToPath(new URL('../../../test/fixtures/triage/', import.meta.url));
    const [tune, test] = blind2Sets(fixtures);
    expect([tune.posts.length, test.posts.length]).toEqual([109, 108]);
    const all = [...tune.posts, ...test.posts];
    expect(all.filter((p) => p.lang === 'ja').length / all.length).toBeGreaterThanOrEqual(0.7);
    expect(all.filter((p) => p.level === 3).length / all.length).toBeGreaterThanOrEqual(0.45);
    const known = new Set(
      [
        ...dev,
        ...holdout,
        ...freshSets(fixtures).flatMap((s) => s.posts),
        ...blindSets(fixtures).flatMap((s) => s.posts),
      ].map((p) => p.text),
    );
    expect(all.filter((p) => known.has(p.text))).toEqual([]);
    const r = evaluate(tune.posts);
    expectAllTargets(r);
    // blind2-test is only measured: precision, sentiment and category targets met; level-3 recall short
    // (0.932 with the base model, docs/triage.md), so a floor guards against regressions.
    const t = evaluate(test.posts);
    expect(t.level3.recall).toBeGreaterThanOrEqual(BLIND_TEST_FLOOR.level3Recall);
    expect(t.level3.precision).toBeGreaterThanOrEqual(TARGETS.level3Precision);
    expect(t.sentimentMacroF1).toBeGreaterThanOrEqual(TARGETS.sentimentMacroF1);
    expect(t.categoryMicroF1).toBeGreaterThanOrEqual(TARGETS.categoryMicroF1);
  });

  it('blind3 set (pass 5, reporting only): 220 posts, written before any run; floors on the hardest set', () => {
    const fixtures = fileURLToPath(new URL('../../../test/fixtures/triage/', import.meta.url));
    const [set] = blind3Sets(fixtures);
    expect(set.posts.length).toBe(220);
    expect(set.posts.filter((p) => p.lang === 'ja').length / set.posts.length).toBeGreaterThanOrEqual(0.7);
    for (const c of CATEGORIES) expect(set.posts.some((p) => p.categories.includes(c))).toBe(true);
    // Targets not met here (docs/triage.md, "Known gaps"); these floors sit just below the measured
    // figures (issue 13: L3 recall 0.876, precision 0.850, sentiment 0.800, category 0.742) and far above the
    // rules alone (0.711 / 0.841 / 0.676 / 0.688).
    const r = evaluate(set.posts);
    expect(r.level3.recall).toBeGreaterThanOrEqual(BLIND3_FLOOR.level3Recall);
    const urgent = set.posts.filter((p) => p.level === 3).length;
    const seen = r.level3.recall * urgent + r.needsLook.urgent;
    expect(seen / urgent).toBeGreaterThanOrEqual(BLIND3_FLOOR.level3OrLookRecall);
    expect(r.level3.precision).toBeGreaterThanOrEqual(BLIND3_FLOOR.level3Precision);
    expect(r.sentimentMacroF1).toBeGreaterThanOrEqual(BLIND3_FLOOR.sentimentMacroF1);
    expect(r.categoryMicroF1).toBeGreaterThanOrEqual(BLIND3_FLOOR.categoryMicroF1);
  });

  it('realistic streams (issue 13): four days of mentions at real base rates, split into tuning and reporting halves', () => {
    const fixtures = fileURLToPath(new URL('../../../test/fixtures/triage/', import.meta.url));
    const sets = streamSets(fixtures);
    expect(sets.map((s) => s.name)).toEqual([
      'stream1-tune (tuned)',
      'stream1-test (untuned)',
      'stream2-tune (tuned)',
      'stream2-test (untuned)',
      'stream3-tune (tuned)',
      'stream3-test (untuned)',
      'stream4-tune (tuned)',
      'stream4-test (untuned)',
    ]);
    for (const file of ['stream1', 'stream2', 'stream3', 'stream4']) {
      const posts = sets.filter((s) => s.name.startsWith(file)).flatMap((s) => s.posts);
      expect(posts).toHaveLength(170);
      const share = (pred: (p: (typeof posts)[number]) => boolean) => posts.filter(pred).length / posts.length;
      // Most posts need nothing: chatter (level 0, no category) and spam; a minority is urgent.
      expect(share((p) => p.level === 0 && p.categories.length === 0)).toBeGreaterThanOrEqual(0.4);
      expect(share((p) => p.categories.includes('spam'))).toBeGreaterThanOrEqual(0.08);
      const urgent = share((p) => p.level === 3);
      expect(urgent).toBeGreaterThanOrEqual(0.15);
      expect(urgent).toBeLessThanOrEqual(0.22);
    }
    // Targets are not met on these yet (docs/triage.md, "Pass 7"); floors just below the last reading of the reporting
    // halves (L3 recall / precision / sentiment / category) guard against losing what was gained.
    const floors: Record<string, [number, number, number, number]> = {
      'stream1-test (untuned)': [0.95, 0.8, 0.77, 0.82],
      'stream2-test (untuned)': [0.95, 0.72, 0.77, 0.72],
      'stream3-test (untuned)': [0.55, 0.55, 0.66, 0.7],
      'stream4-test (untuned)': [0.7, 0.78, 0.74, 0.74],
    };
    for (const set of sets.filter((s) => s.name.includes('-test'))) {
      expect(set.brands?.competitors?.length, set.name).toBeGreaterThan(0);
      const r = evaluate(set.posts, { brands: set.brands });
      const [recall, precision, sentiment, category] = floors[set.name];
      expect(r.level3.recall, set.name).toBeGreaterThanOrEqual(recall);
      expect(r.level3.precision, set.name).toBeGreaterThanOrEqual(precision);
      expect(r.sentimentMacroF1, set.name).toBeGreaterThanOrEqual(sentiment);
      expect(r.categoryMicroF1, set.name).toBeGreaterThanOrEqual(category);
    }
  });
});
