import { describe, expect, it } from 'vitest';
import { DeskSettingsSchema } from '../settings';
import type { FactRow } from '../../store/repositories/reports';
import { computeFacts, localDays } from './facts';
import { frtBin, headline } from './figures';

const settings = DeskSettingsSchema.parse({});
const source = (c: Partial<ReturnType<typeof base>>, messages: { kind: string; at: string }[] = []) => ({
  conversation: { ...base(), ...c },
  messages: messages.map((m) => ({
    kind: m.kind,
    author_type: m.kind === 'reply' ? 'agent' : 'customer',
    created_at: m.at,
    meta: null,
  })),
  escalations: [],
  reopens: 0,
  scores: { csat: null, nps: null },
});
const base = () => ({
  id: 'c1',
  workspace_id: 'w1',
  created_at: '2026-11-05T01:00:00.000Z', // Thursday 10:00 in Tokyo
  channel_id: 'ch1',
  channel_kind: 'webchat',
  level: 3,
  priority: 90,
  categories: '["outage"]',
  sentiment: 'negative',
  team_id: null as string | null,
  assignee_id: null as string | null,
  flag: null as string | null,
  status: 'open',
  first_response_at: null as string | null,
  resolved_at: null as string | null,
});
const facts = (s: ReturnType<typeof source>, now = new Date('2026-11-05T02:00:00Z')) =>
  computeFacts(s, settings, now, localDays('Asia/Tokyo')).fact;

describe('conversation facts', () => {
  it('count an unanswered conversation closed after its deadline as a breach, and one closed before it as none', () => {
    // L3: 5 minutes, around the clock.
    const late = facts(source({ status: 'resolved', resolved_at: '2026-11-05T03:00:00.000Z' }));
    expect(late.sla).toBe('breached');
    const early = facts(source({ status: 'resolved', resolved_at: '2026-11-05T01:03:00.000Z' }));
    expect(early.sla).toBe('none');
    expect(facts(source({}), new Date('2026-11-05T01:04:00Z')).sla).toBe('due');
    expect(facts(source({}), new Date('2026-11-05T01:06:00Z')).sla).toBe('breached');
  });

  it('answered at exactly five minutes: within five minutes, and in the first bar', () => {
    const f = facts(
      source({ first_response_at: '2026-11-05T01:05:00.000Z' }, [
        { kind: 'customer', at: '2026-11-05T01:00:00.000Z' },
        { kind: 'reply', at: '2026-11-05T01:05:00.000Z' },
      ]),
    ) as unknown as FactRow;
    expect(f.first_response_ms).toBe(300_000);
    expect(f.sla).toBe('met');
    expect(frtBin(f)).toBe('lt5m');
    expect(headline([f], new Date()).within5m).toBe(1);
  });
});
