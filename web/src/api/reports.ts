import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DrillDownView, ReportParams, ReportView } from '@contracts/reports';
import type { RisingPhrases } from '@contracts/report-phrases';
import { api } from './client';
import type { Lang } from '../i18n';

export type { DrillDownView, ReportParams, ReportView };

const clean = (p: ReportParams) =>
  Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>;

/** The report for a range of days and filters; the last one stays on screen while the next loads. */
export function useReport(params: ReportParams) {
  return useQuery({
    queryKey: ['reports', clean(params)],
    queryFn: () => api.get<ReportView>('/api/reports/summary', clean(params)),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

/** The conversations behind one bar or cell (null: none asked for). */
export function useDrillDown(params: ReportParams, cell: string | null) {
  return useQuery({
    queryKey: ['reports', 'cell', clean(params), cell],
    queryFn: () =>
      api.get<DrillDownView>('/api/reports/conversations', { ...clean(params), cell: cell!, limit: '100' }),
    enabled: cell !== null,
  });
}

/** Where the CSV of the same range and filters downloads from, written in the language the page is read in. */
export const exportUrl = (params: ReportParams, lang: Lang) =>
  `/api/reports/export.csv?${new URLSearchParams({ ...clean(params), lang }).toString()}`;

/** Words and names rising against the previous period, for the same range and channel/level filters. */
export function useRisingPhrases(params: ReportParams) {
  return useQuery({
    queryKey: ['reports', 'phrases', clean(params)],
    queryFn: () => api.get<RisingPhrases>('/api/reports/phrases', clean(params)),
    placeholderData: keepPreviousData,
    refetchInterval: 5 * 60_000,
  });
}
