import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Agent, Me, Workspace } from './types';

export const sessionKeys = {
  setup: ['setup'] as const,
  me: ['me'] as const,
};

export function useSetupStatus() {
  return useQuery({
    queryKey: sessionKeys.setup,
    queryFn: () => api.get<{ needsSetup: boolean }>('/api/setup'),
    staleTime: 60_000,
  });
}

export function useMe() {
  return useQuery({
    queryKey: sessionKeys.me,
    queryFn: () => api.get<Me>('/api/me'),
    retry: false,
    staleTime: 5 * 60_000,
  });
}

export interface SetupInput {
  workspaceName: string;
  adminName: string;
  adminEmail: string;
  adminPassword: string;
}

export function useSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SetupInput) =>
      api.post<{ workspace: Workspace; agent: Agent }>('/api/setup', input),
    onSuccess: async (result) => {
      queryClient.setQueryData(sessionKeys.setup, { needsSetup: false });
      queryClient.setQueryData<Me>(sessionKeys.me, result);
    },
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) =>
      api.post<{ agent: Agent }>('/api/auth/login', input),
    // /api/me also carries the workspace, so fetch it fresh rather than guess.
    onSuccess: () => queryClient.resetQueries({ queryKey: sessionKeys.me }),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/logout'),
    onSettled: () => queryClient.clear(),
  });
}
