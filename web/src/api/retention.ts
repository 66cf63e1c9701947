import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RetentionSettings } from '@contracts/retention';
import { api } from './client';

export type { RetentionSettings };

const retentionKey = ['retention'] as const;

export function useRetentionSettings() {
  return useQuery({ queryKey: retentionKey, queryFn: () => api.get<RetentionSettings>('/api/admin/retention') });
}

export function useSaveRetentionSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (s: RetentionSettings) => api.put<RetentionSettings>('/api/admin/retention', s),
    onSuccess: (saved) => queryClient.setQueryData(retentionKey, saved),
  });
}
