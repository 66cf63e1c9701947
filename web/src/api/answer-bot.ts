import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AnswerBotFigures, ArticleSuggestions, ReplyDraft } from '@contracts/answer-bot';
import type { ReportParams } from '@contracts/reports';
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

/** The answer bot's figures for a report's range and channel. */
export function useAnswerBotFigures(params: ReportParams) {
  const clean = Object.fromEntries(
    Object.entries({ from: params.from, to: params.to, channel: params.channel }).filter(([, v]) => v),
  ) as Record<string, string>;
  return useQuery({
    queryKey: ['reports', 'answer-bot', clean],
    queryFn: () => api.get<AnswerBotFigures>('/api/reports/answer-bot', clean),
  });
}

/** A reply draft from the language model, for the composer (never sent by Koe). */
export function useReplyDraft(conversationId: string) {
  return useMutation({
    mutationFn: () => api.post<ReplyDraft>(`/api/conversations/${encodeURIComponent(conversationId)}/draft`, {}),
  });
}
