// Incidents and spike alerts: shapes mirrored by hand from the incidents API, and their queries.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { conversationKeys } from './conversations';
import type { AppNotification } from './routingTypes';
import type { ChannelKind, ConversationStatus } from './types';
import { DEFAULT_SPIKE_RULE } from '../../../src/incidents/spike';

/** The urgent triage categories an incident can be about (money, service, product safety, reputation). */
export const INCIDENT_CATEGORIES = ['outage', 'billing_error', 'defect', 'safety', 'backlash'] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];
export const isIncidentCategory = (value: string): value is IncidentCategory =>
  (INCIDENT_CATEGORIES as readonly string[]).includes(value);

/** The spike rule's window: the banner says "N in 10 minutes". */
export const SPIKE_WINDOW_MINUTES = DEFAULT_SPIKE_RULE.windowMinutes;

export type IncidentStatus = 'open' | 'resolved';

export interface Incident {
  id: string;
  title: string;
  status: IncidentStatus;
  categories: string[];
  keywords: string[];
  ackJa: string;
  ackEn: string;
  autoAcknowledge: boolean;
  followUpJa: string | null;
  followUpEn: string | null;
  declaredBy: { id: string; name: string };
  declaredAt: string;
  resolvedAt: string | null;
  linkedCount: number;
  acknowledgedCount: number;
}

export interface IncidentConversation {
  id: string;
  customerName: string;
  channelType: ChannelKind;
  status: ConversationStatus;
  preview: string;
  firstResponseAt: string | null;
  createdAt: string;
}

export interface IncidentDetail extends Incident {
  conversations: IncidentConversation[];
}

export interface SpikeAlert {
  id: string;
  category: string;
  observed: number;
  expected: number;
  at: string;
  incidentId: string | null;
}

export interface DeclareInput {
  title: string;
  categories: string[];
  keywords?: string[];
  ackJa: string;
  ackEn: string;
  autoAcknowledge?: boolean;
  linkSinceMinutes?: number;
}

export interface ResolveInput {
  followUpJa: string;
  followUpEn: string;
}

export type IncidentFilter = 'open' | 'resolved' | 'all';

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
    mutationFn: () =>
      api.post<{ sent: number; skipped: number }>(`/api/incidents/${encodeURIComponent(id)}/acknowledge`),
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
