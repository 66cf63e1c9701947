// The support desk in motion: conversations, agents' presence and inboxes,
// replies being written. The policy decides only who gets which conversation
// and which inbox item an agent does next; everything else is shared so the
// two policies are measured under identical conditions.
import type { Presence } from '../routing/assignment';
import type { TriageResult } from '../triage/types';
import { fitPenalty, onlineWindows, type AgentProfile, type Handling } from './agents';
import { CATEGORY_SKILLS } from '../routing/skills';
import { Simulation } from './engine';
import type { SandboxPost } from './traffic';

/** Tuesday 10 June 2025, 00:00 in Tokyo: an ordinary working day, no holiday. */
export const DAY_START_MS = Date.parse('2025-06-09T15:00:00Z');
export const isoAt = (s: number): string => new Date(DAY_START_MS + s * 1000).toISOString();

/** A post as it reaches the desk: triaged once at ingest, handling times drawn once. */
export interface PreparedPost {
  post: SandboxPost;
  triage: TriageResult;
  handling: Handling;
}

export interface Conversation {
  prepared: PreparedPost;
  owner: AgentRuntime | null;
  firstReplyStarted: boolean;
  firstResponseS: number | null;
  escalated: boolean;
  closed: boolean;
  /** Follow-ups done so far. */
  followUpsDone: number;
  /** Answered by an incident's acknowledgement rather than by an agent's own first reply. */
  incidentAck: boolean;
  /** Assigned to a lower-level agent for the acknowledgement only; after it the conversation goes back to routing. */
  firstResponder: boolean;
}

export interface WorkItem {
  conversation: Conversation;
  kind: 'first_reply' | 'follow_up';
  readyS: number;
  /** When the SLA clock for this reply runs out (Koe's agents work their inbox by it). */
  dueS: number;
  seconds: number;
}

/** Work that is not a reply: a supervisor declaring or ending an incident. Done before the inbox. */
export interface Task {
  label: string;
  seconds: number;
  done: () => void;
}

export interface AgentRuntime {
  profile: AgentProfile;
  presence: Presence;
  /** Conversations waiting on this agent's reply: what routing counts against capacity (status "open"). */
  open: Set<Conversation>;
  /** Everything the agent owns, including conversations pending on the customer. */
  owned: Set<Conversation>;
  lastAssignedS: number | null;
  inbox: WorkItem[];
  current: WorkItem | null;
  /** When the current item was started, and a counter that invalidates its finish event when interrupted. */
  currentStartedS: number | null;
  currentToken: number;
  tasks: Task[];
  currentTask: Task | null;
  busyS: number;
  onlineS: number;
  onlineSinceS: number | null;
}

export interface DeskPolicy {
  readonly name: string;
  /** Whether a post needs a person at all (Koe sets flagged spam aside). */
  admits(prepared: PreparedPost): boolean;
  /** Hands waiting conversations to agents via `desk.assign`; runs after every event. */
  dispatch(desk: Desk): void;
  /** Index of the inbox item the agent works on next. */
  nextItem(inbox: readonly WorkItem[]): number;
  /** Due time of a conversation's first reply, or Infinity when the policy keeps no SLA clock. */
  firstReplyDueS(prepared: PreparedPost): number;
  followUpDueS(prepared: PreparedPost, readyS: number): number;
  /** Called when a conversation is admitted, to start SLA timers and escalation. */
  onAdmitted?(desk: Desk, conversation: Conversation): void;
  /** Called when a conversation is handed to an agent, before the agent picks their next item. */
  onAssigned?(desk: Desk, conversation: Conversation, agent: AgentRuntime): void;
}

export const fitOf = (agent: AgentProfile, prepared: PreparedPost) => {
  const needed = prepared.post.trueLevel;
  const skills = CATEGORY_SKILLS[prepared.post.intent];
  return {
    underLevel: agent.level < needed,
    offSkill: skills.length > 0 && !skills.some((s) => agent.skills.includes(s)),
  };
};

export class Desk {
  readonly sim = new Simulation();
  readonly queue: Conversation[] = [];
  readonly agents: AgentRuntime[];
  readonly conversations: Conversation[] = [];
  readonly lastAgentByCustomer = new Map<string, string>();
  escalations = 0;
  reassignments = 0;
  private waiting = 0;
  private waitingArea = 0;
  private waitingSince = 0;
  maxWaiting = 0;

  constructor(
    readonly policy: DeskPolicy,
    team: readonly AgentProfile[],
    readonly horizonS: number,
  ) {
    this.agents = team.map((profile) => ({
      profile,
      presence: 'offline',
      open: new Set(),
      owned: new Set(),
      lastAssignedS: null,
      inbox: [],
      current: null,
      currentStartedS: null,
      currentToken: 0,
      tasks: [],
      currentTask: null,
      busyS: 0,
      onlineS: 0,
      onlineSinceS: null,
    }));
    for (const agent of this.agents) {
      for (const window of onlineWindows(agent.profile.shift, horizonS)) {
        this.sim.schedule(window.startS, () => this.goOnline(agent));
        if (window.endS < horizonS) this.sim.schedule(window.endS, () => this.leave(agent, window.then));
      }
    }
    this.sim.onEachEvent(() => this.policy.dispatch(this));
  }

  get now(): number {
    return this.sim.now;
  }

  arrive(prepared: PreparedPost): void {
    this.sim.schedule(prepared.post.arrivalS, () => {
      const conversation: Conversation = {
        prepared,
        owner: null,
        firstReplyStarted: false,
        firstResponseS: null,
        escalated: false,
        closed: false,
        followUpsDone: 0,
        incidentAck: false,
        firstResponder: false,
      };
      this.conversations.push(conversation);
      if (!this.policy.admits(prepared)) return;
      this.queue.push(conversation);
      this.changeWaiting(+1);
      this.policy.onAdmitted?.(this, conversation);
    });
  }

  run(): void {
    this.sim.run(this.horizonS);
    this.changeWaiting(0);
    for (const agent of this.agents)
      if (agent.onlineSinceS !== null) agent.onlineS += this.horizonS - agent.onlineSinceS;
  }

  /** Time-averaged number of conversations waiting for their first reply. */
  get meanWaiting(): number {
    return this.waitingArea / Math.max(1, this.now);
  }

  assign(conversation: Conversation, agent: AgentRuntime): void {
    const i = this.queue.indexOf(conversation);
    if (i >= 0) this.queue.splice(i, 1);
    conversation.owner = agent;
    agent.owned.add(conversation);
    agent.open.add(conversation);
    agent.lastAssignedS = this.now;
    this.lastAgentByCustomer.set(conversation.prepared.post.customerId, agent.profile.id);
    const { prepared } = conversation;
    const penalty = fitPenalty(fitOf(agent.profile, prepared));
    if (conversation.firstResponseS !== null) {
      // Acknowledged by an incident; the customer wrote back and the conversation was routed again.
      const next = prepared.handling.followUps[conversation.followUpsDone];
      agent.inbox.push({
        conversation,
        kind: 'follow_up',
        readyS: this.now,
        dueS: this.policy.followUpDueS(prepared, this.now),
        seconds: next.replyS * penalty,
      });
    } else {
      agent.inbox.push({
        conversation,
        kind: 'first_reply',
        readyS: this.now,
        dueS: this.policy.firstReplyDueS(prepared),
        seconds: prepared.handling.firstReplyS * penalty,
      });
    }
    this.policy.onAssigned?.(this, conversation, agent);
    this.startWork(agent);
  }

  /**
   * An incident's acknowledgement reaches a customer whose first reply nobody
   * has started: it is their first response. The conversation waits on the
   * customer (pending, as src/desk/incidents.ts sets it); if they write back
   * it is routed again like any open conversation.
   */
  acknowledge(conversation: Conversation): boolean {
    if (conversation.firstReplyStarted || conversation.firstResponseS !== null || conversation.closed) return false;
    this.unassign(conversation);
    const i = this.queue.indexOf(conversation);
    if (i >= 0) this.queue.splice(i, 1);
    conversation.firstReplyStarted = true;
    conversation.firstResponseS = this.now;
    conversation.incidentAck = true;
    this.changeWaiting(-1);
    const next = conversation.prepared.handling.followUps[0];
    if (!next) this.close(conversation);
    else this.sim.schedule(this.now + next.customerDelayS, () => this.queue.push(conversation));
    return true;
  }

  /** Gives an online agent a task ahead of their inbox (after the reply they are writing). */
  addTask(agent: AgentRuntime, task: Task): void {
    agent.tasks.push(task);
    this.startWork(agent);
  }

  /** Takes an assigned conversation whose first reply has not started away from its owner. */
  unassign(conversation: Conversation): void {
    const owner = conversation.owner;
    if (!owner || conversation.firstReplyStarted) return;
    owner.inbox = owner.inbox.filter((w) => w.conversation !== conversation);
    owner.open.delete(conversation);
    owner.owned.delete(conversation);
    conversation.owner = null;
  }

  private changeWaiting(delta: number): void {
    this.waitingArea += this.waiting * (this.now - this.waitingSince);
    this.waitingSince = this.now;
    this.waiting += delta;
    this.maxWaiting = Math.max(this.maxWaiting, this.waiting);
  }

  private goOnline(agent: AgentRuntime): void {
    agent.presence = 'online';
    agent.onlineSinceS = this.now;
    this.startWork(agent);
  }

  /** Break or end of shift. Unstarted first replies go back to the queue; at shift end open conversations are handed over. */
  private leave(agent: AgentRuntime, presence: 'away' | 'offline'): void {
    if (agent.onlineSinceS !== null) agent.onlineS += this.now - agent.onlineSinceS;
    agent.onlineSinceS = null;
    agent.presence = presence;
    // Tasks not started pass to the most senior colleague still online.
    const tasks = agent.tasks.splice(0);
    const heir = this.agents
      .filter((x) => x.presence === 'online')
      .sort((x, y) => y.profile.level - x.profile.level || x.open.size - y.open.size)[0];
    if (heir) for (const task of tasks) this.addTask(heir, task);
    else agent.tasks.push(...tasks);
    for (const item of agent.inbox.filter((w) => w.kind === 'first_reply')) {
      this.unassign(item.conversation);
      this.queue.push(item.conversation);
    }
    if (presence === 'offline') {
      agent.inbox = [];
      // Conversations already answered pass to the next shift; their follow-ups are outside first-response time.
      for (const c of [...agent.owned]) if (c.firstResponseS !== null) this.close(c);
    }
  }

  /**
   * The agent stops the reply they are writing (its draft stays in the composer)
   * to take an urgent conversation; the paused reply goes back to their inbox
   * with the time it still needs plus `resumeS` to pick it up again.
   */
  interrupt(agent: AgentRuntime, resumeS: number): void {
    const item = agent.current;
    if (!item || !agent.currentStartedS) return;
    const done = this.now - agent.currentStartedS;
    agent.busyS += done;
    item.seconds = Math.max(1, item.seconds - done) + resumeS;
    agent.currentToken++;
    agent.current = null;
    agent.inbox.push(item);
  }

  private startWork(agent: AgentRuntime): void {
    if (agent.current || agent.currentTask || agent.presence !== 'online') return;
    const task = agent.tasks.shift();
    if (task) {
      agent.currentTask = task;
      this.sim.schedule(this.now + task.seconds, () => {
        agent.currentTask = null;
        agent.busyS += task.seconds;
        task.done();
        this.startWork(agent);
      });
      return;
    }
    if (agent.inbox.length === 0) return;
    const [item] = agent.inbox.splice(this.policy.nextItem(agent.inbox), 1);
    agent.current = item;
    agent.currentStartedS = this.now;
    const token = agent.currentToken;
    if (item.kind === 'first_reply') item.conversation.firstReplyStarted = true;
    this.sim.schedule(this.now + item.seconds, () => {
      if (agent.currentToken === token) this.finish(agent, item);
    });
  }

  private finish(agent: AgentRuntime, item: WorkItem): void {
    agent.current = null;
    agent.busyS += item.seconds;
    const c = item.conversation;
    if (item.kind === 'first_reply') {
      c.firstResponseS = this.now;
      this.changeWaiting(-1);
    } else {
      c.followUpsDone++;
    }
    // Replied: the conversation now waits on the customer (pending) and stops counting against capacity.
    agent.open.delete(c);
    if (item.kind === 'first_reply' && c.firstResponder) {
      // Acknowledged; the conversation is handed back to routing for the level it needs.
      agent.owned.delete(c);
      c.owner = null;
      const first = c.prepared.handling.followUps[0];
      if (!first) this.close(c);
      else this.sim.schedule(this.now + first.customerDelayS, () => this.queue.push(c));
      this.startWork(agent);
      return;
    }
    const next = c.prepared.handling.followUps[c.followUpsDone];
    // Spam is dismissed with its first look; a conversation without more follow-ups ends here.
    if (c.prepared.post.intent === 'spam' || !next || agent.presence === 'offline') this.close(c);
    else this.sim.schedule(this.now + next.customerDelayS, () => this.followUpReady(agent, c));
    this.startWork(agent);
  }

  private followUpReady(agent: AgentRuntime, c: Conversation): void {
    if (c.closed || c.owner !== agent) return;
    const next = c.prepared.handling.followUps[c.followUpsDone];
    // The customer wrote back: open again, even if the agent is at capacity (capacity only gates new work).
    agent.open.add(c);
    agent.inbox.push({
      conversation: c,
      kind: 'follow_up',
      readyS: this.now,
      dueS: this.policy.followUpDueS(c.prepared, this.now),
      seconds: next.replyS,
    });
    this.startWork(agent);
  }

  private close(c: Conversation): void {
    if (c.closed) return;
    c.closed = true;
    c.owner?.open.delete(c);
    c.owner?.owned.delete(c);
  }
}
