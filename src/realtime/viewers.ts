import type { ConversationViewer } from '../contracts/conversations';
import { topics, type RealtimeBus } from './bus';

interface Seen {
  name: string;
  typing: boolean;
  at: number;
}

/**
 * Who has a conversation open and who is typing in it, for collision control: two agents answering one customer see
 * each other before either sends. Each open tab reports itself every few seconds (PUT …/viewing) and says goodbye
 * when it closes; a tab that vanished without a goodbye drops out after `ttlMs`. Changes go out as
 * `conversation.viewers` events. Held in this process's memory: the embedded shape has one web process.
 */
export class ConversationViewers {
  private seen = new Map<string, { workspaceId: string; agents: Map<string, Seen> }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private bus: RealtimeBus,
    private opts: { ttlMs: number; now?: () => number } = { ttlMs: 30_000 },
  ) {}

  private now() {
    return this.opts.now?.() ?? Date.now();
  }

  /** An agent has the conversation open (typing or not); announced when that is news. */
  touch(workspaceId: string, conversationId: string, agent: { id: string; name: string }, typing: boolean): void {
    let entry = this.seen.get(conversationId);
    if (!entry) this.seen.set(conversationId, (entry = { workspaceId, agents: new Map() }));
    const before = entry.agents.get(agent.id);
    entry.agents.set(agent.id, { name: agent.name, typing, at: this.now() });
    if (!before || before.typing !== typing || before.name !== agent.name) this.announce(conversationId);
  }

  /** The agent closed the conversation (or the tab). */
  leave(conversationId: string, agentId: string): void {
    const entry = this.seen.get(conversationId);
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

  /** Drops tabs not heard from within the time to live. */
  sweep(): void {
    const cutoff = this.now() - this.opts.ttlMs;
    for (const [conversationId, entry] of this.seen) {
      let changed = false;
      for (const [agentId, s] of entry.agents) if (s.at < cutoff) changed = entry.agents.delete(agentId) || changed;
      if (changed) this.announce(conversationId);
      if (!entry.agents.size) this.seen.delete(conversationId);
    }
  }

  start(everyMs = 5_000): () => Promise<void> {
    this.timer = setInterval(() => this.sweep(), everyMs);
    this.timer.unref();
    return async () => clearInterval(this.timer);
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
