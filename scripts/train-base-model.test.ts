import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { trainBaseModel } from '../src/triage/base-model';
import { MODEL_PATH, serialise, trainFromTuningSets, tuningSets } from './train-base-model';

describe('train-base-model', () => {
  it('trains only on the tuning sets', () => {
    expect(tuningSets().map((s) => s.name)).toEqual(['dev', 'fresh-dev', 'blind-tune', 'blind2-tune']);
  });

  it('is deterministic', () => {
    const ex = tuningSets()[1].posts.map((p) => ({ text: p.text, level: p.level, categories: p.categories }));
    const a = serialise(trainBaseModel(ex, ['x'], { epochs: 50 }));
    const b = serialise(trainBaseModel(ex, ['x'], { epochs: 50 }));
    expect(a).toBe(b);
  });

  it('the shipped src/triage/base-model.json is what npm run train:triage writes, and is < 1 MB', () => {
    const shipped = readFileSync(MODEL_PATH, 'utf8');
    expect(shipped.length).toBeLessThan(1024 * 1024);
    expect(serialise(trainFromTuningSets())).toBe(shipped);
  });
});
