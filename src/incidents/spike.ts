// Spike detection: is a category arriving much faster than usual right now?
// Pure, so the ingest job, the reports and the FRT simulation use the same rule.
// A spike is a short window (default 10 minutes) holding at least `minCount`
// conversations of one category and at least `factor` times what the trailing
// baseline (default 24 hours, window excluded) predicts for a window that long.

export interface SpikeRule {
  windowMinutes: number;
  baselineHours: number;
  /** Never alert on fewer than this many conversations, however quiet the baseline. */
  minCount: number;
  /** How many times the expected count the window must hold. */
  factor: number;
}

export const DEFAULT_SPIKE_RULE: SpikeRule = { windowMinutes: 10, baselineHours: 24, minCount: 8, factor: 4 };

export interface SpikeCounts {
  /** Conversations of the category created in the window ending now. */
  inWindow: number;
  /** Conversations of the category created in the baseline period before the window. */
  inBaseline: number;
}

export interface SpikeVerdict {
  spike: boolean;
  observed: number;
  /** What the baseline predicts for one window. */
  expected: number;
  explanation: string;
  explanationJa: string;
}

export function detectSpike(category: string, counts: SpikeCounts, rule: SpikeRule = DEFAULT_SPIKE_RULE): SpikeVerdict {
  if (
    !Number.isFinite(counts.inWindow) ||
    !Number.isFinite(counts.inBaseline) ||
    counts.inWindow < 0 ||
    counts.inBaseline < 0
  ) {
    throw new RangeError('spike counts must be non-negative numbers');
  }
  const expected = (counts.inBaseline * rule.windowMinutes) / (rule.baselineHours * 60);
  const spike = counts.inWindow >= rule.minCount && counts.inWindow >= rule.factor * expected;
  const usual = expected < 0.1 ? '<0.1' : expected.toFixed(1);
  return {
    spike,
    observed: counts.inWindow,
    expected,
    explanation: `${category}: ${counts.inWindow} in ${rule.windowMinutes} min (usually ${usual})`,
    explanationJa: `${category}：${rule.windowMinutes}分間に${counts.inWindow}件（通常${usual}件）`,
  };
}

/** Counts for `detectSpike` from creation times (ms) of one category's conversations. */
export function countsAt(
  createdMs: readonly number[],
  nowMs: number,
  rule: SpikeRule = DEFAULT_SPIKE_RULE,
): SpikeCounts {
  const windowStart = nowMs - rule.windowMinutes * 60_000;
  const baselineStart = windowStart - rule.baselineHours * 3_600_000;
  let inWindow = 0;
  let inBaseline = 0;
  for (const t of createdMs) {
    if (t > nowMs) continue;
    if (t > windowStart) inWindow++;
    else if (t > baselineStart) inBaseline++;
  }
  return { inWindow, inBaseline };
}
