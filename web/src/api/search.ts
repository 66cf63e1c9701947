import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SearchHit, SearchParams } from '@contracts/search';
import { api } from './client';

export type { SearchHit, SearchParams };

/** The search box's results; asks nothing for an empty query and keeps the last results while the next ones load. */
export function useSearch(params: SearchParams) {
  const q = params.q.trim();
  return useQuery({
    queryKey: ['search', { ...params, q }],
    queryFn: () => api.get<{ items: SearchHit[] }>('/api/search', { ...params, q }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
    select: (data) => data.items,
  });
}
