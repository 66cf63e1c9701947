import { hashtagName, isHashtag } from '../../listening/terms';
import type { Channel } from '../../store/repositories';
import { ListenError, type ChannelContext, type ListenQuery, type ListenResult, type ListenState } from '../plugin';
import { platformTime } from '../time';
import { DeliveryError } from '../types';
import { readMetaCredentials } from './credentials';
import { GraphClient } from './graph';

// Instagram hashtag search (Graph API with Facebook Login for Business, "Instagram Public Content Access"):
// `GET /ig_hashtag_search?user_id=&q=` names a hashtag's id; `GET /{hashtag-id}/recent_media?user_id=&fields=` lists
// media tagged with it in the last 24 hours, newest first, 50 a page with an `after` cursor. The media carry no
// author, and Instagram allows no comment on them through the API, so a post found this way can be seen and triaged
// but not answered from Koe (docs/listening.md). An account may search 30 unique hashtags in 7 days.

interface Media {
  id: string;
  caption?: string;
  permalink?: string;
  timestamp?: string;
}
interface MediaPage {
  data?: Media[];
  paging?: { cursors?: { after?: string }; next?: string };
}
interface HashtagState {
  id?: string;
  /** The newest media time already taken. */
  newest?: string;
}
type IgListenState = { hashtags?: Record<string, HashtagState> };

const MAX_PAGES = 3;
/** Media can be indexed a little after its timestamp: each search looks 10 minutes behind the newest it took. */
const OVERLAP_MS = 10 * 60_000;
const overlap = (iso: string) => new Date(Date.parse(iso) - OVERLAP_MS).toISOString();

function listenErrorOf(err: unknown): ListenError {
  if (err instanceof ListenError) return err;
  if (err instanceof DeliveryError) {
    if (err.retryAfterMs !== undefined) return new ListenError('rate_limited', err.message, err.retryAfterMs);
    // 190: the token expired or was revoked; 10 and 200: a permission the app lacks (Public Content Access).
    if (/\(code (190|10|200)\)/.test(err.message)) return new ListenError('not_authorised', err.message);
    // 24 with a hashtag: more than 30 unique hashtags searched in 7 days.
    if (/\(code 24\)/.test(err.message)) return new ListenError('hashtag_limit', err.message);
  }
  return new ListenError('unavailable', err instanceof Error ? err.message : String(err));
}

/** One listening query on Instagram: each of its hashtags' recent media newer than last time. */
export async function listenOnInstagram(
  ctx: ChannelContext,
  channel: Channel,
  query: ListenQuery,
  state: ListenState,
): Promise<ListenResult> {
  const creds = readMetaCredentials(await ctx.credentials(channel.id));
  if (!creds.igAccountId) throw new ListenError('not_supported', 'The channel has no Instagram account id');
  const graph = new GraphClient(creds);
  const seen = { ...((state as IgListenState).hashtags ?? {}) };
  const next: Record<string, HashtagState> = {};
  const found = new Map<string, Media>();
  try {
    for (const name of [...new Set(query.terms.filter(isHashtag).map(hashtagName))].filter(Boolean)) {
      const known = seen[name] ?? {};
      const id =
        known.id ??
        (
          await graph.get<{ data?: Array<{ id?: string }> }>('ig_hashtag_search', {
            user_id: creds.igAccountId,
            q: name,
          })
        )?.data?.[0]?.id;
      if (!id) continue; // Instagram knows no such hashtag (yet)
      let newest = known.newest;
      let after: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const res = await graph.get<MediaPage>(`${id}/recent_media`, {
          user_id: creds.igAccountId,
          fields: 'id,caption,permalink,timestamp',
          limit: '50',
          ...(after ? { after } : {}),
        });
        const media = res?.data ?? [];
        const fresh = media.filter(
          (m) => typeof m.id === 'string' && (!known.newest || platformTime(m.timestamp) >= overlap(known.newest)),
        );
        for (const m of fresh) {
          found.set(m.id, m);
          const at = platformTime(m.timestamp);
          if (!newest || at > newest) newest = at;
        }
        after = res?.paging?.next ? res.paging.cursors?.after : undefined;
        // Newest first: a page holding something already seen ends the walk.
        if (!after || fresh.length < media.length) break;
      }
      next[name] = { id, newest };
    }
  } catch (err) {
    throw listenErrorOf(err);
  }
  const posts = [...found.values()]
    .map((m) => ({
      externalId: `ig-media:${m.id}`,
      postedAt: platformTime(m.timestamp),
      text: m.caption ?? '',
      url: typeof m.permalink === 'string' && /^https?:\/\//.test(m.permalink) ? m.permalink : null,
      author: null,
      event: null,
    }))
    .filter((p) => p.text.trim() !== '')
    .sort((a, b) => a.postedAt.localeCompare(b.postedAt));
  return { posts, state: { hashtags: { ...seen, ...next } } satisfies IgListenState };
}
