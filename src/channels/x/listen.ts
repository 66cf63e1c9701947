import { xSearchExpression } from '../../listening/terms';
import type { Channel } from '../../store/repositories';
import { ListenError, type ChannelContext, type ListenQuery, type ListenResult, type ListenState } from '../plugin';
import { rateLimitWaitMs, XApiError } from './api';
import type { XCredentials } from './credentials';
import { fromV2Tweet } from './parse';
import { fetchNewPosts } from './poll';

interface XListenState {
  sinceId?: string;
  /** The expression the cursor belongs to: an edited query starts its own window. */
  expression?: string;
}

/** One listening query on X: recent search for what is new since the last call (the last day the first time). */
export async function listenOnX(
  ctx: ChannelContext,
  channel: Channel,
  query: ListenQuery,
  state: ListenState,
): Promise<ListenResult> {
  const creds = await ctx.credentials<XCredentials>(channel.id);
  const expression = xSearchExpression(query.terms, query.exclusions);
  const prev = state as XListenState;
  const since = prev.expression === expression ? prev.sinceId : undefined;
  let found;
  // The recent-search window is shared with the channel's other reads: a spent one pauses this query until it resets.
  let retryAfterMs: number | undefined;
  try {
    found = await fetchNewPosts(
      creds,
      `/2/tweets/search/recent?query=${encodeURIComponent(expression)}`,
      'search',
      since,
      (headers) => {
        if (headers.get('x-rate-limit-remaining') === '0') retryAfterMs = rateLimitWaitMs(headers) ?? 15 * 60_000;
      },
    );
  } catch (err) {
    if (err instanceof XApiError) {
      if (err.status === 429)
        throw new ListenError('rate_limited', err.message, rateLimitWaitMs(err.headers) ?? 15 * 60_000);
      const code =
        err.status === 429
          ? 'rate_limited'
          : err.status === 401 || err.status === 403
            ? 'not_authorised'
            : 'unavailable';
      throw new ListenError(code, `${err.message} (HTTP ${err.status})`);
    }
    throw new ListenError('unavailable', String(err));
  }
  // Posts that tag the brand arrive as mentions already; listening is for those that do not.
  const tag = new RegExp(`@${creds.handle}(?!\\w)`, 'i');
  const posts = found.tweets
    .filter((t) => t.author_id !== creds.userId && !tag.test(t.text))
    .map((t) => ({ t, event: fromV2Tweet(channel.id, t, found.users, 'search') }))
    .filter((p) => p.event !== null)
    .map(({ t, event }) => {
      const author = t.author_id ? found.users.get(t.author_id) : undefined;
      return {
        externalId: t.id,
        postedAt: event!.occurredAt,
        text: t.text,
        url: typeof event!.meta?.url === 'string' ? event!.meta.url : null,
        author: { name: author?.name ?? null, handle: author?.username ?? null },
        event,
      };
    });
  return { posts, state: { sinceId: found.newest ?? since, expression } satisfies XListenState, retryAfterMs };
}
