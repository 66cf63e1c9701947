import { EventEmitter } from 'node:events';

/**
 * Fan-out of realtime events to connected agents and widgets. In-process for the embedded shape; a Redis
 * pub/sub implementation of the same interface serves several web processes.
 */
export interface RealtimeEvent {
  type: string;
  data: unknown;
}
export type Listener = (event: RealtimeEvent) => void;

export interface RealtimeBus {
  publish(topic: string, event: RealtimeEvent): void;
  subscribe(topic: string, listener: Listener): () => void;
}

export class InProcessBus implements RealtimeBus {
  private emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  publish(topic: string, event: RealtimeEvent): void {
    this.emitter.emit(topic, event);
  }
  subscribe(topic: string, listener: Listener): () => void {
    this.emitter.on(topic, listener);
    return () => this.emitter.off(topic, listener);
  }
}

export const topics = {
  workspace: (workspaceId: string) => `workspace:${workspaceId}`,
  agent: (agentId: string) => `agent:${agentId}`,
  visitor: (channelId: string, externalId: string) => `visitor:${channelId}:${externalId}`,
  /** Between processes only (realtime/viewers.ts): which tabs have which conversation open. Never streamed. */
  presence: 'presence',
};
