import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Article,
  ArticleContentInput,
  ArticleFacets,
  ArticleHit,
  ArticleImportResult,
  ArticleListParams,
  ArticleSummary,
  ArticleUpdateInput,
  Revision,
  RevisionSummary,
} from '@contracts/knowledge-base';
import type { Page } from '@contracts/common';
import type { HelpCenterSettings, HelpCenterSettingsUpdate } from '@contracts/help-center';
import type { ArticleStatus } from '@contracts/knowledge-base-values';
import { api } from './client';

export type { HelpCenterSettings };
export type { Article, ArticleContentInput, ArticleHit, ArticleSummary, Revision, RevisionSummary };

export const kbKeys = {
  all: ['kb'] as const,
  list: (params: Omit<ArticleListParams, 'cursor'>) => ['kb', 'list', params] as const,
  facets: ['kb', 'facets'] as const,
  search: (q: string, status?: ArticleStatus) => ['kb', 'search', q, status ?? null] as const,
  article: (id: string) => ['kb', 'article', id] as const,
  revisions: (id: string) => ['kb', 'revisions', id] as const,
  revision: (id: string, n: number) => ['kb', 'revision', id, n] as const,
};

const path = (id: string) => `/api/kb/articles/${encodeURIComponent(id)}`;

/** Articles, most recently edited first, a page at a time. */
export function useArticles(params: Omit<ArticleListParams, 'cursor' | 'limit'>) {
  return useInfiniteQuery({
    queryKey: kbKeys.list(params),
    queryFn: ({ pageParam }) =>
      api.get<Page<ArticleSummary>>('/api/kb/articles', { ...params, limit: 30, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useArticleFacets() {
  return useQuery({ queryKey: kbKeys.facets, queryFn: () => api.get<ArticleFacets>('/api/kb/facets') });
}

/** Search results; asks nothing for an empty query and keeps the last results while the next ones load. */
export function useArticleSearch(q: string, status?: ArticleStatus) {
  const query = q.trim();
  return useQuery({
    queryKey: kbKeys.search(query, status),
    queryFn: () => api.get<{ items: ArticleHit[] }>('/api/kb/search', { q: query, status }),
    enabled: query.length > 0,
    placeholderData: keepPreviousData,
    select: (data) => data.items,
  });
}

export function useArticle(id: string | null) {
  return useQuery({
    queryKey: kbKeys.article(id ?? ''),
    queryFn: () => api.get<Article>(path(id!)),
    enabled: id !== null,
  });
}

export function useRevisions(id: string | null, enabled: boolean) {
  return useQuery({
    queryKey: kbKeys.revisions(id ?? ''),
    queryFn: () => api.get<{ items: RevisionSummary[] }>(`${path(id!)}/revisions`),
    enabled: id !== null && enabled,
    select: (data) => data.items,
  });
}

export function useRevision(id: string | null, number: number | null) {
  return useQuery({
    queryKey: kbKeys.revision(id ?? '', number ?? 0),
    queryFn: () => api.get<Revision>(`${path(id!)}/revisions/${number}`),
    enabled: id !== null && number !== null,
  });
}

function useChanged() {
  const queryClient = useQueryClient();
  return (article?: Article) => {
    if (article) queryClient.setQueryData(kbKeys.article(article.id), article);
    void queryClient.invalidateQueries({ queryKey: kbKeys.all });
  };
}

export function useSaveArticle() {
  const changed = useChanged();
  return useMutation({
    mutationFn: ({
      id,
      ...input
    }: (ArticleContentInput & { id?: undefined }) | (ArticleUpdateInput & { id: string })) =>
      id ? api.put<Article>(path(id), input) : api.post<Article>('/api/kb/articles', input),
    onSuccess: changed,
  });
}

export function useRestoreRevision() {
  const changed = useChanged();
  return useMutation({
    mutationFn: ({ id, number, baseRevision }: { id: string; number: number; baseRevision: number }) =>
      api.post<Article>(`${path(id)}/revisions/${number}/restore`, { baseRevision }),
    onSuccess: changed,
  });
}

export function useArchiveArticle() {
  const changed = useChanged();
  return useMutation({ mutationFn: (id: string) => api.delete(path(id)), onSuccess: () => changed() });
}

export function useImportArticles() {
  const changed = useChanged();
  return useMutation({
    mutationFn: (text: string) => api.post<ArticleImportResult>('/api/kb/import', { text }),
    onSuccess: () => changed(),
  });
}

/** Downloaded by the browser itself (a plain link), so the file is saved as the server names it. */
export const EXPORT_URL = '/api/kb/export.jsonl';

/** The public help center's settings (admins). */
export function useHelpCenter(enabled: boolean) {
  return useQuery({
    queryKey: ['kb', 'help-center'] as const,
    queryFn: () => api.get<HelpCenterSettings>('/api/kb/help-center'),
    enabled,
  });
}

export function useSaveHelpCenter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: HelpCenterSettingsUpdate) => api.patch<HelpCenterSettings>('/api/kb/help-center', change),
    onSuccess: (saved) => queryClient.setQueryData(['kb', 'help-center'], saved),
  });
}
