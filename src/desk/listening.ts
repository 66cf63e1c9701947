import type { Logger } from 'pino';
import { ListenError, type ChannelContext, type ChannelPlugin, type ListenResult } from '../channels/plugin';
import type { ListeningSummary } from '../contracts/listening';
import { LISTENING_KINDS, type ListenErrorCode } from '../contracts/values';
import { DomainError, notFound } from '../domain/errors';
import type { WorkspaceTriage } from '../ingest/workspace-triage';
import {
  cleanTerms,
  excluded,
  hashtagName,
  INSTAGRAM_HASHTAGS_PER_QUERY,
  isHashtag,
  X_QUERY_MAX,
  xSearchExpression,
} from '../listening/terms';
import { channels, listening, type Db, type DueQuery } from '../store/repositories';
import { localDays } from './reports/facts';

/** Instagram allows about 200 calls an hour per account, and hashtag media stay "recent" for a day: every 5 minutes. */
export const INSTAGRAM_MIN_INTERVAL_MS = 5 * 60_000;

export interface ListeningDeps {
  db: Db;
  log: Logger;
  channelCtx: ChannelContext;
  plugins: readonly ChannelPlugin[];
  /** Absent when the process runs without triage (some tests): every post is then kept as needing no answer. */
  triage?: Pick<WorkspaceTriage, 'analyse'>;
  /** How often each query asks its platform (X); Instagram never more often than every 5 minutes. */
  intervalMs: number;
}

/** Runs every listening query whose turn has come; a query is claimed first, so several processes ask once. */
export async function pollListening(deps: ListeningDeps, now = Date.now()): Promise<void> {
  for (const q of await listening.active(deps.db)) {
    if (!isDue(deps, q, now)) continue;
    if (!(await listening.claim(deps.db, q.id, q.polledAt, new Date(now).toISOString()))) continue;
    await runListeningQuery(deps, q);
  }
}

/** A query's turn: its interval since the last search has passed, and no rate-limit pause holds it. */
export function isDue(deps: Pick<ListeningDeps, 'intervalMs'>, q: DueQuery, now: number, minGapMs?: number): boolean {
  if (q.pausedUntil && now < Date.parse(q.pausedUntil)) return false;
  const interval =
    minGapMs ??
    (q.channelKind === 'instagram' ? Math.max(deps.intervalMs, INSTAGRAM_MIN_INTERVAL_MS) : deps.intervalMs);
  return !q.polledAt || now - Date.parse(q.polledAt) >= interval;
}

/**
 * Asks the platform for the query's new posts and keeps each once, triaged. A post that needs an answer (level 1 or
 * more, not spam or a troll) also enters the inbox when the platform lets the brand answer it; everything else stays
 * in the Listening view. A post is kept before its inbound event is recorded (so the conversation can link to it);
 * if recording fails or the process stops between the two, the next search that finds the post records it then.
 * The cursors are saved after the posts, so a crash only repeats a search (posts are unique per channel).
 */
export async function runListeningQuery(
  deps: ListeningDeps,
  q: DueQuery,
): Promise<{ found: number; toInbox: number; error: ListenErrorCode | null }> {
  const plugin = deps.plugins.find((p) => p.kinds.includes(q.channelKind));
  const channel = await channels.byId(deps.db, q.channelId);
  if (!plugin?.listen || !channel) {
    await listening.saveOutcome(deps.db, q.id, { error: 'not_supported' });
    return { found: 0, toInbox: 0, error: 'not_supported' };
  }
  let result: ListenResult;
  try {
    result = await plugin.listen(deps.channelCtx, channel, { terms: q.terms, exclusions: q.exclusions }, q.state);
  } catch (err) {
    const error = err instanceof ListenError ? err.code : 'unavailable';
    const wait = err instanceof ListenError ? err.retryAfterMs : undefined;
    deps.log.warn({ queryId: q.id, channelId: q.channelId, error, detail: String(err) }, 'listening query failed');
    await listening.saveOutcome(deps.db, q.id, { error, pausedUntil: pausedUntil(wait) });
    return { found: 0, toInbox: 0, error };
  }
  let found = 0;
  let toInbox = 0;
  for (const post of result.posts) {
    if (excluded(post.text, q.exclusions)) continue;
    const verdict = deps.triage ? await deps.triage.analyse(q.workspaceId, post.text, {}) : null;
    const flag = verdict?.flags.spam ? 'spam' : verdict?.flags.troll ? 'troll' : null;
    const level = verdict?.level ?? 0;
    const id = await listening.addPost(deps.db, {
      workspaceId: q.workspaceId,
      queryId: q.id,
      channelId: q.channelId,
      externalId: post.externalId,
      authorName: post.author?.name ?? null,
      authorHandle: post.author?.handle ?? null,
      text: post.text,
      url: post.url,
      postedAt: post.postedAt,
      level,
      sentiment: verdict?.sentiment ?? 'neutral',
      categories: verdict?.categories ?? [],
      flag,
      competitor: Boolean(verdict?.flags.competitor),
    });
    if (id) found++;
    // A post kept before whose event was never recorded (see above) is recorded now.
    const toAnswer = id ? level >= 1 && !flag : await listening.awaitingInbox(deps.db, q.channelId, post.externalId);
    if (!toAnswer || !post.event) continue;
    const recorded = await deps.channelCtx.record({
      ...post.event,
      meta: { ...post.event.meta, source: 'listening', listeningQueryId: q.id },
    });
    if (recorded.eventId) toInbox++;
  }
  await listening.saveOutcome(deps.db, q.id, {
    state: result.state,
    error: null,
    pausedUntil: pausedUntil(result.retryAfterMs),
  });
  return { found, toInbox, error: null };
}

const pausedUntil = (ms: number | undefined) => (ms ? new Date(Date.now() + ms).toISOString() : null);

/** Posts per local day (the desk's time zone) by sentiment, with those needing an answer and about competitors. */
export async function listeningSummary(
  db: Db,
  workspaceId: string,
  opts: { days: number; timeZone: string; queryId?: string; now?: Date },
): Promise<ListeningSummary> {
  const now = opts.now ?? new Date();
  const local = localDays(opts.timeZone);
  const today = local(now.getTime()).day;
  const dayList: string[] = [];
  for (let i = opts.days - 1; i >= 0; i--) {
    const d = new Date(`${today}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() - i);
    dayList.push(d.toISOString().slice(0, 10));
  }
  // A day or two before the first local day covers any time zone's offset; hours outside the days are dropped.
  const from = new Date(Date.parse(`${dayList[0]}T00:00:00Z`) - 2 * 86_400_000).toISOString();
  const days = new Map(
    dayList.map((day) => [day, { day, negative: 0, neutral: 0, positive: 0, needsAnswer: 0, competitor: 0 }]),
  );
  const totals = { posts: 0, negative: 0, neutral: 0, positive: 0, needsAnswer: 0, inInbox: 0, competitor: 0 };
  for (const h of await listening.hourly(db, workspaceId, from, opts.queryId)) {
    // Hours are UTC: exact for whole-hour offsets such as Japan's; a half-hour zone may put a day's edge hour next door.
    const bucket = days.get(local(Date.parse(`${h.hour}:30:00Z`)).day);
    if (!bucket) continue;
    bucket[h.sentiment] += h.n;
    totals[h.sentiment] += h.n;
    totals.posts += h.n;
    if (h.needsAnswer) {
      bucket.needsAnswer += h.n;
      totals.needsAnswer += h.n;
    }
    if (h.competitor) {
      bucket.competitor += h.n;
      totals.competitor += h.n;
    }
    if (h.inInbox) totals.inInbox += h.n;
  }
  return { timeZone: opts.timeZone, days: [...days.values()], totals };
}

/**
 * An admin's query as it will be stored: terms cleaned, on a channel of this workspace whose platform can search,
 * within what the platform takes (Instagram searches hashtags only, 10 a query; X's expression fits 512 characters).
 */
export async function checkListeningQuery(
  db: Db,
  workspaceId: string,
  q: { channelId: string; terms: string[]; exclusions: string[] },
): Promise<{ channelId: string; terms: string[]; exclusions: string[] }> {
  const channel = await channels.get(db, workspaceId, q.channelId);
  if (!channel) throw notFound('Channel');
  const terms = cleanTerms(q.terms);
  const exclusions = cleanTerms(q.exclusions);
  const fail = (path: string, code: string, message: string) =>
    new DomainError('validation', `${path}: ${message}`, [{ path, message, code }], code);
  if (!(LISTENING_KINDS as readonly string[]).includes(channel.kind))
    throw fail('channelId', 'listening_channel', 'only X and Instagram channels can search public posts');
  if (terms.length === 0) throw fail('terms', 'listening_terms', 'name at least one word or hashtag');
  const both = terms.filter((t) => cleanTerms([...exclusions, t]).length === exclusions.length);
  if (both.length)
    throw fail('exclusions', 'listening_term_excluded', `${both.join(', ')} is both searched for and excluded`);
  if (channel.kind === 'instagram') {
    if (terms.some((t) => !isHashtag(t) || !hashtagName(t)))
      throw fail('terms', 'instagram_hashtags_only', 'Instagram searches hashtags only (#…)');
    if (terms.length > INSTAGRAM_HASHTAGS_PER_QUERY)
      throw fail('terms', 'too_many_hashtags', `at most ${INSTAGRAM_HASHTAGS_PER_QUERY} hashtags per query`);
  }
  if (channel.kind === 'x' && xSearchExpression(terms, exclusions).length > X_QUERY_MAX)
    throw fail('terms', 'x_query_too_long', `the search must fit ${X_QUERY_MAX} characters`);
  return { channelId: channel.id, terms, exclusions };
}
