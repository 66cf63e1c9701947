import { randomUUID } from 'node:crypto';
import type { ConversationViewer } from '../contracts/conversations';
import { topics, type RealtimeBus, type RealtimeEvent } from './bus';

interface Seen {
  name: string;
  typing: boolean;
  at: number;
  /** The process the tab reports to; only that one announces the tab's silent departure. */
  origin: string;
}

/** One tab's report, passed between processes on the `presence` topic (never streamed to a browser). */
type PresenceNote =
  | {
      kind: 'touch';
      origin: string;
      workspaceId: string;
      conversationId: string;
      agent: { id: string; name: string };
      typing: boolean;
    }
  | { kind: 'leave'; origin: string; conversationId: string; agentId: string };

/**
 * Who has a conversation open and who is typing in it, for collision control: two agents answering one customer see
 * each other before either sends. Each open tab reports itself every few seconds (PUT …/viewing) and says goodbye
 * when it closes; a tab that vanished without a goodbye drops out after `ttlMs`. Changes go out as
 * `conversation.viewers` events.
 *
 * Several web processes: every process keeps the whole picture in memory. The process a tab reports to passes each
 * report to the others over the bus (`presence` topic; Redis when KOE_REDIS_URL is set), and announces what is news.
 * A process that learns news from another while one of its own tabs views the same conversation announces the merged
 * list too, so two agents arriving at once on two processes both end up seeing each other (a duplicate event is
 * harmless: each carries the full list). A process that starts late learns every open tab within one report interval.
 */
export class ConversationViewers {
  private seen = new Map<string, { workspaceId: string; agents: Map<string, Seen> }>();
  private timer: NodeJS.Timeout | undefined;
  private readonly origin = randomUUID();

  constructor(
    private bus: RealtimeBus,
    private opts: { ttlMs: number; now?: () => number } = { ttlMs: 30_000 },
  ) {}

  private now() {
    return this.opts.now?.() ?? Date.now();
  }

  /** An agent has the conversation open (typing or not); announced when that is news. */
  touch(workspaceId: string, conversationId: string, agent: { id: string; name: string }, typing: boolean): void {
    const news = this.apply(workspaceId, conversationId, agent, typing, this.origin);
    this.tell({ kind: 'touch', origin: this.origin, workspaceId, conversationId, agent, typing });
    if (news) this.announce(conversationId);
  }

  /** The agent closed the conversation (or the tab). */
  leave(conversationId: string, agentId: string): void {
    const entry = this.seen.get(conversationId);
    this.tell({ kind: 'leave', origin: this.origin, conversationId, agentId });
    if (!entry?.agents.delete(agentId)) return;
    this.announce(conversationId);
    if (!entry.agents.size) this.seen.delete(conversationId);
  }

  /** Everyone on one conversation, in the order they came. */
  of(conversationId: string): ConversationViewer[] {
    return [...(this.seen.get(conversationId)?.agents ?? [])].map(([id, s]) => ({
      id,
      name: s.name,
      typing: s.typing,
    }));
  }

  /** Every viewed conversation of a workspace (for an inbox that just opened). */
  inWorkspace(workspaceId: string): { conversationId: string; viewers: ConversationViewer[] }[] {
    return [...this.seen]
      .filter(([, e]) => e.workspaceId === workspaceId)
      .map(([conversationId]) => ({ conversationId, viewers: this.of(conversationId) }));
  }

  /** Drops tabs not heard from within the time to live; the process they reported to announces it. */
  sweep(): void {
    const cutoff = this.now() - this.opts.ttlMs;
    for (const [conversationId, entry] of this.seen) {
      let changed = false;
      for (const [agentId, s] of entry.agents)
        if (s.at < cutoff && entry.agents.delete(agentId)) changed ||= s.origin === this.origin;
      if (changed) this.announce(conversationId);
      if (!entry.agents.size) this.seen.delete(conversationId);
    }
  }

  /** Listens to the other processes' reports and sweeps every `everyMs`; returns the stop function. */
  start(everyMs = 5_000): () => Promise<void> {
    const unsubscribe = this.bus.subscribe(topics.presence, (e) => this.heard(e));
    this.timer = setInterval(() => this.sweep(), everyMs);
    this.timer.unref();
    return async () => {
      clearInterval(this.timer);
      unsubscribe();
    };
  }

  /** Records a report; true when it changes what the conversation's viewers see. */
  private apply(
    workspaceId: string,
    conversationId: string,
    agent: { id: string; name: string },
    typing: boolean,
    origin: string,
  ): boolean {
    let entry = this.seen.get(conversationId);
    if (!entry) this.seen.set(conversationId, (entry = { workspaceId, agents: new Map() }));
    const before = entry.agents.get(agent.id);
    entry.agents.set(agent.id, { name: agent.name, typing, at: this.now(), origin });
    return !before || before.typing !== typing || before.name !== agent.name;
  }

  private heard(event: RealtimeEvent): void {
    const note = event.data as PresenceNote;
    if (note.origin === this.origin) return;
    let news: boolean;
    if (note.kind === 'touch')
      news = this.apply(note.workspaceId, note.conversationId, note.agent, note.typing, note.origin);
    else {
      const entry = this.seen.get(note.conversationId);
      news = Boolean(entry?.agents.delete(note.agentId));
      if (entry && !entry.agents.size) this.seen.delete(note.conversationId);
    }
    const mine = [...(this.seen.get(note.conversationId)?.agents.values() ?? [])].some((s) => s.origin === this.origin);
    if (news && mine) this.announce(note.conversationId);
  }

  private tell(note: PresenceNote): void {
    this.bus.publish(topics.presence, { type: 'presence', data: note });
  }

  private announce(conversationId: string): void {
    const entry = this.seen.get(conversationId);
    if (!entry) return;
    this.bus.publish(topics.workspace(entry.workspaceId), {
      type: 'conversation.viewers',
      data: { conversationId, viewers: this.of(conversationId) },
    });
  }
}
