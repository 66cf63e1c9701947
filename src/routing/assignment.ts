// Auto-assignment: picks the owner for a conversation that needs one, and says
// why in words an agent or supervisor can check ("assigned to Sato: L3,
// billing skill, 2/5 open"). Pure and deterministic: the same inputs always
// give the same agent, so decisions can be replayed and audited.
import { CATEGORY_SKILLS, matchSkills, type SkillMap } from './skills';

export type Presence = 'online' | 'away' | 'offline';
export type AssignmentStrategy = 'least_loaded' | 'round_robin';

export interface AgentState {
  id: string;
  name: string;
  level: 1 | 2 | 3;
  skills: string[];
  /** Open conversations the agent can hold at once. */
  capacity: number;
  openCount: number;
  presence: Presence;
  lastAssignedAt?: string | null;
  /** Urgent (L3) conversations the agent owns that still have no first response. */
  urgentWaiting?: number;
}

export interface AssignmentPolicy {
  enabled: boolean;
  strategy: AssignmentStrategy;
  /** Category → skills; defaults to CATEGORY_SKILLS. */
  skillMap?: SkillMap;
  /**
   * Among equally suited agents, prefer the lowest level that is still enough,
   * so senior agents stay free for urgent (L3) work. Default true.
   */
  preferLowestLevel?: boolean;
  /**
   * Open slots each L3 agent keeps for L3 (urgent) conversations: lower-level
   * work may fill an L3 agent only up to capacity minus this. Default 0.
   */
  reserveUrgentSlots?: number;
  /**
   * When every L3 agent who could take an urgent conversation already owes
   * another urgent customer a first reply, an online agent of any level who
   * owes none sends the acknowledgement (from the draft) and the conversation
   * then goes to L3. Default false. Used by chooseOwner.
   */
  firstResponders?: boolean;
}

export interface ConversationToAssign {
  level: 0 | 1 | 2 | 3;
  categories: readonly string[];
  customerId: string;
  lastAgentIdForCustomer?: string | null;
}

export type ConsiderationCode =
  'eligible' | 'offline' | 'away' | 'at_capacity' | 'level_too_low' | 'reserved_for_urgent';

export interface AgentConsideration {
  agentId: string;
  eligible: boolean;
  code: ConsiderationCode;
  reason: string;
}

export interface AssignmentDecision {
  agentId: string | null;
  /** The agent sends the first response only; after it the conversation goes back to L3 routing. */
  firstResponder?: boolean;
  explanation: string;
  explanationJa: string;
  considered: AgentConsideration[];
}

interface Candidate {
  agent: AgentState;
  matched: string[];
  covered: number;
  returning: boolean;
}

const loadText = (a: AgentState) => `${a.openCount}/${a.capacity}`;

function consider(agent: AgentState, level: number, reserve: number): { code: ConsiderationCode; reason: string } {
  if (agent.presence !== 'online') return { code: agent.presence, reason: agent.presence };
  if (agent.openCount >= agent.capacity)
    return { code: 'at_capacity', reason: `at capacity (${loadText(agent)} open)` };
  if (agent.level < level) return { code: 'level_too_low', reason: `L${agent.level} is below L${level}` };
  if (reserve > 0 && agent.level === 3 && level < 3 && agent.openCount >= agent.capacity - reserve) {
    return {
      code: 'reserved_for_urgent',
      reason: `keeps ${reserve} of ${agent.capacity} slots for L3 (${loadText(agent)} open)`,
    };
  }
  return { code: 'eligible', reason: '' };
}

function byOldestAssignment(a: AgentState, b: AgentState): number {
  // Never assigned counts as the oldest, so a newly online agent gets work first.
  const ta = a.lastAssignedAt ? Date.parse(a.lastAssignedAt) : -Infinity;
  const tb = b.lastAssignedAt ? Date.parse(b.lastAssignedAt) : -Infinity;
  return ta === tb ? 0 : ta < tb ? -1 : 1;
}

/** Compares load as openCount/capacity without floating point ties going astray. */
const byLoad = (a: AgentState, b: AgentState) => a.openCount * b.capacity - b.openCount * a.capacity;
const byId = (a: AgentState, b: AgentState) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Candidates sharing the best skill coverage, continuity and level fit, in that order of preference. */
function bestTier(candidates: Candidate[], level: number, preferLowestLevel: boolean): Candidate[] {
  const rank = (c: Candidate): number[] => [
    -c.covered,
    c.returning ? 0 : 1,
    preferLowestLevel ? c.agent.level - level : 0,
  ];
  const ranked = candidates.map((c) => ({ c, r: rank(c) }));
  const best = ranked.reduce((min, x) => (compareRanks(x.r, min) < 0 ? x.r : min), ranked[0].r);
  return ranked.filter((x) => compareRanks(x.r, best) === 0).map((x) => x.c);
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function pick(tier: Candidate[], strategy: AssignmentStrategy, cursor: string | null): Candidate {
  if (strategy === 'round_robin') {
    // The ring is the agents' ids in order; the cursor is the last agent who got work.
    const ring = [...tier].sort((a, b) => byId(a.agent, b.agent));
    return ring.find((c) => cursor !== null && c.agent.id > cursor) ?? ring[0];
  }
  return [...tier].sort(
    (a, b) => byLoad(a.agent, b.agent) || byOldestAssignment(a.agent, b.agent) || byId(a.agent, b.agent),
  )[0];
}

function describe(c: Candidate): { en: string; ja: string } {
  const a = c.agent;
  const en = [`L${a.level}`];
  const ja = [`L${a.level}`];
  if (c.matched.length > 0) {
    en.push(`${c.matched.join('/')} skill`);
    ja.push(`${c.matched.join('/')}スキル`);
  }
  en.push(`${loadText(a)} open`);
  ja.push(`対応中${loadText(a)}件`);
  if (c.returning) {
    en.push('helped this customer last');
    ja.push('前回この顧客を担当');
  }
  return { en: en.join(', '), ja: ja.join('・') };
}

function noOneAvailable(considered: AgentConsideration[], level: number): AssignmentDecision {
  const count = (code: ConsiderationCode) => considered.filter((c) => c.code === code).length;
  const en: string[] = [];
  const ja: string[] = [];
  const parts: Array<[ConsiderationCode, string, string]> = [
    ['offline', 'offline', 'オフライン'],
    ['away', 'away', '離席中'],
    ['at_capacity', 'at capacity', '上限到達'],
    ['level_too_low', `below L${level}`, 'レベル不足'],
    ['reserved_for_urgent', 'keeping room for L3', 'L3用の枠を確保中'],
  ];
  for (const [code, enLabel, jaLabel] of parts) {
    const n = count(code);
    if (n > 0) {
      en.push(`${n} ${enLabel}`);
      ja.push(`${jaLabel}${n}名`);
    }
  }
  const detail = considered.length === 0 ? ['no agents'] : en;
  const detailJa = considered.length === 0 ? ['担当者が未登録'] : ja;
  return {
    agentId: null,
    explanation: `no agent available: ${detail.join(', ')}`,
    explanationJa: `割り当て可能な担当者なし：${detailJa.join('・')}`,
    considered,
  };
}

/**
 * Chooses who should own a conversation: online agents with free capacity and
 * a level at least the conversation's; then the best skill match, the agent
 * who last helped the customer, the lowest sufficient level, and finally the
 * workspace strategy (least loaded, or round robin after `roundRobinCursor`).
 */
export function chooseAssignee(
  conversation: ConversationToAssign,
  agents: readonly AgentState[],
  policy: AssignmentPolicy,
  roundRobinCursor: string | null = null,
): AssignmentDecision {
  if (!policy.enabled) {
    return {
      agentId: null,
      explanation: 'auto-assignment is off',
      explanationJa: '自動割り当てはオフです',
      considered: [],
    };
  }
  if (conversation.level === 0) {
    return {
      agentId: null,
      explanation: 'not assigned: level 0 needs no reply',
      explanationJa: '割り当てなし：L0は対応不要',
      considered: [],
    };
  }
  const map = policy.skillMap ?? CATEGORY_SKILLS;
  const considered: AgentConsideration[] = [];
  const candidates: Candidate[] = [];
  for (const agent of [...agents].sort(byId)) {
    const verdict = consider(agent, conversation.level, Math.max(0, Math.floor(policy.reserveUrgentSlots ?? 0)));
    if (verdict.code !== 'eligible') {
      considered.push({ agentId: agent.id, eligible: false, ...verdict });
      continue;
    }
    const { matched, coveredCategories } = matchSkills(agent.skills, conversation.categories, map);
    const candidate = {
      agent,
      matched,
      covered: coveredCategories,
      returning: agent.id === conversation.lastAgentIdForCustomer,
    };
    candidates.push(candidate);
    considered.push({ agentId: agent.id, eligible: true, code: 'eligible', reason: describe(candidate).en });
  }
  if (candidates.length === 0) return noOneAvailable(considered, conversation.level);

  const tier = bestTier(candidates, conversation.level, policy.preferLowestLevel ?? true);
  const chosen = pick(tier, policy.strategy, roundRobinCursor);
  const why = describe(chosen);
  return {
    agentId: chosen.agent.id,
    explanation: `assigned to ${chosen.agent.name}: ${why.en}`,
    explanationJa: `${chosen.agent.name}に割り当て：${why.ja}`,
    considered,
  };
}

const owesUrgentReply = (a: AgentState): boolean => (a.urgentWaiting ?? 0) > 0;

/**
 * The owner for a conversation, urgent ones first answered by someone who can
 * start now. An L3 conversation goes to an L3 agent who owes no other urgent
 * customer a first reply; when there is none and the workspace allows first
 * responders, an agent of a lower level who owes none acknowledges it (and it
 * returns to L3 after that reply); otherwise it queues for L3 as usual.
 * Everything else is chooseAssignee.
 */
export function chooseOwner(
  conversation: ConversationToAssign,
  agents: readonly AgentState[],
  policy: AssignmentPolicy,
  roundRobinCursor: string | null = null,
): AssignmentDecision {
  if (conversation.level !== 3 || !policy.firstResponders || !policy.enabled)
    return chooseAssignee(conversation, agents, policy, roundRobinCursor);
  const free = agents.filter((a) => !owesUrgentReply(a));
  const senior = chooseAssignee(
    conversation,
    free.filter((a) => a.level === 3),
    policy,
    roundRobinCursor,
  );
  if (senior.agentId) return senior;
  const first = chooseAssignee(
    { ...conversation, level: 1 },
    free,
    { ...policy, preferLowestLevel: false, reserveUrgentSlots: 0 },
    roundRobinCursor,
  );
  const agent = free.find((a) => a.id === first.agentId);
  if (!agent || agent.level === 3) return chooseAssignee(conversation, agents, policy, roundRobinCursor);
  const [, why = ''] = first.explanation.split(': ');
  const [, whyJa = ''] = first.explanationJa.split('：');
  return {
    agentId: agent.id,
    firstResponder: true,
    explanation: `first response by ${agent.name} (every available L3 agent owes another urgent reply; back to L3 after it): ${why}`,
    explanationJa: `${agent.name}が一次対応（L3は全員が別の緊急対応中・返信後はL3へ引き継ぎ）：${whyJa}`,
    considered: first.considered,
  };
}
