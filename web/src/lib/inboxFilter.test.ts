import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FILTER,
  filterFromSearch,
  filterToQuery,
  filterToSearch,
  sameFilter,
  type InboxFilter,
} from './inboxFilter';

describe('inbox filters in the URL', () => {
  it('round-trips every kind of filter through the query string', () => {
    const filters: InboxFilter[] = [
      { kind: 'view', view: 'all_open' },
      { kind: 'view', view: 'flagged' },
      { kind: 'status', status: 'pending' },
      { kind: 'channel', channelId: 'ch/1 ?&' },
      { kind: 'team', teamId: 'チーム' },
    ];
    for (const f of filters) expect(filterFromSearch(new URLSearchParams(filterToSearch(f)))).toEqual(f);
    expect(filterToSearch(DEFAULT_FILTER)).toBe('');
  });

  it('falls back to all open for unknown values, and prefers status over team, channel and view', () => {
    expect(filterFromSearch(new URLSearchParams('?view=nonsense'))).toEqual(DEFAULT_FILTER);
    expect(filterFromSearch(new URLSearchParams('?status=deleted'))).toEqual(DEFAULT_FILTER);
    expect(filterFromSearch(new URLSearchParams('?status=open&team=t&channel=c&view=mine'))).toEqual({
      kind: 'status',
      status: 'open',
    });
    expect(filterFromSearch(new URLSearchParams('?team=t&channel=c'))).toEqual({ kind: 'team', teamId: 't' });
  });

  it('asks the API for what still needs attention in channel and team views', () => {
    expect(filterToQuery({ kind: 'channel', channelId: 'c' })).toEqual({ channel: 'c', view: 'all_open' });
    expect(filterToQuery({ kind: 'team', teamId: 't' })).toEqual({ team: 't', view: 'all_open' });
    expect(filterToQuery({ kind: 'status', status: 'resolved' })).toEqual({ status: 'resolved' });
    expect(filterToQuery({ kind: 'mark', mark: 'needs_look' })).toEqual({ mark: 'needs_look', view: 'all_open' });
    expect(filterFromSearch(new URLSearchParams('?mark=competitor'))).toEqual({ kind: 'mark', mark: 'competitor' });
    expect(filterFromSearch(new URLSearchParams('?mark=bogus'))).toEqual({ kind: 'view', view: 'all_open' });
    expect(sameFilter({ kind: 'view', view: 'mine' }, filterFromSearch(new URLSearchParams('view=mine')))).toBe(true);
  });
});
