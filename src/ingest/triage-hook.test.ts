import { describe, expect, it } from 'vitest';
import { mergeVerdict, type TriageVerdict } from './triage-hook';

const verdict = (
  v: Omit<Partial<TriageVerdict>, 'flags'> & { flags?: Partial<TriageVerdict['flags']> },
): TriageVerdict => ({
  level: 1,
  priority: 30,
  sentiment: 'neutral',
  categories: [],
  reasons: [],
  ...v,
  flags: { spam: false, troll: false, ...v.flags },
});
const current = { level: 1, priority: 30, categories: [], reasons: [], flag: null, mark: null };

describe("a conversation's triage mark", () => {
  it('carries the newest message\'s mark: "needs a look" or a competitor mention', () => {
    expect(mergeVerdict(current, verdict({ flags: { needsLook: true } })).mark).toBe('needs_look');
    expect(mergeVerdict(current, verdict({ level: 0, flags: { competitor: true } })).mark).toBe('competitor');
    expect(mergeVerdict({ ...current, mark: 'needs_look' }, verdict({})).mark).toBeNull();
  });

  it('is dropped once the conversation is level 3: it needs no look, and it is ours', () => {
    expect(mergeVerdict({ ...current, level: 3 }, verdict({ flags: { needsLook: true } })).mark).toBeNull();
    expect(mergeVerdict(current, verdict({ level: 3, flags: { competitor: true } })).mark).toBeNull();
  });
});
