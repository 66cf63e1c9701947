import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BaseModelJSON } from '../src/triage/base-model';
import { trainBaseModel } from '../src/triage/base-model';
import { fileURLToPath } from 'node:url';
import { corpusSets } from '../src/triage/evaluation/labelled-sets';
import {
  aboutCompetitorOnly,
  MODEL_PATH,
  reportingSets,
  serialise,
  trainingFingerprint,
  tuningSets,
} from './train-base-model';

const fixtures = fileURLToPath(new URL('../test/fixtures/triage/', import.meta.url));

describe('train-base-model', () => {
  it('trains on the tuning halves and the corpus only, never on a text of a reporting set', () => {
    const names = tuningSets().map((s) => s.name);
    expect(names.slice(0, 8)).toEqual([
      'dev',
      'fresh-dev',
      'blind-tune',
      'blind2-tune',
      'stream1-tune',
      'stream2-tune',
      'stream3-tune',
      'stream4-tune',
    ]);
    expect(names.slice(8).every((n) => n.startsWith('corpus/'))).toBe(true);
    expect(names.length).toBeGreaterThanOrEqual(10);
    const reporting = reportingSets().map((s) => s.name);
    expect(reporting).toEqual([
      'holdout',
      'fresh-test (untuned)',
      'blind-test (untuned)',
      'blind2-test (untuned)',
      'blind3 (untuned)',
      'stream1-test (untuned)',
      'stream2-test (untuned)',
      'stream3-test (untuned)',
      'stream4-test (untuned)',
    ]);
    const held = new Set(reportingSets().flatMap((s) => s.posts.map((p) => p.text)));
    expect(
      tuningSets()
        .flatMap((s) => s.posts)
        .filter((p) => held.has(p.text)),
    ).toEqual([]);
  });

  it('leaves out posts about a competitor only: the brand profile decides those, not the text', () => {
    const c21 = tuningSets().find((s) => s.name === 'corpus/c21')!;
    expect(c21.brands?.competitors?.length).toBeGreaterThan(0);
    const kept = new Set(c21.posts.map((p) => p.text));
    const all = corpusSets(fixtures).find((s) => s.name === 'corpus/c21')!.posts;
    const left = all.filter((p) => !kept.has(p.text));
    expect(left.length).toBeGreaterThan(5);
    expect(left.every((p) => aboutCompetitorOnly(p, c21.brands))).toBe(true);
    expect(left.every((p) => p.level === 0)).toBe(true);
  });

  it('is deterministic', () => {
    const ex = tuningSets()[1].posts.map((p) => ({
      text: p.text,
      level: p.level,
      categories: p.categories,
      sentiment: p.sentiment,
    }));
    const a = serialise(trainBaseModel(ex, ['x'], { epochs: 50 }));
    const b = serialise(trainBaseModel(ex, ['x'], { epochs: 50 }));
    expect(a).toBe(b);
  });

  it('the shipped src/triage/base-model.json was trained on the current sets with the current options, and is < 1 MB', () => {
    // Retraining takes ~25 s, so the test compares the fingerprint of what training reads;
    // `npm run train:triage` rewrites the file (and it is byte-identical for the same input).
    const shipped = readFileSync(MODEL_PATH, 'utf8');
    expect(shipped.length).toBeLessThan(1024 * 1024);
    const json = JSON.parse(shipped) as BaseModelJSON;
    expect(json.fingerprint).toBe(trainingFingerprint());
    expect(json.examples).toBe(tuningSets().reduce((n, s) => n + s.posts.length, 0));
  });
});
