import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { DryRunResult, ReplyTemplate, Rule, RuleInput } from '@contracts/automation';
import type { RuleEvent } from '@contracts/automation-values';

export const automationKeys = {
  rules: ['automation', 'rules'] as const,
  templates: ['templates'] as const,
};

export function useRules() {
  return useQuery({
    queryKey: automationKeys.rules,
    queryFn: () => api.get<{ items: Rule[] }>('/api/automation/rules'),
    select: (data) => data.items,
  });
}

function useRulesChanged() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: automationKeys.rules });
}

export function useCreateRule() {
  const onSuccess = useRulesChanged();
  return useMutation({ mutationFn: (rule: RuleInput) => api.post<Rule>('/api/automation/rules', rule), onSuccess });
}

export function useUpdateRule() {
  const onSuccess = useRulesChanged();
  return useMutation({
    mutationFn: ({ id, ...rule }: Rule) => api.put<Rule>(`/api/automation/rules/${encodeURIComponent(id)}`, rule),
    onSuccess,
  });
}

export function useDeleteRule() {
  const onSuccess = useRulesChanged();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/automation/rules/${encodeURIComponent(id)}`),
    onSuccess,
  });
}

export function useDryRun() {
  return useMutation({
    mutationFn: (input: { conversationId: string; event: RuleEvent; text?: string; rule?: RuleInput }) =>
      api.post<DryRunResult>('/api/automation/dry-run', input),
  });
}

export function useTemplates() {
  return useQuery({
    queryKey: automationKeys.templates,
    queryFn: () => api.get<{ items: ReplyTemplate[] }>('/api/templates'),
    select: (data) => data.items,
  });
}

export function useCreateTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; body: string }) => api.post<ReplyTemplate>('/api/templates', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: automationKeys.templates }),
  });
}
