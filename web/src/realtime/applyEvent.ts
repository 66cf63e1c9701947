import type { QueryClient } from '@tanstack/react-query';
import { conversationKeys, upsertMessage } from '../api/conversations';
import { customerKeys } from '../api/customers';
import {
  incidentKeys,
  isSpikeNotification,
  type Incident,
  type IncidentDetail,
  type SpikeAlert,
} from '../api/incidents';
import { routingKeys } from '../api/routing';
import type { AppNotification } from '../api/routingTypes';
import type { Conversation, ConversationCounts, ConversationEvent, Message } from '../api/types';
import { applyViewers, type ConversationViewers } from '../api/viewers';

export type KoeEvent =
  | { type: 'conversation.updated'; data: ConversationEvent }
  | { type: 'message.created'; data: Message }
  | { type: 'message.updated'; data: Message }
  | { type: 'counts'; data: ConversationCounts }
  | { type: 'notification'; data: AppNotification }
  | { type: 'incident.updated'; data: Incident }
  | { type: 'spike.detected'; data: SpikeAlert }
  | { type: 'conversation.viewers'; data: ConversationViewers };

/**
 * Folds one server event into the query cache. Threads and conversation details are patched
 * in place (instant); lists and counts are refetched because ordering and membership of a
 * view are the server's decision (priority, waiting time, filters).
 */
export function applyEvent(queryClient: QueryClient, event: KoeEvent, refetchSoon: (key: readonly unknown[]) => void) {
  switch (event.type) {
    case 'conversation.updated': {
      const item = event.data;
      const key = conversationKeys.detail(item.id);
      queryClient.setQueryData<Conversation>(key, (old) =>
        old ? { ...old, ...item, customer: { ...old.customer, ...item.customer } } : old,
      );
      whenFetchSettles(queryClient, key, () => void queryClient.invalidateQueries({ queryKey: key }));
      refetchSoon(conversationKeys.lists);
      refetchSoon(conversationKeys.counts);
      refetchSoon(customerKeys.detail(item.customer.id));
      refetchSoon(routingKeys.board);
      // Events carry the inbox item only: escalations, hand-off notes and the SLA clock come with the detail.
      refetchSoon(key);
      // Escalations and auto-assignment add system messages and notes to the thread.
      refetchSoon(conversationKeys.messages(item.id));
      return;
    }
    case 'message.created':
    case 'message.updated': {
      const message = event.data;
      const key = conversationKeys.messages(message.conversationId);
      const upsert = () => queryClient.setQueryData<{ items: Message[] }>(key, (old) => upsertMessage(old, message));
      upsert();
      // A fetch in flight may have been answered before this message existed: add it again once it lands.
      whenFetchSettles(queryClient, key, upsert);
      return;
    }
    case 'counts':
      queryClient.setQueryData(conversationKeys.counts, event.data);
      return;
    case 'notification': {
      const n = event.data;
      queryClient.setQueryData<{ items: AppNotification[] }>(routingKeys.notifications, (old) =>
        old && !old.items.some((x) => x.id === n.id) ? { items: [n, ...old.items] } : old,
      );
      refetchSoon(routingKeys.notifications);
      // A spike alert for supervisors: the inbox banner reads the alerts list.
      if (isSpikeNotification(n)) refetchSoon(incidentKeys.spikes);
      return;
    }
    case 'incident.updated': {
      const incident = event.data;
      // The detail keeps its conversation list until the refetch brings the new one.
      queryClient.setQueryData<IncidentDetail>(incidentKeys.detail(incident.id), (old) =>
        old ? { ...old, ...incident } : old,
      );
      refetchSoon(incidentKeys.all);
      // Linking shows or hides the incident badge on conversations.
      refetchSoon(conversationKeys.lists);
      return;
    }
    case 'conversation.viewers':
      applyViewers(queryClient, event.data);
      return;
    case 'spike.detected': {
      const spike = event.data;
      queryClient.setQueryData<{ items: SpikeAlert[] }>(incidentKeys.spikes, (old) =>
        old && !old.items.some((x) => x.id === spike.id) ? { items: [spike, ...old.items] } : old,
      );
      refetchSoon(incidentKeys.spikes);
      return;
    }
  }
}

/**
 * Runs `then` after the query's in-flight fetch finishes (nothing if it is idle). Invalidation alone is
 * not enough: TanStack Query dedupes a refetch into a first fetch that is still running.
 */
function whenFetchSettles(queryClient: QueryClient, queryKey: readonly unknown[], then: () => void) {
  const cache = queryClient.getQueryCache();
  const query = cache.find({ queryKey, exact: true });
  if (!query || query.state.fetchStatus === 'idle') return;
  const unsubscribe = cache.subscribe((event) => {
    if (event.query !== query || query.state.fetchStatus !== 'idle') return;
    unsubscribe();
    then();
  });
}
