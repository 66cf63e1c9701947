import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AuthOptions,
  LoginInput,
  LoginResult,
  Me,
  SetupInput,
  SetupResult,
  SetupStatus,
  SignedIn,
  TwoFactorLoginInput,
} from '@contracts/auth';
import { api } from './client';

export type { AuthOptions, LoginResult, SetupInput };

export const sessionKeys = {
  setup: ['setup'] as const,
  me: ['me'] as const,
};

export function useSetupStatus() {
  return useQuery({
    queryKey: sessionKeys.setup,
    queryFn: () => api.get<SetupStatus>('/api/setup'),
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

export function useSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SetupInput) => api.post<SetupResult>('/api/setup', input),
    onSuccess: async (result) => {
      queryClient.setQueryData(sessionKeys.setup, { needsSetup: false });
      queryClient.setQueryData<Me>(sessionKeys.me, { ...result, twoFactorSetupRequired: false });
    },
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api.post<LoginResult>('/api/auth/login', input),
    // /api/me also carries the workspace, so fetch it fresh rather than guess.
    onSuccess: (result) => {
      if ('agent' in result) void queryClient.resetQueries({ queryKey: sessionKeys.me });
    },
  });
}

export function useLoginTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TwoFactorLoginInput) => api.post<SignedIn>('/api/auth/login/two-factor', input),
    onSuccess: () => queryClient.resetQueries({ queryKey: sessionKeys.me }),
  });
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
