import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { adminKeys } from './admin';
import { conversationKeys } from './conversations';
import { sessionKeys } from './session';
import type { Agent } from '@contracts/agents';
import type {
  AppNotification,
  DeskSettingsRequest,
  DeskSettingsView,
  EscalationBoard,
  EscalationBoardQuery,
  EscalationCreated,
  EscalationInput,
  HandoffDraft,
  NotificationTestResult,
  PresenceSet,
  Team,
} from '@contracts/routing';
import type { Presence } from '@contracts/values';
import type { Me } from './types';

export const routingKeys = {
  notifications: ['notifications'] as const,
  board: ['escalations'] as const,
  boardFiltered: (filter: BoardFilter) => ['escalations', filter] as const,
  teams: ['teams'] as const,
  desk: ['settings', 'desk'] as const,
  handoff: (id: string) => ['handoff-draft', id] as const,
};

export function useSetPresence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (presence: Presence) => api.put<PresenceSet>('/api/me/presence', { presence }),
    onSuccess: ({ agent }) => {
      queryClient.setQueryData<Me>(sessionKeys.me, (old) =>
        old ? { ...old, agent: { ...old.agent, ...agent } } : old,
      );
      void queryClient.invalidateQueries({ queryKey: adminKeys.agents });
      // Coming online hands the agent waiting work.
      void queryClient.invalidateQueries({ queryKey: conversationKeys.lists });
      void queryClient.invalidateQueries({ queryKey: conversationKeys.counts });
    },
  });
}

export function useNotifications() {
  return useQuery({
    queryKey: routingKeys.notifications,
    queryFn: () => api.get<{ items: AppNotification[] }>('/api/notifications'),
    select: (data) => data.items,
    refetchInterval: 60_000,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids?: string[]) => api.post<void>('/api/notifications/read', ids ? { ids } : {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: routingKeys.notifications }),
  });
}

export type { EscalationInput };

function useInvalidateConversation(id: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: conversationKeys.detail(id) });
    void queryClient.invalidateQueries({ queryKey: conversationKeys.messages(id) });
    void queryClient.invalidateQueries({ queryKey: conversationKeys.lists });
    void queryClient.invalidateQueries({ queryKey: conversationKeys.counts });
    void queryClient.invalidateQueries({ queryKey: routingKeys.board });
  };
}

export function useEscalate(conversationId: string) {
  const refresh = useInvalidateConversation(conversationId);
  return useMutation({
    mutationFn: (input: EscalationInput) =>
      api.post<EscalationCreated>(`/api/conversations/${encodeURIComponent(conversationId)}/escalations`, input),
    onSuccess: refresh,
  });
}

export function useHandoffDraft(conversationId: string, enabled: boolean) {
  return useQuery({
    queryKey: routingKeys.handoff(conversationId),
    queryFn: () => api.get<HandoffDraft>(`/api/conversations/${encodeURIComponent(conversationId)}/handoff-draft`),
    enabled,
    staleTime: 0,
    gcTime: 0,
  });
}

export function useAcceptEscalation(conversationId: string) {
  const refresh = useInvalidateConversation(conversationId);
  return useMutation({
    mutationFn: (escalationId: string) => api.post<void>(`/api/escalations/${encodeURIComponent(escalationId)}/accept`),
    onSuccess: refresh,
  });
}

export type BoardFilter = Pick<EscalationBoardQuery, 'level' | 'status'>;

export function useBoard(filter: BoardFilter) {
  return useQuery({
    queryKey: routingKeys.boardFiltered(filter),
    queryFn: () => api.get<EscalationBoard>('/api/escalations', { ...filter }),
    refetchInterval: 20_000,
  });
}

export function useTeams() {
  return useQuery({
    queryKey: routingKeys.teams,
    queryFn: () => api.get<{ items: Team[] }>('/api/teams'),
    select: (data) => data.items,
    staleTime: 60_000,
  });
}

export function useCreateTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; memberIds: string[] }) => api.post<Team>('/api/teams', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: routingKeys.teams }),
  });
}

export function useDeskSettings() {
  return useQuery({
    queryKey: routingKeys.desk,
    queryFn: () => api.get<DeskSettingsView>('/api/settings/desk'),
  });
}

export function useSaveDeskSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: DeskSettingsRequest) => api.put<DeskSettingsView>('/api/settings/desk', settings),
    onSuccess: (saved) => {
      queryClient.setQueryData(routingKeys.desk, saved);
      void queryClient.invalidateQueries({ queryKey: conversationKeys.lists });
    },
  });
}

/** Sends one test event through the saved settings now (admin only). */
export function useTestNotification() {
  return useMutation({
    mutationFn: (target: 'webhook' | 'email') =>
      api.post<NotificationTestResult>('/api/settings/desk/notifications/test', { target }),
  });
}

export function useUpdateCapacity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, capacity }: { id: string; capacity: number }) =>
      api.patch<Agent>(`/api/agents/${encodeURIComponent(id)}/routing`, { capacity }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.agents }),
  });
}
