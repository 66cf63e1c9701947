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
    mutationFn: (input: SetupInput) => api.post<{ workspace: Workspace; agent: Agent }>('/api/setup', input),
    onSuccess: async (result) => {
      queryClient.setQueryData(sessionKeys.setup, { needsSetup: false });
      queryClient.setQueryData<Me>(sessionKeys.me, { ...result, twoFactorSetupRequired: false });
    },
  });
}

/** Signed in, or asked for the second factor (a short-lived challenge to answer with a code). */
export type LoginResult =
  { agent: Agent; twoFactorSetupRequired: boolean } | { twoFactor: { challenge: string; expiresAt: string } };

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) => api.post<LoginResult>('/api/auth/login', input),
    // /api/me also carries the workspace, so fetch it fresh rather than guess.
    onSuccess: (result) => {
      if ('agent' in result) void queryClient.resetQueries({ queryKey: sessionKeys.me });
    },
  });
}

export function useLoginTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { challenge: string; code: string }) =>
      api.post<{ agent: Agent; twoFactorSetupRequired: boolean }>('/api/auth/login/two-factor', input),
    onSuccess: () => queryClient.resetQueries({ queryKey: sessionKeys.me }),
  });
}

export interface AuthOptions {
  sso: { enabled: boolean; label: string };
  passwordSignIn: 'everyone' | 'admins';
}

export function useAuthOptions() {
  return useQuery({
    queryKey: ['auth-options'],
    queryFn: () => api.get<AuthOptions>('/api/auth/options'),
    staleTime: 60_000,
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/logout'),
    onSettled: () => queryClient.clear(),
  });
}
