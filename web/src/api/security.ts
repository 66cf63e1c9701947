import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Agent } from '@contracts/agents';
import type {
  RecoveryCodes,
  SecuritySettings,
  SecuritySettingsInput,
  TwoFactorEnrolment,
  TwoFactorStatus,
} from '@contracts/security';
import { adminKeys } from './admin';
import { api } from './client';
import { sessionKeys } from './session';

export type { RecoveryCodes, SecuritySettings, SecuritySettingsInput, TwoFactorEnrolment, TwoFactorStatus };

const twoFactorKey = ['two-factor'] as const;

export function useTwoFactorStatus() {
  return useQuery({ queryKey: twoFactorKey, queryFn: () => api.get<TwoFactorStatus>('/api/me/two-factor') });
}

export function useStartTwoFactorSetup() {
  return useMutation({ mutationFn: () => api.post<TwoFactorEnrolment>('/api/me/two-factor/setup') });
}

/** After confirming, /api/me changes (twoFactor on, no longer restricted). */
function useAfterTwoFactorChange() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: twoFactorKey });
    void queryClient.invalidateQueries({ queryKey: sessionKeys.me });
  };
}

export function useConfirmTwoFactor() {
  const changed = useAfterTwoFactorChange();
  return useMutation({
    mutationFn: (code: string) => api.post<RecoveryCodes>('/api/me/two-factor/confirm', { code }),
    onSuccess: changed,
  });
}

export function useDisableTwoFactor() {
  const changed = useAfterTwoFactorChange();
  return useMutation({
    mutationFn: (password: string) => api.post<void>('/api/me/two-factor/disable', { password }),
    onSuccess: changed,
  });
}

export function useRegenerateRecoveryCodes() {
  const changed = useAfterTwoFactorChange();
  return useMutation({
    mutationFn: (code: string) => api.post<RecoveryCodes>('/api/me/two-factor/recovery-codes', { code }),
    onSuccess: changed,
  });
}

const settingsKey = ['security-settings'] as const;

export function useSecuritySettings() {
  return useQuery({ queryKey: settingsKey, queryFn: () => api.get<SecuritySettings>('/api/settings/security') });
}

export function useSaveSecuritySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SecuritySettingsInput) => api.put<SecuritySettings>('/api/settings/security', input),
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsKey, saved);
      void queryClient.invalidateQueries({ queryKey: ['auth-options'] });
    },
  });
}

export function useUnlockSignIn() {
  return useMutation({
    mutationFn: (agentId: string) => api.post<void>(`/api/agents/${encodeURIComponent(agentId)}/unlock-sign-in`),
  });
}

export function useResetTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (agentId: string) => api.delete<Agent>(`/api/agents/${encodeURIComponent(agentId)}/two-factor`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.agents }),
  });
}
