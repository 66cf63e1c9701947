import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AccountLink } from '@contracts/accounts';
import type { Agent } from './types';
import { adminKeys, type NewAgentInput } from './admin';
import { api } from './client';

export type { AccountLink };
export type NewInvitation = Omit<NewAgentInput, 'password'>;
export interface AccountLinkInfo {
  kind: 'invitation' | 'password_reset';
  email: string;
  name: string;
  workspaceName: string;
  expiresAt: string;
}

/** An admin adds an agent by invitation: the agent sets their own password from the link. */
export function useInviteAgent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewInvitation) =>
      api.post<{ agent: Agent; link: AccountLink }>('/api/agents/invitations', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.agents }),
  });
}

/** A new invitation (not joined yet) or a password-reset link for an agent. */
export function useMakeAccountLink() {
  return useMutation({
    mutationFn: (agentId: string) =>
      api.post<{ kind: AccountLinkInfo['kind']; link: AccountLink }>(
        `/api/agents/${encodeURIComponent(agentId)}/account-link`,
      ),
  });
}

export function useLinkInfo(token: string) {
  return useQuery({
    queryKey: ['account-link', token],
    queryFn: () => api.get<AccountLinkInfo>(`/api/auth/links/${encodeURIComponent(token)}`),
    retry: false,
  });
}

export function useRedeemLink(token: string) {
  return useMutation({
    mutationFn: (password: string) =>
      api.post<{ email: string }>(`/api/auth/links/${encodeURIComponent(token)}`, { password }),
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (email: string) => api.post<{ emailConfigured: boolean }>('/api/auth/password-reset', { email }),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) => api.post<void>('/api/me/password', input),
  });
}
