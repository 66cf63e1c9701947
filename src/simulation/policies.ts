// The two ways of running the same desk.
//  koe:  triage sets spam aside; one priority queue (triage priority, then
//        waiting time); owners chosen by the real chooseAssignee;
//        agents work their inbox by SLA due time; an SLA warning escalates.
//  fifo: one queue in arrival order; any agent with room takes the oldest post,
//        whatever it is; agents work their inbox oldest first.
import { chooseOwner, type AgentState, type AssignmentPolicy } from '../routing/assignment';
import { computeSla, nextSlaCheckAt, slaPolicyFor, type SlaPolicy, type SlaTimestamps } from '../routing/sla';
import { IncidentDesk, type IncidentRecord } from './incidents';
import {
  isoAt,
  DAY_START_MS,
  type AgentRuntime,
  type Conversation,
  type Desk,
  type DeskPolicy,
  type PreparedPost,
  type WorkItem,
} from './desk';

/**
 * The workspace defaults (src/desk/settings.ts): auto-assignment on, least
 * loaded, lowest sufficient level first, one slot of every L3 agent kept for L3.
 */
export const KOE_ASSIGNMENT: AssignmentPolicy = {
  enabled: true,
  strategy: 'least_loaded',
  preferLowestLevel: true,
  reserveUrgentSlots: 1,
  firstResponders: true,
};

/** Koe features the simulation can switch off, to show what each contributes. */
export interface KoeFeatures {
  /** Spike alerts and incidents with an acknowledgement to every linked conversation. */
  incidents: boolean;
  /** Slots of each L3 agent kept for L3 work (the workspace default is 1). */
  reserveUrgentSlots: number;
  /** A free agent of any level acknowledges an urgent post when every L3 agent owes another urgent reply. */
  firstResponders: boolean;
  /**
   * Seconds an agent loses picking a reply up again after switching to an
   * urgent conversation on its notification (the composer keeps the draft);
   * null: agents finish what they are writing first.
   */
  urgentSwitchResumeS: number | null;
}

/** Picking a half-written reply up again: re-reading the thread and the saved draft. */
export const RESUME_S = 30;

export const KOE_DEFAULT_FEATURES: KoeFeatures = {
  incidents: true,
  reserveUrgentSlots: 1,
  firstResponders: true,
  urgentSwitchResumeS: RESUME_S,
};

const incidentDesks = new WeakMap<Desk, IncidentDesk>();

/** Extra open conversations a supervisor may push onto an agent for an escalated conversation. */
export const ESCALATION_OVERFLOW = 1;

const toS = (iso: string): number => (Date.parse(iso) - DAY_START_MS) / 1000;

/**
 * Koe auto-routes open posts of level 1–3 that are not flagged (as src/desk/assign.ts does).
 * A post triage found nothing in (L0) or flagged as a troll stays visible in
 * its view; agents take it by hand once routed work is handed out.
 */
export const autoRouted = (p: PreparedPost): boolean => p.triage.level >= 1 && !p.triage.flags.troll;

/** The level an agent needs for a conversation: triage's, at least L1 for hand-picked posts. */
export const routeLevel = (p: PreparedPost): 1 | 2 | 3 => (p.triage.level === 0 ? 1 : p.triage.level);

function slaFor(p: PreparedPost): SlaPolicy {
  return slaPolicyFor({ level: routeLevel(p), priority: p.triage.priority }) as SlaPolicy;
}

function awaitingFirstReply(p: PreparedPost): SlaTimestamps {
  const at = isoAt(p.post.arrivalS);
  return {
    createdAt: at,
    firstResponseAt: null,
    waitingSince: at,
    lastCustomerMessageAt: at,
    resolvedAt: null,
    status: 'open',
  };
}

function agentStates(agents: readonly AgentRuntime[], overflow: number): AgentState[] {
  return agents.map((a) => ({
    id: a.profile.id,
    name: a.profile.name,
    level: a.profile.level,
    skills: a.profile.skills,
    capacity: a.profile.capacity + overflow,
    openCount: a.open.size,
    presence: a.presence,
    lastAssignedAt: a.lastAssignedS === null ? null : isoAt(a.lastAssignedS),
    urgentWaiting: [...a.open].filter((c) => c.firstResponseS === null && routeLevel(c.prepared) === 3).length,
  }));
}

function choose(
  desk: Desk,
  c: Conversation,
  candidates: readonly AgentRuntime[],
  policy: AssignmentPolicy,
): AgentRuntime | null {
  const p = c.prepared;
  const decision = chooseOwner(
    {
      level: routeLevel(p),
      categories: p.triage.categories,
      customerId: p.post.customerId,
      lastAgentIdForCustomer: desk.lastAgentByCustomer.get(p.post.customerId) ?? null,
    },
    agentStates(candidates, c.escalated ? ESCALATION_OVERFLOW : 0),
    policy,
  );
  const agent = decision.agentId ? (candidates.find((a) => a.profile.id === decision.agentId) ?? null) : null;
  // A first responder only acknowledges; the desk hands the conversation back to routing after that reply.
  if (agent) c.firstResponder = decision.firstResponder === true;
  return agent;
}

const hasRoom = (a: AgentRuntime, overflow: number) =>
  a.presence === 'online' && a.open.size < a.profile.capacity + overflow;

/**
 * The order assignWaiting uses: triage priority (its base is the level, so L3
 * comes first), then who has waited longest; hand-picked posts after routed ones.
 */
const byUrgency = (x: Conversation, y: Conversation): number =>
  Number(autoRouted(y.prepared)) - Number(autoRouted(x.prepared)) ||
  y.prepared.triage.priority - x.prepared.triage.priority ||
  x.prepared.post.arrivalS - y.prepared.post.arrivalS;

const earliest =
  (key: (w: WorkItem) => number) =>
  (inbox: readonly WorkItem[]): number => {
    let best = 0;
    for (let i = 1; i < inbox.length; i++) if (key(inbox[i]) < key(inbox[best])) best = i;
    return best;
  };

export function makeKoePolicy(features: KoeFeatures = KOE_DEFAULT_FEATURES): DeskPolicy {
  const assignment: AssignmentPolicy = {
    ...KOE_ASSIGNMENT,
    reserveUrgentSlots: features.reserveUrgentSlots,
    firstResponders: features.firstResponders,
  };
  return {
    name: 'koe',
    admits: (p) => !p.triage.flags.spam,

    dispatch(desk) {
      if (desk.queue.length === 0 || !desk.agents.some((a) => hasRoom(a, ESCALATION_OVERFLOW))) return;
      for (const c of [...desk.queue].sort(byUrgency)) {
        const overflow = c.escalated ? ESCALATION_OVERFLOW : 0;
        const level = routeLevel(c.prepared);
        // Cheap pre-check so a long queue does not call the router for nothing.
        if (!desk.agents.some((a) => hasRoom(a, overflow) && a.profile.level >= level)) continue;
        const agent = choose(desk, c, desk.agents, assignment);
        if (agent) desk.assign(c, agent);
      }
    },

    // The urgent notification (sound + browser notification for L3): an agent writing something
    // less urgent saves the draft and switches.
    onAssigned(desk, c, agent) {
      if (features.urgentSwitchResumeS === null || routeLevel(c.prepared) !== 3 || c.firstResponseS !== null) return;
      const cur = agent.current;
      if (!cur || (cur.kind === 'first_reply' && routeLevel(cur.conversation.prepared) === 3)) return;
      desk.interrupt(agent, features.urgentSwitchResumeS);
    },

    // An agent's inbox is sorted by SLA due time: what breaches first is answered first.
    nextItem: earliest((w) => w.dueS * 1e6 + w.readyS),

    firstReplyDueS: (p) => toS(computeSla(awaitingFirstReply(p), slaFor(p), new Date(DAY_START_MS)).dueAt as string),

    followUpDueS(p, readyS) {
      const ts: SlaTimestamps = {
        ...awaitingFirstReply(p),
        firstResponseAt: isoAt(p.post.arrivalS),
        waitingSince: isoAt(readyS),
        lastCustomerMessageAt: isoAt(readyS),
      };
      return toS(computeSla(ts, slaFor(p), new Date(DAY_START_MS + readyS * 1000)).dueAt as string);
    },

    // SLA timers as jobs: check at the warning instant; if the first reply is still not written, escalate.
    onAdmitted(desk, c) {
      if (features.incidents) {
        let incidents = incidentDesks.get(desk);
        if (!incidents) incidentDesks.set(desk, (incidents = new IncidentDesk(desk)));
        // Acknowledged by an open incident: answered, waiting on the customer, no first-reply clock.
        if (incidents.onArrival(c)) return;
      }
      const policy = slaFor(c.prepared);
      const check = () => {
        if (c.firstReplyStarted || c.closed) return;
        const ts = awaitingFirstReply(c.prepared);
        const now = new Date(DAY_START_MS + desk.now * 1000);
        const sla = computeSla(ts, policy, now);
        if (sla.target !== 'first_response') return;
        if (sla.state === 'warning' || sla.state === 'breached') escalate(desk, c, assignment);
        if (sla.state !== 'breached') {
          const next = nextSlaCheckAt(ts, policy, now);
          if (next) desk.sim.schedule(toS(next), check);
        }
      };
      const first = nextSlaCheckAt(awaitingFirstReply(c.prepared), policy, new Date(DAY_START_MS + desk.now * 1000));
      if (first) desk.sim.schedule(toS(first), check);
    },
  };
}

export const koePolicy: DeskPolicy = makeKoePolicy();

/** The incidents a Koe desk raised and declared (empty for FIFO or with incidents off). */
export const incidentsOf = (desk: Desk): IncidentRecord[] => incidentDesks.get(desk)?.records ?? [];

/**
 * Escalation when the SLA warns: the conversation may go one over an agent's
 * capacity (a lead pushes it onto someone), and if its owner is still busy
 * with other replies it moves to an eligible agent who is free right now.
 */
function escalate(desk: Desk, c: Conversation, policy: AssignmentPolicy): void {
  if (!c.escalated) desk.escalations++;
  c.escalated = true;
  if (!c.owner || c.owner.current === null) return;
  const idle = desk.agents.filter((a) => a !== c.owner && a.current === null && a.presence === 'online');
  const target = choose(desk, c, idle, policy);
  if (!target) return;
  desk.unassign(c);
  desk.assign(c, target);
  desk.reassignments++;
}

const byLoad = (x: AgentRuntime, y: AgentRuntime): number =>
  x.open.size * y.profile.capacity - y.open.size * x.profile.capacity ||
  (x.lastAssignedS ?? -1) - (y.lastAssignedS ?? -1) ||
  (x.profile.id < y.profile.id ? -1 : 1);

export const fifoPolicy: DeskPolicy = {
  name: 'fifo',
  admits: () => true,

  dispatch(desk) {
    if (desk.queue.length === 0) return;
    desk.queue.sort((x, y) => x.prepared.post.arrivalS - y.prepared.post.arrivalS);
    while (desk.queue.length > 0) {
      const free = desk.agents.filter((a) => hasRoom(a, 0));
      if (free.length === 0) return;
      desk.assign(desk.queue[0], free.sort(byLoad)[0]);
    }
  },

  nextItem: earliest((w) => w.readyS),
  firstReplyDueS: () => Infinity,
  followUpDueS: () => Infinity,
};
