import { describe, expect, it } from 'vitest';
import { analyse } from '../triage/index';
import type { AgentProfile } from './agents';
import type { PreparedPost } from './desk';
import { runDesk } from './index';
import { fifoPolicy, koePolicy } from './policies';
import { TRUE_LEVEL, type Intent } from './traffic';

// Two agents online all day: an L1 generalist and an L3 billing specialist.
const allDay = { startS: 0, endS: 30 * 3600, breakAfterS: 30 * 3600, breakS: 0 };
const team: AgentProfile[] = [
  { id: 'l1', name: 'Ito', level: 1, skills: ['general'], capacity: 6, shift: allDay },
  { id: 'l3', name: 'Sato', level: 3, skills: ['billing', 'general'], capacity: 4, shift: allDay },
];

function post(id: string, arrivalS: number, intent: Intent, text: string): PreparedPost {
  const p = { id, arrivalS, customerId: `c-${id}`, text, lang: 'ja' as const, intent, trueLevel: TRUE_LEVEL[intent], context: {}, burst: false };
  return { post: p, triage: analyse({ text, lang: 'ja' }), handling: { firstReplyS: 60, followUps: [] } };
}

// Three FAQ questions at 100 s, then a double charge one second later.
const posts = [
  post('q1', 100, 'question', '送料について教えてください'),
  post('q2', 100, 'question', 'ポイントの有効期限ってどうなってますか？'),
  post('q3', 100, 'question', '営業時間を知りたいです'),
  post('bill', 101, 'billing_error', 'カードの明細を見たら二重請求されていました。返金してください'),
];

const frt = (policy: typeof koePolicy) => {
  const desk = runDesk(policy, posts, team, 0);
  return Object.fromEntries(desk.conversations.map((c) => [c.prepared.post.id, (c.firstResponseS ?? Infinity) - c.prepared.post.arrivalS]));
};

describe('koe vs fifo on a hand-made queue', () => {
  it('triage sees the double charge as urgent and the questions as L1', () => {
    expect(posts.map((p) => p.triage.level)).toEqual([1, 1, 1, 3]);
  });

  it('koe keeps the L3 agent free: the double charge is answered after its 60 s reply', () => {
    const t = frt(koePolicy);
    expect(t.bill).toBe(60);
    // The L1 agent answers the questions one after another.
    expect([t.q1, t.q2, t.q3]).toEqual([60, 120, 180]);
  });

  it('fifo hands a question to the L3 agent, so the double charge waits behind it', () => {
    const t = frt(fifoPolicy);
    expect(t.bill).toBeGreaterThan(60);
    // q2 went to the L3 agent (least loaded), who is off-skill for it; the double charge comes after.
    expect(t.bill + 1).toBeGreaterThan(t.q2);
  });
});
