import { describe, expect, it } from 'vitest';
import { drawHandling, onlineWindows, TEAM, type AgentProfile } from './agents';
import { preparePosts } from './index';
import { createRng } from './random';

const H = 3600;
const onlineHours = (team: readonly AgentProfile[], hour: number): number =>
  team.reduce(
    (s, a) =>
      s +
      onlineWindows(a.shift).reduce(
        (t, w) => t + Math.max(0, Math.min(w.endS, (hour + 1) * H) - Math.max(w.startS, hour * H)),
        0,
      ),
    0,
  ) / H;

describe('TEAM (staffed by the written rule)', () => {
  // Expected work per hour from 20 generated ordinary days that are not the evaluated seeds (no burst).
  const days = 20;
  const work = [0, 1, 2, 3].map(() => new Array<number>(24).fill(0));
  for (let seed = 1001; seed < 1001 + days; seed++) {
    for (const p of preparePosts({ seed, posts: 1350, burst: null })) {
      if (p.post.intent === 'spam') continue;
      const h = Math.floor(p.post.arrivalS / H);
      work[p.post.trueLevel][h] +=
        (p.handling.firstReplyS + p.handling.followUps.reduce((s, f) => s + f.replyS, 0)) / days / H;
    }
  }

  it('keeps every hour at most 80% occupied, L3 agents at most 80% with L3 work, and an L3 agent online', () => {
    for (let h = 0; h < 24; h++) {
      const all = onlineHours(TEAM, h);
      const l3 = onlineHours(
        TEAM.filter((a) => a.level === 3),
        h,
      );
      expect(l3, `hour ${h}`).toBeGreaterThanOrEqual(1);
      expect((work[1][h] + work[2][h] + work[3][h]) / all, `hour ${h}`).toBeLessThanOrEqual(0.8);
      expect(work[3][h] / l3, `hour ${h}`).toBeLessThanOrEqual(0.8);
    }
  }, 30_000);
});

describe('drawHandling', () => {
  it('moves what the acknowledgement leaves out to the next reply instead of dropping it', () => {
    for (let i = 0; i < 50; i++) {
      const seed = 100 + i;
      const full = drawHandling(createRng(seed), 'billing_error', false, { ackFirst: false });
      const ack = drawHandling(createRng(seed), 'billing_error', false, { ackFirst: true });
      const total = (h: typeof full) => h.firstReplyS + h.followUps.reduce((s, f) => s + f.replyS, 0);
      expect(ack.firstReplyS).toBeLessThan(full.firstReplyS);
      expect(total(ack)).toBeCloseTo(total(full), 6);
    }
  });

  it('leaves posts without an acknowledgement step alone', () => {
    expect(drawHandling(createRng(7), 'question', false)).toEqual(
      drawHandling(createRng(7), 'question', false, { ackFirst: false }),
    );
  });
});
