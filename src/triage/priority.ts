// Priority 0..100: level sets the base, then sentiment strength and the
// flame-risk / queue signals add bounded, monotonic amounts so one signal can
// never drown the others and more reach or waiting never lowers priority.
import { reason } from './messages';
import type { Category, Lang, Level, Reason, TriageContext } from './types';

const LEVEL_BASE: Record<Level, number> = { 0: 4, 1: 22, 2: 40, 3: 60 };
/** Where a post marked "needs a look" starts: between level 2 and level 3. */
const NEEDS_LOOK_BASE = 50;

export interface PriorityInput {
  lang: Lang;
  level: Level;
  sentimentScore: number;
  categories: Category[];
  spam: boolean;
  troll: boolean;
  /** Marked "needs a look": placed above level 2, below confirmed level 3. */
  needsLook?: boolean;
  context?: TriageContext;
}

const nonNeg = (n: number | undefined): number => (n !== undefined && Number.isFinite(n) && n > 0 ? n : 0);
const round1 = (n: number): string => String(Math.round(n * 10) / 10);

export function computePriority(input: PriorityInput): { priority: number; reasons: Reason[] } {
  const { lang, level, context: ctx } = input;
  const reasons: Reason[] = [];
  const add = (points: number, code: string, evidence: string) => {
    if (points < 0.5 && points > -0.5) return 0;
    reasons.push(reason(lang, 'priority', code, `p_${code}`, evidence));
    return points;
  };
  let p = add(LEVEL_BASE[level], 'level', String(level));
  if (input.needsLook && level < 3) p += add(NEEDS_LOOK_BASE - LEVEL_BASE[level], 'needs_look', '');
  if (input.sentimentScore < 0) p += add(-input.sentimentScore * 14, 'sentiment', round1(input.sentimentScore));
  if (input.categories.includes('safety')) p += add(6, 'safety', 'safety');

  const followers = nonNeg(ctx?.authorFollowers);
  if (followers > 0)
    p += add(Math.min(10, Math.max(0, (Math.log10(followers + 1) - 2) * 3.4)), 'reach', String(followers));
  const engagement = nonNeg(ctx?.reposts) * 2 + nonNeg(ctx?.likes);
  if (engagement > 0)
    p += add(
      Math.min(6, Math.log10(engagement + 1) * 2),
      'engagement',
      `${nonNeg(ctx?.reposts)}/${nonNeg(ctx?.likes)}`,
    );
  const velocity = nonNeg(ctx?.repostsPerHour);
  if (velocity > 0) p += add(Math.min(10, Math.log2(velocity + 1) * 2), 'velocity', String(velocity));
  const recent = nonNeg(ctx?.recentPostsByCustomer);
  if (recent > 1) p += add(Math.min(8, (recent - 1) * 2.5), 'repeat', String(recent));
  if (ctx?.vip) p += add(8, 'vip', 'VIP');
  const waiting = nonNeg(ctx?.waitingMinutes);
  if (waiting > 0) p += add(Math.min(14, Math.sqrt(waiting) * 1.5), 'waiting', String(Math.round(waiting)));

  // Flags lower priority but keep items visible; reach still raises a troll
  // with a big audience, because that is a flame risk in itself.
  if (input.spam) {
    p = Math.min(p, 5);
    reasons.push(reason(lang, 'priority', 'spam', 'p_spam', 'spam'));
  }
  if (input.troll) p += add(-15, 'troll', 'troll');
  return { priority: Math.max(0, Math.min(100, Math.round(p))), reasons };
}
