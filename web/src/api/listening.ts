import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListenedPost, ListeningQuery, ListeningQueryInput, ListeningSummary } from '@contracts/listening';
import type { Page } from '@contracts/common';
import { api } from './client';

export type { ListenedPost, ListeningQuery, ListeningQueryInput, ListeningSummary };
export type ListeningShow = 'all' | 'needs_answer' | 'competitor' | 'set_aside';

const keys = {
  all: ['listening'] as const,
  queries: ['listening', 'queries'] as const,
};

export function useListeningQueries() {
  return useQuery({
    queryKey: keys.queries,
    queryFn: () => api.get<{ items: ListeningQuery[] }>('/api/listening/queries'),
    select: (d) => d.items,
    refetchInterval: 30_000,
  });
}

export function useListeningSummary(queryId: string | null, days: number) {
  return useQuery({
    queryKey: ['listening', 'summary', queryId, days],
    queryFn: () =>
      api.get<ListeningSummary>('/api/listening/summary', { days: String(days), ...(queryId ? { queryId } : {}) }),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}

/** Newest first, 30 a page; "show more" asks for the next. */
export function useListenedPosts(queryId: string | null, show: ListeningShow) {
  return useInfiniteQuery({
    queryKey: ['listening', 'posts', queryId, show],
    queryFn: ({ pageParam }) =>
      api.get<Page<ListenedPost>>('/api/listening/posts', {
        limit: '30',
        show,
        ...(queryId ? { queryId } : {}),
        ...(pageParam ? { before: pageParam } : {}),
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: 30_000,
  });
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: keys.all });
}

export function useSaveListeningQuery() {
  const onSuccess = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...input }: ListeningQueryInput & { id?: string }) =>
      id
        ? api.patch<ListeningQuery>(`/api/listening/queries/${encodeURIComponent(id)}`, input)
        : api.post<ListeningQuery>('/api/listening/queries', input),
    onSuccess,
  });
}

export function useRemoveListeningQuery() {
  const onSuccess = useRefresh();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/listening/queries/${encodeURIComponent(id)}`),
    onSuccess,
  });
}

export function useSearchNow() {
  const onSuccess = useRefresh();
  return useMutation({
    mutationFn: (id: string) => api.post<ListeningQuery>(`/api/listening/queries/${encodeURIComponent(id)}/search`),
    onSuccess,
  });
}
