import type { ConversationStatus, InboxView } from '../api/types';
import { CONVERSATION_STATUSES } from '../api/types';

/** Which slice of the inbox is shown; kept in the URL (?view= | ?status= | ?channel= | ?team=). */
export type InboxFilter =
  | { kind: 'view'; view: InboxView }
  | { kind: 'status'; status: ConversationStatus }
  | { kind: 'channel'; channelId: string }
  | { kind: 'team'; teamId: string };

const VIEWS: InboxView[] = ['all_open', 'mine', 'unassigned', 'flagged'];
export const DEFAULT_FILTER: InboxFilter = { kind: 'view', view: 'all_open' };

export function filterFromSearch(search: URLSearchParams): InboxFilter {
  const status = search.get('status');
  if (status && (CONVERSATION_STATUSES as readonly string[]).includes(status)) {
    return { kind: 'status', status: status as ConversationStatus };
  }
  const team = search.get('team');
  if (team) return { kind: 'team', teamId: team };
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
  }
}

export function sameFilter(a: InboxFilter, b: InboxFilter): boolean {
  return filterToSearch(a) === filterToSearch(b);
}
