import { describe, expect, it } from 'vitest';
import { contrast, inkOf, textOn } from './colour';

describe('accent contrast', () => {
  it('measures WCAG contrast', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
  });

  it('writes white on a dark accent and near-black on a pale one', () => {
    expect(textOn('#0c8599')).toBe('#ffffff');
    expect(textOn('#ffe066')).toBe('#1a1a1a');
  });

  it('darkens a pale accent until links read on white, and keeps a dark one', () => {
    expect(inkOf('#1c3d5a')).toBe('#1c3d5a');
    const ink = inkOf('#ffe066');
    expect(ink).not.toBe('#ffe066');
    expect(contrast(ink, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
});
