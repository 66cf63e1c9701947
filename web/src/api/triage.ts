import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { BrandProfile, TriageSettings } from './types';

export const triageKeys = {
  settings: ['triage', 'settings'] as const,
};

export function useTriageSettings() {
  return useQuery({
    queryKey: triageKeys.settings,
    queryFn: () => api.get<TriageSettings>('/api/triage/settings'),
  });
}

/** Replaces the workspace's phrases (admin only); they apply from the next customer message. */
export function useSaveTriagePhrases() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (phrases: Record<string, string[]>) =>
      api.put<{ phrases: Record<string, string[]> }>('/api/triage/phrases', { phrases }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: triageKeys.settings }),
  });
}

/** Replaces the workspace's brands, products, hashtags and competitors (admin only); they apply from the next message. */
export function useSaveBrands() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (brands: BrandProfile) => api.put<{ brands: BrandProfile }>('/api/triage/brands', { brands }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: triageKeys.settings }),
  });
}
