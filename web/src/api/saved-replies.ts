import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SavedReply, SavedReplyInput } from '@contracts/saved-replies';
import { api } from './client';
import { automationKeys } from './automation';

export type { SavedReply, SavedReplyInput };

export const savedReplyKeys = {
  all: ['saved-replies'] as const,
  list: (conversationId?: string) => ['saved-replies', conversationId ?? null] as const,
};

/** Shared replies and the agent's own; for a conversation, each is rendered for its customer. */
export function useSavedReplies(conversationId?: string, enabled = true) {
  return useQuery({
    queryKey: savedReplyKeys.list(conversationId),
    queryFn: () =>
      api.get<{ items: SavedReply[] }>('/api/saved-replies', conversationId ? { conversationId } : undefined),
    select: (data) => data.items,
    enabled,
  });
}

function useChanged() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: savedReplyKeys.all });
    // Shared replies are automation's templates too.
    void queryClient.invalidateQueries({ queryKey: automationKeys.templates });
  };
}

export function useSaveSavedReply() {
  const onSuccess = useChanged();
  return useMutation({
    mutationFn: ({ id, ...input }: SavedReplyInput & { id?: string }) =>
      id
        ? api.put<SavedReply>(`/api/saved-replies/${encodeURIComponent(id)}`, input)
        : api.post<SavedReply>('/api/saved-replies', input),
    onSuccess,
  });
}

export function useDeleteSavedReply() {
  const onSuccess = useChanged();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/saved-replies/${encodeURIComponent(id)}`),
    onSuccess,
  });
}

/** Counts a use when the agent inserts a reply (fire and forget: a failed count never blocks the reply). */
export function useCountUse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<void>(`/api/saved-replies/${encodeURIComponent(id)}/uses`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: savedReplyKeys.all }),
  });
}
