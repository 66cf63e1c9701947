// Incidents and spike alerts: their queries; the shapes are the server's contract (src/contracts/incidents.ts).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DEFAULT_SPIKE_RULE, type IncidentFilter, type IncidentStatus } from '@contracts/incident-values';
import type {
  AcknowledgeResult,
  DeclareInput,
  Incident,
  IncidentConversation,
  IncidentDetail,
  ResolveInput,
  SpikeAlert,
} from '@contracts/incidents';
import { api } from './client';
import { conversationKeys } from './conversations';
import type { AppNotification } from './routingTypes';

export type {
  DeclareInput,
  Incident,
  IncidentConversation,
  IncidentDetail,
  IncidentFilter,
  IncidentStatus,
  ResolveInput,
  SpikeAlert,
};

/** The urgent triage categories an incident can be about (money, service, product safety, reputation). */
export const INCIDENT_CATEGORIES = ['outage', 'billing_error', 'defect', 'safety', 'backlash'] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];
export const isIncidentCategory = (value: string): value is IncidentCategory =>
  (INCIDENT_CATEGORIES as readonly string[]).includes(value);

/** The spike rule's window: the banner says "N in 10 minutes". */
export const SPIKE_WINDOW_MINUTES = DEFAULT_SPIKE_RULE.windowMinutes;

export const incidentKeys = {
  all: ['incidents'] as const,
  list: (status: IncidentFilter) => ['incidents', 'list', status] as const,
  detail: (id: string) => ['incidents', 'detail', id] as const,
  spikes: ['incidents', 'spikes'] as const,
};

/** Conversation items and details carry `incidentId` once the server links them (absent on older servers). */
export function incidentIdOf(conversation: object): string | null {
  const id = (conversation as { incidentId?: unknown }).incidentId;
  return typeof id === 'string' && id !== '' ? id : null;
}

export const isSpikeNotification = (n: AppNotification): boolean => (n.kind as string) === 'spike';

export function useIncidents(status: IncidentFilter = 'all', enabled = true) {
  return useQuery({
    queryKey: incidentKeys.list(status),
    queryFn: () => api.get<{ items: Incident[] }>('/api/incidents', { status }),
    select: (data) => data.items,
    enabled,
    // Realtime keeps it live; this is the safety net after missed events.
    refetchInterval: 60_000,
  });
}

export function useIncident(id: string) {
  return useQuery({
    queryKey: incidentKeys.detail(id),
    queryFn: () => api.get<IncidentDetail>(`/api/incidents/${encodeURIComponent(id)}`),
  });
}

/** Spike alerts of the last hours (supervisors and admins). */
export function useSpikes(enabled: boolean, sinceHours = 1) {
  return useQuery({
    queryKey: incidentKeys.spikes,
    queryFn: () => api.get<{ items: SpikeAlert[] }>('/api/incidents/spikes', { sinceHours }),
    select: (data) => data.items,
    enabled,
    refetchInterval: 60_000,
  });
}

function useRefreshIncidents() {
  const queryClient = useQueryClient();
  return (incident?: Incident) => {
    if (incident) {
      // A detail answer (link/unlink) replaces the cached one; a bare incident keeps the cached conversations.
      queryClient.setQueryData<IncidentDetail>(incidentKeys.detail(incident.id), (old) =>
        'conversations' in incident ? (incident as IncidentDetail) : old ? { ...old, ...incident } : old,
      );
    }
    void queryClient.invalidateQueries({ queryKey: incidentKeys.all });
    // Linking and acknowledging change conversation badges, threads and first-response clocks.
    void queryClient.invalidateQueries({ queryKey: conversationKeys.lists });
    void queryClient.invalidateQueries({ queryKey: ['conversation'] });
    void queryClient.invalidateQueries({ queryKey: ['messages'] });
  };
}

export function useDeclareIncident() {
  const refresh = useRefreshIncidents();
  return useMutation({
    mutationFn: (input: DeclareInput) => api.post<Incident>('/api/incidents', input),
    onSuccess: (incident) => refresh(incident),
  });
}

export function useAcknowledgeIncident(id: string) {
  const refresh = useRefreshIncidents();
  return useMutation({
    mutationFn: () => api.post<AcknowledgeResult>(`/api/incidents/${encodeURIComponent(id)}/acknowledge`),
    onSuccess: () => refresh(),
  });
}

export function useResolveIncident(id: string) {
  const refresh = useRefreshIncidents();
  return useMutation({
    mutationFn: (input: ResolveInput) => api.post<Incident>(`/api/incidents/${encodeURIComponent(id)}/resolve`, input),
    onSuccess: (incident) => refresh(incident),
  });
}

export function useUnlinkConversations(id: string) {
  const refresh = useRefreshIncidents();
  return useMutation({
    mutationFn: (conversationIds: string[]) =>
      api.post<IncidentDetail>(`/api/incidents/${encodeURIComponent(id)}/unlink`, { conversationIds }),
    onSuccess: (detail) => refresh(detail),
  });
}

export function useLinkConversations(id: string) {
  const refresh = useRefreshIncidents();
  return useMutation({
    mutationFn: (conversationIds: string[]) =>
      api.post<IncidentDetail>(`/api/incidents/${encodeURIComponent(id)}/link`, { conversationIds }),
    onSuccess: (detail) => refresh(detail),
  });
}
