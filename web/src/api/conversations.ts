import type { Approval } from '@contracts/approvals';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConversationChange, ReplyInput } from '@contracts/conversations';
import { api, ApiError } from './client';
import { customerKeys } from './customers';
import { triageKeys } from './triage';
import type { ComposeCheck, Conversation, ConversationCounts, ConversationItem, Message, Page } from './types';
import type { InboxFilter } from '../lib/inboxFilter';
import { filterToQuery } from '../lib/inboxFilter';

export const conversationKeys = {
  counts: ['counts'] as const,
  lists: ['conversations'] as const,
  list: (filter: InboxFilter) => ['conversations', filter] as const,
  detail: (id: string) => ['conversation', id] as const,
  messages: (id: string) => ['messages', id] as const,
  composeCheck: (id: string, text: string) => ['compose-check', id, text] as const,
};

const PAGE_SIZE = 50;

export function useCounts() {
  return useQuery({
    queryKey: conversationKeys.counts,
    queryFn: () => api.get<ConversationCounts>('/api/conversations/counts'),
  });
}

export function useConversationList(filter: InboxFilter) {
  return useInfiniteQuery({
    queryKey: conversationKeys.list(filter),
    queryFn: ({ pageParam }) =>
      api.get<Page<ConversationItem>>('/api/conversations', {
        ...filterToQuery(filter),
        limit: PAGE_SIZE,
        cursor: pageParam,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useConversation(id: string) {
  return useQuery({
    queryKey: conversationKeys.detail(id),
    queryFn: () => api.get<Conversation>(`/api/conversations/${encodeURIComponent(id)}`),
  });
}

export function useMessages(conversationId: string) {
  return useQuery({
    queryKey: conversationKeys.messages(conversationId),
    queryFn: () => api.get<{ items: Message[] }>(`/api/conversations/${encodeURIComponent(conversationId)}/messages`),
    select: (data) => data.items,
  });
}

/** Insert or replace one message in a cached thread (used by mutations and realtime). */
export function upsertMessage(
  data: { items: Message[] } | undefined,
  message: Message,
): { items: Message[] } | undefined {
  if (!data) return data;
  const index = data.items.findIndex((m) => m.id === message.id);
  if (index === -1) return { items: [...data.items, message] };
  const items = data.items.slice();
  items[index] = message;
  return { items };
}

/** A change to a conversation: the server's own request schema. */
export type ConversationPatch = ConversationChange;

export function useUpdateConversation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: ConversationPatch) =>
      api.patch<Conversation>(`/api/conversations/${encodeURIComponent(id)}`, patch),
    onSuccess: (conversation) => {
      queryClient.setQueryData(conversationKeys.detail(id), conversation);
      void queryClient.invalidateQueries({ queryKey: conversationKeys.lists });
      void queryClient.invalidateQueries({ queryKey: conversationKeys.counts });
      void queryClient.invalidateQueries({ queryKey: customerKeys.detail(conversation.customer.id) });
      void queryClient.invalidateQueries({ queryKey: triageKeys.settings });
    },
  });
}

type Thread = { items: Message[] } | undefined;

export function useSendMessage(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    // 201 with the message, or 202 with the approval when the desk holds public replies for a supervisor.
    mutationFn: (input: ReplyInput) =>
      api.post<Message | { approval: Approval }>(
        `/api/conversations/${encodeURIComponent(conversationId)}/messages`,
        input,
      ),
    onError: (err) => {
      // A colleague's reply the realtime stream has not brought yet: fetch the thread so the agent can read it.
      if (err instanceof ApiError && err.code === 'replied_since_draft')
        void queryClient.invalidateQueries({ queryKey: conversationKeys.messages(conversationId) });
    },
    onSuccess: (sent, input) => {
      // The reply may also have resolved the conversation, set it pending or made it the agent's.
      if (!input.private || 'approval' in sent) {
        void queryClient.invalidateQueries({ queryKey: conversationKeys.detail(conversationId) });
        void queryClient.invalidateQueries({ queryKey: conversationKeys.lists });
        void queryClient.invalidateQueries({ queryKey: conversationKeys.counts });
      }
      if ('approval' in sent) return;
      const message = sent;
      // Realtime events may already carry a newer delivery state than this response: never overwrite.
      queryClient.setQueryData(conversationKeys.messages(conversationId), (data: Thread) =>
        data?.items.some((m) => m.id === message.id) ? data : upsertMessage(data, message),
      );
    },
  });
}

/** Held public replies (desk setting approvals): the supervisors' queue and their decisions. */
export function useApprovals(enabled: boolean) {
  return useQuery({
    queryKey: ['approvals'],
    queryFn: () => api.get<{ items: Approval[] }>('/api/approvals'),
    select: (d) => d.items,
    enabled,
    refetchInterval: 30_000,
  });
}

export function useDecideApproval(conversationId: string) {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: conversationKeys.detail(conversationId) });
    void queryClient.invalidateQueries({ queryKey: conversationKeys.messages(conversationId) });
    void queryClient.invalidateQueries({ queryKey: ['approvals'] });
  };
  return useMutation({
    mutationFn: async (
      d:
        | { id: string; action: 'approve'; text?: string }
        | { id: string; action: 'reject'; note: string }
        | { id: string; action: 'withdraw' },
    ) =>
      d.action === 'withdraw'
        ? api.delete<void>(`/api/approvals/${encodeURIComponent(d.id)}`).then(() => null)
        : d.action === 'approve'
          ? api.post<Approval>(`/api/approvals/${encodeURIComponent(d.id)}/approve`, d.text ? { text: d.text } : {})
          : api.post<Approval>(`/api/approvals/${encodeURIComponent(d.id)}/reject`, { note: d.note }),
    onSuccess: refresh,
  });
}

export function useRetryMessage(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string) => api.post<Message>(`/api/messages/${encodeURIComponent(messageId)}/retry`),
    onSuccess: (message) => {
      // Only replace the failed state; if an event already moved it on, keep the newer one.
      queryClient.setQueryData(conversationKeys.messages(conversationId), (data: Thread) => {
        const current = data?.items.find((m) => m.id === message.id);
        return current && current.delivery?.status !== 'failed' ? data : upsertMessage(data, message);
      });
    },
  });
}

/** The server's verdict on a draft (X counts weighted characters); call with an already debounced text. */
export function useComposeCheck(conversationId: string, text: string, enabled: boolean) {
  return useQuery({
    queryKey: conversationKeys.composeCheck(conversationId, text),
    queryFn: () =>
      api.post<ComposeCheck>(`/api/conversations/${encodeURIComponent(conversationId)}/compose-check`, { text }),
    enabled: enabled && text.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** Moves a public thread to DMs on the same platform with a first private message. */
/** After a DM case from a public post is resolved: one public reply on the original post. */
export function usePublicFollowUp(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) =>
      api.post<Message>(`/api/conversations/${encodeURIComponent(conversationId)}/public-follow-up`, { text }),
    onSuccess: (message) => {
      queryClient.setQueryData(conversationKeys.messages(conversationId), (data: Thread) =>
        data?.items.some((m) => m.id === message.id) ? data : upsertMessage(data, message),
      );
      void queryClient.invalidateQueries({ queryKey: conversationKeys.detail(conversationId) });
    },
  });
}

export function useContinuePrivately(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) =>
      api.post<Message>(`/api/conversations/${encodeURIComponent(conversationId)}/continue-privately`, { text }),
    onSuccess: (message) => {
      queryClient.setQueryData(conversationKeys.messages(conversationId), (data: Thread) =>
        data?.items.some((m) => m.id === message.id) ? data : upsertMessage(data, message),
      );
      void queryClient.invalidateQueries({ queryKey: conversationKeys.detail(conversationId) });
      void queryClient.invalidateQueries({ queryKey: conversationKeys.messages(conversationId) });
      void queryClient.invalidateQueries({ queryKey: ['compose-check', conversationId] });
    },
  });
}
