import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AgentCreateInput as NewAgentInput, AgentPatchInput as AgentPatch } from '@contracts/agents';
import type { NewChannelInput } from '@contracts/channels';
import { api } from './client';
import type { Agent, AuditEntry, Channel } from './types';

export const adminKeys = {
  agents: ['agents'] as const,
  channels: ['channels'] as const,
  audit: ['audit'] as const,
};

export function useAgents() {
  return useQuery({
    queryKey: adminKeys.agents,
    queryFn: () => api.get<{ items: Agent[] }>('/api/agents'),
    select: (data) => data.items,
    staleTime: 60_000,
  });
}

export type { AgentCreateInput as NewAgentInput, AgentPatchInput as AgentPatch } from '@contracts/agents';

export function useCreateAgent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewAgentInput) => api.post<Agent>('/api/agents', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.agents }),
  });
}

export function useUpdateAgent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: AgentPatch }) =>
      api.patch<Agent>(`/api/agents/${encodeURIComponent(id)}`, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.agents }),
  });
}

export function useChannels() {
  return useQuery({
    queryKey: adminKeys.channels,
    queryFn: () => api.get<{ items: Channel[] }>('/api/channels'),
    select: (data) => data.items,
    staleTime: 60_000,
  });
}

export type { NewChannelInput } from '@contracts/channels';

export function useCreateChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewChannelInput) => api.post<Channel>('/api/channels', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.channels }),
  });
}

export function useUpdateCredentials(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Record<string, unknown>) =>
      api.put<void>(`/api/channels/${encodeURIComponent(id)}/credentials`, { credentials }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.channels }),
  });
}

/** Asks the platform whether the stored credentials work; refreshes health afterwards. */
export function useTestChannel(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: boolean; detail: string }>(`/api/channels/${encodeURIComponent(id)}/test`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: adminKeys.channels }),
  });
}

export function useDeleteChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/channels/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.channels }),
  });
}

export function useAudit(limit = 200) {
  return useQuery({
    queryKey: [...adminKeys.audit, limit],
    queryFn: () => api.get<{ items: AuditEntry[] }>('/api/audit', { limit }),
    select: (data) => data.items,
  });
}
