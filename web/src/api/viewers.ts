import { useQuery, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ConversationViewer, ConversationViewers } from '@contracts/conversations';
import { api } from './client';

export type { ConversationViewer, ConversationViewers };

export const viewersKey = ['conversation-viewers'] as const;
/** How often an open conversation reports itself; the server forgets a tab after 30 s of silence. */
const HEARTBEAT_MS = 10_000;

/** Who has which conversation open (collision control), kept current by `conversation.viewers` events. */
export function useViewers() {
  return useQuery({
    queryKey: viewersKey,
    queryFn: () => api.get<{ items: ConversationViewers[] }>('/api/conversations/viewers'),
    select: (data) => new Map(data.items.map((i) => [i.conversationId, i.viewers])),
    staleTime: Infinity,
  });
}

/** A `conversation.viewers` event: one conversation's viewers replace what the cache held. */
export function applyViewers(queryClient: QueryClient, next: ConversationViewers) {
  queryClient.setQueryData<{ items: ConversationViewers[] }>(viewersKey, (old) =>
    old
      ? {
          items: [
            ...old.items.filter((i) => i.conversationId !== next.conversationId),
            ...(next.viewers.length ? [next] : []),
          ],
        }
      : old,
  );
}

/**
 * Reports this tab as viewing the conversation, and whether the agent is typing in it: at once, whenever typing
 * changes, and every 10 s; says goodbye when the conversation closes or the tab goes away.
 */
export function useViewing(conversationId: string, typing: boolean) {
  useEffect(() => {
    const path = `/api/conversations/${encodeURIComponent(conversationId)}/viewing`;
    const report = () => void api.put(path, { typing }).catch(() => undefined);
    report();
    const timer = window.setInterval(report, HEARTBEAT_MS);
    return () => window.clearInterval(timer);
  }, [conversationId, typing]);
  useEffect(() => {
    const path = `/api/conversations/${encodeURIComponent(conversationId)}/viewing`;
    const leave = () => void api.delete(path, { keepalive: true }).catch(() => undefined);
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      leave();
    };
  }, [conversationId]);
}
