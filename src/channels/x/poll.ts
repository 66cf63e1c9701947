import { channels } from '../../store/repositories';
import type { ChannelContext } from '../plugin';
import { rateLimitWaitMs, XApiError, xRequest } from './api';
import { DEFAULT_POLL_INTERVAL_SECONDS, readToken, type XCredentials } from './credentials';
import { fromV2Tweet, type V2Tweet, type V2User } from './parse';

const TICK_MS = 1_000;
const MAX_PAGES = 5;
/** With no cursor yet (a new channel), listening starts from the last day rather than the account's whole history. */
const BACKFILL_MS = 24 * 60 * 60_000;
const FIELDS =
  'tweet.fields=created_at,conversation_id,author_id,referenced_tweets&expansions=author_id&user.fields=username,name';

export type Stream = 'mentions' | 'search';
/** Durable since-id cursors, kept in the channel's settings JSON under `xPolling`. */
interface Cursors {
  mentionsSinceId?: string;
  searchSinceId?: string;
  searchQuery?: string;
}
interface Page {
  data?: V2Tweet[];
  includes?: { users?: V2User[] };
  meta?: { newest_id?: string; next_token?: string };
}

/** Snowflake ids are numeric strings longer than a double keeps exactly: compare them as strings. */
const newer = (a: string, b: string | undefined) => !b || a.length > b.length || (a.length === b.length && a > b);

/**
 * Polls the v2 mentions timeline and, when a query is set, recent search for every X channel that asks for it:
 * the path that works on X's affordable tiers, and the listening path for posts that do not tag the brand.
 * Recording is idempotent on the post id, so overlaps with webhooks or between polls never duplicate.
 */
export class XPoller {
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> | undefined;
  private stopped = false;
  private lastPollAt = new Map<string, number>();
  /** Per channel and stream: no request until X's rate-limit window resets. */
  private pausedUntil = new Map<string, number>();

  constructor(private ctx: ChannelContext) {}

  start(): void {
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.current;
  }

  private schedule() {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.current = this.tick()
        .catch((err: unknown) => this.ctx.log.error({ err }, 'X polling failed'))
        .finally(() => this.schedule());
    }, TICK_MS);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    const rows = await channels.liveOfKind(this.ctx.db, 'x');
    for (const row of rows) {
      if (this.stopped) return;
      // One channel's failure (bad token, X down) must not hold up the others.
      try {
        const creds = await this.ctx.credentials<XCredentials>(row.id);
        const interval = (creds.pollIntervalSeconds ?? DEFAULT_POLL_INTERVAL_SECONDS) * 1000;
        if (!interval || Date.now() - (this.lastPollAt.get(row.id) ?? 0) < interval) continue;
        this.lastPollAt.set(row.id, Date.now());
        await this.pollChannel(row.id, creds);
      } catch (err) {
        this.ctx.log.warn({ err: String(err), channelId: row.id }, 'X poll failed; will try again next interval');
      }
    }
  }

  async pollChannel(channelId: string, creds: XCredentials): Promise<void> {
    const cursors = await this.cursors(channelId);
    const mentions = await this.pollStream(
      channelId,
      creds,
      'mentions',
      `/2/users/${creds.userId}/mentions`,
      cursors.mentionsSinceId,
    );
    if (mentions) await this.saveCursors(channelId, { mentionsSinceId: mentions });
    if (!creds.searchQuery) return;
    // A new query starts its own listening window; the old cursor belongs to the old query.
    const since = cursors.searchQuery === creds.searchQuery ? cursors.searchSinceId : undefined;
    const search = await this.pollStream(
      channelId,
      creds,
      'search',
      `/2/tweets/search/recent?query=${encodeURIComponent(creds.searchQuery)}`,
      since,
    );
    if (search) await this.saveCursors(channelId, { searchSinceId: search, searchQuery: creds.searchQuery });
  }

  /** Fetches what is new since the cursor, records it oldest first, and returns the new cursor (if any). */
  private async pollStream(
    channelId: string,
    creds: XCredentials,
    stream: Stream,
    path: string,
    sinceId: string | undefined,
  ): Promise<string | undefined> {
    const key = `${channelId}:${stream}`;
    if (Date.now() < (this.pausedUntil.get(key) ?? 0)) return undefined;
    let found: NewPosts;
    try {
      found = await fetchNewPosts(creds, path, stream, sinceId, (headers) => this.honourRateLimit(key, headers));
    } catch (err) {
      if (err instanceof XApiError && err.status === 429)
        this.pausedUntil.set(key, Date.now() + (rateLimitWaitMs(err.headers) ?? 15 * 60_000));
      throw err;
    }
    for (const t of found.tweets) {
      if (t.author_id === creds.userId) continue; // the brand's own posts
      const event = fromV2Tweet(channelId, t, found.users, stream);
      if (event) await this.ctx.record(event);
    }
    return found.newest;
  }

  private honourRateLimit(key: string, headers: Headers) {
    if (headers.get('x-rate-limit-remaining') !== '0') return;
    const reset = Number(headers.get('x-rate-limit-reset'));
    this.pausedUntil.set(key, Number.isFinite(reset) && reset > 0 ? reset * 1000 : Date.now() + 15 * 60_000);
  }

  private async cursors(channelId: string): Promise<Cursors> {
    return ((await this.ctx.channel(channelId))?.settings.xPolling as Cursors | undefined) ?? {};
  }

  private async saveCursors(channelId: string, patch: Cursors): Promise<void> {
    // Only the xPolling key is written (patchSettings re-reads the rest), so a greeting saved meanwhile is kept.
    await channels.patchSettings(this.ctx.db, channelId, {
      xPolling: { ...(await this.cursors(channelId)), ...patch },
    });
  }
}

export interface NewPosts {
  /** Oldest first. */
  tweets: V2Tweet[];
  users: Map<string, V2User>;
  /** The cursor for next time, when newer than `sinceId`. */
  newest: string | undefined;
}

/**
 * Pages through a timeline or a recent search for posts newer than `sinceId` (the last day when there is none yet),
 * up to five pages, stopping early when X says its rate-limit window is spent (`onHeaders` sees every answer).
 */
export async function fetchNewPosts(
  creds: XCredentials,
  path: string,
  stream: Stream,
  sinceId: string | undefined,
  onHeaders: (headers: Headers) => void = () => {},
): Promise<NewPosts> {
  const tweets: V2Tweet[] = [];
  const users = new Map<string, V2User>();
  let newest: string | undefined;
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const params = new URLSearchParams({ max_results: '100' });
    if (sinceId) params.set('since_id', sinceId);
    else params.set('start_time', new Date(Date.now() - BACKFILL_MS).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    if (token) params.set(stream === 'mentions' ? 'pagination_token' : 'next_token', token);
    const url = `${path}${path.includes('?') ? '&' : '?'}${params}&${FIELDS}`;
    const res = await xRequest<Page>(creds, readToken(creds), 'GET', url);
    onHeaders(res.headers);
    const spent = res.headers.get('x-rate-limit-remaining') === '0';
    for (const t of res.data.data ?? []) tweets.push(t);
    for (const u of res.data.includes?.users ?? []) users.set(u.id, u);
    for (const id of [res.data.meta?.newest_id, ...(res.data.data ?? []).map((t) => t.id)])
      if (id && newer(id, newest)) newest = id;
    token = res.data.meta?.next_token;
    if (!token || spent) break;
  }
  tweets.sort((a, b) => (a.id === b.id ? 0 : newer(a.id, b.id) ? 1 : -1));
  return { tweets, users, newest: newest && newer(newest, sinceId) ? newest : undefined };
}
