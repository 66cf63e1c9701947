import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ArticleSuggestions } from '@contracts/answer-bot';
import { adminKeys } from './admin';
import { api } from './client';
import type { Channel } from './types';

export type { ArticleSuggestion, ArticleSuggestions } from '@contracts/answer-bot';

/** The published articles that best match the customer's last message (refetched when a new message arrives). */
export function useArticleSuggestions(conversationId: string, lastCustomerMessageId: string | null) {
  return useQuery({
    queryKey: ['article-suggestions', conversationId, lastCustomerMessageId] as const,
    queryFn: () =>
      api.get<ArticleSuggestions>(`/api/conversations/${encodeURIComponent(conversationId)}/article-suggestions`),
    enabled: lastCustomerMessageId !== null,
    staleTime: 5 * 60_000,
  });
}

/** An admin turns the answer bot on or off for a channel. */
export function useSetAnswerBot(channelId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (enabled: boolean) =>
      api.put<Channel>(`/api/channels/${encodeURIComponent(channelId)}/answer-bot`, { enabled }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.channels }),
  });
}
