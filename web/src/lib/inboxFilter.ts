import type { ConversationStatus, InboxView, TriageMark } from '../api/types';
import { CONVERSATION_STATUSES } from '../api/types';

/** Which slice of the inbox is shown; kept in the URL (?view= | ?status= | ?channel= | ?team= | ?mark=). */
export type InboxFilter =
  | { kind: 'view'; view: InboxView }
  | { kind: 'status'; status: ConversationStatus }
  | { kind: 'channel'; channelId: string }
  | { kind: 'team'; teamId: string }
  | { kind: 'mark'; mark: TriageMark };

const MARKS: TriageMark[] = ['needs_look', 'competitor'];

const VIEWS: InboxView[] = ['all_open', 'mine', 'unassigned', 'flagged'];
export const DEFAULT_FILTER: InboxFilter = { kind: 'view', view: 'all_open' };

export function filterFromSearch(search: URLSearchParams): InboxFilter {
  const status = search.get('status');
  if (status && (CONVERSATION_STATUSES as readonly string[]).includes(status)) {
    return { kind: 'status', status: status as ConversationStatus };
  }
  const team = search.get('team');
  if (team) return { kind: 'team', teamId: team };
  const mark = search.get('mark');
  if (mark && (MARKS as string[]).includes(mark)) return { kind: 'mark', mark: mark as TriageMark };
  const channel = search.get('channel');
  if (channel) return { kind: 'channel', channelId: channel };
  const view = search.get('view');
  if (view && (VIEWS as string[]).includes(view)) return { kind: 'view', view: view as InboxView };
  return DEFAULT_FILTER;
}

export function filterToSearch(filter: InboxFilter): string {
  switch (filter.kind) {
    case 'view':
      return filter.view === 'all_open' ? '' : `?view=${filter.view}`;
    case 'status':
      return `?status=${filter.status}`;
    case 'channel':
      return `?channel=${encodeURIComponent(filter.channelId)}`;
    case 'team':
      return `?team=${encodeURIComponent(filter.teamId)}`;
    case 'mark':
      return `?mark=${filter.mark}`;
  }
}

/** Query parameters for GET /api/conversations. */
export function filterToQuery(filter: InboxFilter): Record<string, string> {
  switch (filter.kind) {
    case 'view':
      return { view: filter.view };
    case 'status':
      return { status: filter.status };
    case 'channel':
      // A channel view lists what still needs attention there, like its count (open + pending).
      return { channel: filter.channelId, view: 'all_open' };
    case 'team':
      // A team's inbox: its open work, like the other views.
      return { team: filter.teamId, view: 'all_open' };
    case 'mark':
      // Triage's marks: the open conversations it was unsure about, or that mention a competitor.
      return { mark: filter.mark, view: 'all_open' };
  }
}

export function sameFilter(a: InboxFilter, b: InboxFilter): boolean {
  return filterToSearch(a) === filterToSearch(b);
}
