import { describe, expect, it } from 'vitest';
import { chooseAssignee, chooseOwner, type AgentState, type AssignmentPolicy } from './assignment';
import { CATEGORY_SKILLS } from './skills';

const agent = (over: Partial<AgentState> & Pick<AgentState, 'id'>): AgentState => ({
  name: over.id,
  level: 1,
  skills: [],
  capacity: 5,
  openCount: 0,
  presence: 'online',
  lastAssignedAt: null,
  ...over,
});

const leastLoaded: AssignmentPolicy = { enabled: true, strategy: 'least_loaded' };
const roundRobin: AssignmentPolicy = { enabled: true, strategy: 'round_robin' };
const doubleCharge = { level: 3 as const, categories: ['billing_error'], customerId: 'c1' };

describe('chooseAssignee', () => {
  it('assigns an L3 double charge to the online L3 billing agent and explains why', () => {
    const agents = [
      agent({ id: 'a-sato', name: 'Sato', level: 3, skills: ['billing'], openCount: 2 }),
      agent({ id: 'a-suzuki', name: 'Suzuki', level: 3, skills: ['technical'], openCount: 0 }),
      agent({ id: 'a-tanaka', name: 'Tanaka', level: 1, skills: ['billing'] }),
    ];
    const d = chooseAssignee(doubleCharge, agents, leastLoaded);
    expect(d.agentId).toBe('a-sato');
    expect(d.explanation).toBe('assigned to Sato: L3, billing skill, 2/5 open');
    const ja = chooseAssignee(doubleCharge, [{ ...agents[0], name: '佐藤' }], leastLoaded).explanationJa;
    expect(ja).toBe('佐藤に割り当て：L3・billingスキル・対応中2/5件');
    expect(d.considered.find((c) => c.agentId === 'a-tanaka')).toMatchObject({
      eligible: false,
      code: 'level_too_low',
      reason: 'L1 is below L3',
    });
  });

  it('only considers online agents with free capacity and a high enough level', () => {
    const agents = [
      agent({ id: 'away', level: 3, presence: 'away' }),
      agent({ id: 'off', level: 3, presence: 'offline' }),
      agent({ id: 'full', level: 3, openCount: 5 }),
      agent({ id: 'junior', level: 2 }),
    ];
    const d = chooseAssignee(doubleCharge, agents, leastLoaded);
    expect(d.agentId).toBeNull();
    expect(d.explanation).toBe('no agent available: 1 offline, 1 away, 1 at capacity, 1 below L3');
    expect(d.explanationJa).toBe('割り当て可能な担当者なし：オフライン1名・離席中1名・上限到達1名・レベル不足1名');
    expect(d.considered.map((c) => c.code)).toEqual(['away', 'at_capacity', 'level_too_low', 'offline']);
  });

  it('does not assign level 0 conversations or when auto-assignment is off', () => {
    const agents = [agent({ id: 'a' })];
    expect(chooseAssignee({ level: 0, categories: ['spam'], customerId: 'c' }, agents, leastLoaded).agentId).toBeNull();
    const off = chooseAssignee(doubleCharge, agents, { ...leastLoaded, enabled: false });
    expect(off).toMatchObject({ agentId: null, explanation: 'auto-assignment is off' });
  });

  it('prefers skills over load, and agents covering more of the categories', () => {
    const conv = { level: 2 as const, categories: ['billing_error', 'defect'], customerId: 'c' };
    const agents = [
      agent({ id: 'idle', level: 2 }),
      agent({ id: 'billing', level: 2, skills: ['Billing'], openCount: 3 }),
      agent({ id: 'both', level: 2, skills: ['billing', 'shipping'], openCount: 4 }),
    ];
    const d = chooseAssignee(conv, agents, leastLoaded);
    expect(d.agentId).toBe('both');
    expect(d.explanation).toBe('assigned to both: L2, billing/shipping skill, 4/5 open');
  });

  it('falls back to any eligible agent when nobody has the skill', () => {
    const d = chooseAssignee(doubleCharge, [agent({ id: 'x', level: 3, skills: ['store'] })], leastLoaded);
    expect(d.agentId).toBe('x');
    expect(d.explanation).toBe('assigned to x: L3, 0/5 open');
  });

  it('prefers the agent who last helped this customer among equally skilled agents', () => {
    const agents = [
      agent({ id: 'a', level: 3, skills: ['billing'], openCount: 0 }),
      agent({ id: 'b', level: 3, skills: ['billing'], openCount: 3 }),
    ];
    const d = chooseAssignee({ ...doubleCharge, lastAgentIdForCustomer: 'b' }, agents, leastLoaded);
    expect(d.agentId).toBe('b');
    expect(d.explanation).toContain('helped this customer last');
    expect(d.explanationJa).toContain('前回この顧客を担当');
    // …but not over a skill match.
    const unskilled = [agents[0], agent({ id: 'b', level: 3 })];
    expect(chooseAssignee({ ...doubleCharge, lastAgentIdForCustomer: 'b' }, unskilled, leastLoaded).agentId).toBe('a');
  });

  it('keeps senior agents free: the lowest sufficient level wins among equals, unless disabled', () => {
    const conv = { level: 1 as const, categories: ['question'], customerId: 'c' };
    const agents = [agent({ id: 'senior', level: 3, openCount: 0 }), agent({ id: 'junior', level: 1, openCount: 2 })];
    expect(chooseAssignee(conv, agents, leastLoaded).agentId).toBe('junior');
    expect(chooseAssignee(conv, agents, { ...leastLoaded, preferLowestLevel: false }).agentId).toBe('senior');
  });

  it('keeps reserved slots of L3 agents for L3 work when the workspace asks for it', () => {
    const question = { level: 1 as const, categories: ['question'], customerId: 'c2' };
    const senior = agent({ id: 'a-l3', level: 3, capacity: 4, openCount: 3 });
    const reserving: AssignmentPolicy = { ...leastLoaded, reserveUrgentSlots: 1 };
    // 3/4 open: an L1 question may not take the last slot, an L3 double charge may.
    const refused = chooseAssignee(question, [senior], reserving);
    expect(refused.agentId).toBeNull();
    expect(refused.considered[0]).toMatchObject({
      code: 'reserved_for_urgent',
      reason: 'keeps 1 of 4 slots for L3 (3/4 open)',
    });
    expect(refused.explanationJa).toBe('割り当て可能な担当者なし：L3用の枠を確保中1名');
    expect(chooseAssignee(doubleCharge, [senior], reserving).agentId).toBe('a-l3');
    // Off by default, and never applied to L1/L2 agents.
    expect(chooseAssignee(question, [senior], leastLoaded).agentId).toBe('a-l3');
    expect(chooseAssignee(question, [agent({ id: 'a-l1', capacity: 4, openCount: 3 })], reserving).agentId).toBe(
      'a-l1',
    );
  });

  it('least loaded compares open/capacity, then the oldest last assignment, then id', () => {
    const conv = { level: 1 as const, categories: [], customerId: 'c' };
    const agents = [
      agent({ id: 'a', openCount: 2, capacity: 4, lastAssignedAt: '2026-01-01T10:00:00Z' }),
      agent({ id: 'b', openCount: 1, capacity: 2, lastAssignedAt: '2026-01-01T09:00:00Z' }),
      agent({ id: 'c', openCount: 3, capacity: 4 }),
    ];
    expect(chooseAssignee(conv, agents, leastLoaded).agentId).toBe('b');
    expect(chooseAssignee(conv, [agents[0], { ...agents[1], lastAssignedAt: null }], leastLoaded).agentId).toBe('b');
    expect(chooseAssignee(conv, [agent({ id: 'z' }), agent({ id: 'y' })], leastLoaded).agentId).toBe('y');
  });

  it('round robin walks the ring of equally suited agents after the cursor', () => {
    const conv = { level: 1 as const, categories: [], customerId: 'c' };
    const agents = [agent({ id: 'c' }), agent({ id: 'a' }), agent({ id: 'b', openCount: 4 })];
    const picks: (string | null)[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 4; i++) {
      cursor = chooseAssignee(conv, agents, roundRobin, cursor).agentId;
      picks.push(cursor);
    }
    expect(picks).toEqual(['a', 'b', 'c', 'a']);
    // A cursor naming an agent who has since left still lands on the next one.
    expect(chooseAssignee(conv, agents, roundRobin, 'bb').agentId).toBe('c');
  });

  it('is deterministic regardless of the order agents are listed in', () => {
    const agents = [
      agent({ id: 'q', level: 3, skills: ['billing'] }),
      agent({ id: 'p', level: 3, skills: ['billing'] }),
    ];
    const one = chooseAssignee(doubleCharge, agents, leastLoaded);
    const two = chooseAssignee(doubleCharge, [...agents].reverse(), leastLoaded);
    expect(one).toEqual(two);
    expect(one.agentId).toBe('p');
  });

  it('lets admins replace the category → skill map', () => {
    const agents = [
      agent({ id: 'cs', level: 3, skills: ['finance'] }),
      agent({ id: 'x', level: 3, skills: ['billing'] }),
    ];
    const custom = { ...CATEGORY_SKILLS, billing_error: ['finance'] };
    expect(chooseAssignee(doubleCharge, agents, { ...leastLoaded, skillMap: custom }).agentId).toBe('cs');
  });
});

describe('chooseOwner', () => {
  const policy: AssignmentPolicy = { enabled: true, strategy: 'least_loaded', firstResponders: true };
  const sato = agent({ id: 'a-sato', name: 'Sato', level: 3, skills: ['billing'], capacity: 4, openCount: 1 });
  const kato = agent({ id: 'a-kato', name: 'Kato', level: 3, skills: ['technical'], capacity: 4, openCount: 1 });
  const ito = agent({ id: 'a-ito', name: 'Ito', level: 1, skills: ['general'], capacity: 6, openCount: 2 });

  it('gives an urgent conversation to an L3 agent who owes no other urgent reply, even off-skill', () => {
    const d = chooseOwner(doubleCharge, [{ ...sato, urgentWaiting: 1 }, kato, ito], policy);
    expect(d).toMatchObject({ agentId: 'a-kato' });
    expect(d.firstResponder).toBeUndefined();
  });

  it('lets a lower-level agent acknowledge when every L3 agent owes an urgent reply, and says so', () => {
    const d = chooseOwner(doubleCharge, [{ ...sato, urgentWaiting: 1 }, { ...kato, urgentWaiting: 2 }, ito], policy);
    expect(d).toMatchObject({ agentId: 'a-ito', firstResponder: true });
    expect(d.explanationJa).toBe('Itoが一次対応（L3は全員が別の緊急対応中・返信後はL3へ引き継ぎ）：L1・対応中2/6件');
    expect(d.explanation).toMatch(
      /^first response by Ito \(every available L3 agent owes another urgent reply; back to L3 after it\): L1, 2\/6 open$/,
    );
  });

  it('queues for L3 as before when first responders are off or nobody else is free', () => {
    const busy = [
      { ...sato, urgentWaiting: 1 },
      { ...kato, urgentWaiting: 2 },
    ];
    expect(chooseOwner(doubleCharge, [...busy, ito], { ...policy, firstResponders: false })).toMatchObject({
      agentId: 'a-sato',
    });
    expect(chooseOwner(doubleCharge, [...busy, { ...ito, urgentWaiting: 1 }], policy)).toMatchObject({
      agentId: 'a-sato',
    });
    expect(chooseOwner(doubleCharge, [...busy, { ...ito, urgentWaiting: 1 }], policy).firstResponder).toBeUndefined();
  });

  it('also lets a free agent acknowledge when no L3 agent can take it at all (offline or full)', () => {
    const unavailable = [
      { ...sato, presence: 'offline' as const },
      { ...kato, openCount: 4 },
    ];
    expect(chooseOwner(doubleCharge, [...unavailable, ito], policy)).toMatchObject({
      agentId: 'a-ito',
      firstResponder: true,
    });
    // An agent who already owes an urgent reply is not a first responder.
    expect(chooseOwner(doubleCharge, [...unavailable, { ...ito, urgentWaiting: 1 }], policy)).toMatchObject({
      agentId: null,
    });
  });

  it('routes non-urgent conversations exactly like chooseAssignee', () => {
    const question = { level: 1 as const, categories: ['question'], customerId: 'c3' };
    expect(chooseOwner(question, [sato, kato, ito], policy)).toEqual(
      chooseAssignee(question, [sato, kato, ito], policy),
    );
  });
});
