import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { installRoot } from './paths';

describe('installRoot', () => {
  it('is the nearest directory with a package.json, from the sources or from the compiled bundle', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'koe-root-'));
    writeFileSync(path.join(root, 'package.json'), '{}');
    for (const dir of ['src/config', 'dist/server']) {
      mkdirSync(path.join(root, dir), { recursive: true });
      expect(installRoot(path.join(root, dir))).toBe(root);
    }
    expect(installRoot()).toBe(path.resolve(import.meta.dirname, '../..'));
  });
});
