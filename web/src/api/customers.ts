import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { AmplifyAction, Customer, MergeSuggestion } from './types';

export const customerKeys = {
  detail: (id: string) => ['customer', id] as const,
  suggestions: (id: string) => ['customer-merge-suggestions', id] as const,
};

export function useCustomer(id: string) {
  return useQuery({
    queryKey: customerKeys.detail(id),
    queryFn: () => api.get<Customer>(`/api/customers/${encodeURIComponent(id)}`),
  });
}

export function useMergeSuggestions(id: string) {
  return useQuery({
    queryKey: customerKeys.suggestions(id),
    queryFn: () => api.get<{ items: MergeSuggestion[] }>(`/api/customers/${encodeURIComponent(id)}/merge-suggestions`),
    select: (data) => data.items,
  });
}

/**
 * A merge or its undo moves identities, conversations and message authorship between customers,
 * so every customer, suggestion, conversation and list view may be stale afterwards.
 */
function refreshAfterMerge(queryClient: QueryClient) {
  for (const key of ['customer', 'customer-merge-suggestions', 'conversation', 'conversations', 'messages', 'counts']) {
    void queryClient.invalidateQueries({ queryKey: [key] });
  }
}

export function useMergeCustomer(targetId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sourceId: string) =>
      api.post<{ mergeId: string }>(`/api/customers/${encodeURIComponent(targetId)}/merge`, { sourceId }),
    onSuccess: () => refreshAfterMerge(queryClient),
  });
}

export function useUndoMerge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (mergeId: string) => api.post<void>(`/api/customer-merges/${encodeURIComponent(mergeId)}/undo`),
    onSuccess: () => refreshAfterMerge(queryClient),
    // A 409 means someone else already undid it: show the fresh state either way.
    onError: () => refreshAfterMerge(queryClient),
  });
}

/** Like or repost the customer's public message on its platform (the action is visible to everyone there). */
export function useAmplify(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ messageId, action }: { messageId: string; action: AmplifyAction }) =>
      api.post<{ action: AmplifyAction; externalId: string | null }>(
        `/api/messages/${encodeURIComponent(messageId)}/amplify`,
        { action },
      ),
    // After success the local state hides the action; a refusal may mean the server knows better (already liked, deleted).
    onError: () => {
      void queryClient.invalidateQueries({ queryKey: ['conversation', conversationId] });
      void queryClient.invalidateQueries({ queryKey: ['messages', conversationId] });
    },
  });
}
