import { sql, type Selectable } from 'kysely';
import type { ListenedPost, ListeningQuery } from '../../contracts/listening';
import {
  LISTEN_ERRORS,
  type ConversationFlag,
  type ConversationLevel,
  type ListenErrorCode,
  type Sentiment,
} from '../../contracts/values';
import type { Category } from '../../triage/types';
import { newId, nowIso } from '../../domain/ids';
import type { ListenedPostTable, ListeningQueryTable } from '../schema';
import type { ChannelKind } from './channels';
import { parseJson, type Db } from './types';

type QueryRow = Selectable<ListeningQueryTable> & { channel_kind: string; channel_name: string };

const queryRows = (db: Db, workspaceId: string) =>
  db
    .selectFrom('listening_queries as q')
    .innerJoin('channels as ch', 'ch.id', 'q.channel_id')
    .selectAll('q')
    .select(['ch.kind as channel_kind', 'ch.name as channel_name'])
    .where('q.workspace_id', '=', workspaceId)
    .where('q.deleted_at', 'is', null);

const toQuery = (r: QueryRow, postsLastWeek: number): ListeningQuery => ({
  id: r.id,
  name: r.name,
  channel: { id: r.channel_id, kind: r.channel_kind as ChannelKind, name: r.channel_name },
  terms: parseJson(r.terms, []),
  exclusions: parseJson(r.exclusions, []),
  active: Boolean(Number(r.active)),
  polledAt: r.polled_at,
  lastError: (LISTEN_ERRORS as readonly string[]).includes(r.last_error ?? '')
    ? (r.last_error as ListenErrorCode)
    : null,
  postsLastWeek,
  createdAt: r.created_at,
});

type PostRow = Selectable<ListenedPostTable> & { query_name: string; channel_kind: string; channel_name: string };

const toPost = (r: PostRow): ListenedPost => {
  const level = Number(r.level) as ConversationLevel;
  const flag = r.flag === 'spam' || r.flag === 'troll' ? (r.flag as ConversationFlag) : null;
  return {
    id: r.id,
    query: { id: r.query_id, name: r.query_name },
    channel: { id: r.channel_id, kind: r.channel_kind as ChannelKind, name: r.channel_name },
    author: r.author_name || r.author_handle ? { name: r.author_name, handle: r.author_handle } : null,
    text: r.text,
    url: r.url,
    postedAt: r.posted_at,
    level,
    sentiment: r.sentiment as Sentiment,
    categories: parseJson<Category[]>(r.categories, []),
    flag,
    competitor: Number(r.competitor) === 1,
    conversationId: r.conversation_id,
    needsAnswer: level >= 1 && !flag,
  };
};

/** A query the poller may run: what the platform needs, and the cursors from last time. */
export interface DueQuery {
  id: string;
  workspaceId: string;
  channelId: string;
  channelKind: ChannelKind;
  name: string;
  terms: string[];
  exclusions: string[];
  state: Record<string, unknown>;
  polledAt: string | null;
  pausedUntil: string | null;
}

export interface NewListenedPost {
  workspaceId: string;
  queryId: string;
  channelId: string;
  externalId: string;
  authorName: string | null;
  authorHandle: string | null;
  text: string;
  url: string | null;
  postedAt: string;
  level: number;
  sentiment: string;
  categories: string[];
  flag: string | null;
  competitor: boolean;
}

export type ListeningShow = 'all' | 'needs_answer' | 'competitor' | 'set_aside';

/** Listening queries and the public posts they found (docs/listening.md). */
export const listening = {
  async queries(db: Db, workspaceId: string, since: string): Promise<ListeningQuery[]> {
    const rows = await queryRows(db, workspaceId).orderBy('q.created_at').execute();
    const counts = await db
      .selectFrom('listened_posts')
      .select(['query_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('workspace_id', '=', workspaceId)
      .where('posted_at', '>=', since)
      .groupBy('query_id')
      .execute();
    const n = new Map(counts.map((c) => [c.query_id, Number(c.n)]));
    return rows.map((r) => toQuery(r, n.get(r.id) ?? 0));
  },

  async query(db: Db, workspaceId: string, id: string, since: string): Promise<ListeningQuery | undefined> {
    return (await listening.queries(db, workspaceId, since)).find((q) => q.id === id);
  },

  async create(
    db: Db,
    q: { workspaceId: string; channelId: string; name: string; terms: string[]; exclusions: string[]; active: boolean },
  ): Promise<string> {
    const id = newId();
    const at = nowIso();
    await db
      .insertInto('listening_queries')
      .values({
        id,
        workspace_id: q.workspaceId,
        channel_id: q.channelId,
        name: q.name,
        terms: JSON.stringify(q.terms),
        exclusions: JSON.stringify(q.exclusions),
        active: q.active ? 1 : 0,
        state: '{}',
        created_at: at,
        updated_at: at,
      })
      .execute();
    return id;
  },

  /**
   * Another channel starts the query afresh (its cursors belong to the old one); new terms need nothing here, since the
   * cursors remember the search they belong to (X's expression, Instagram's per-hashtag times).
   */
  async update(
    db: Db,
    workspaceId: string,
    id: string,
    patch: { channelId?: string; name?: string; terms?: string[]; exclusions?: string[]; active?: boolean },
  ): Promise<void> {
    await db
      .updateTable('listening_queries')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.channelId !== undefined ? { channel_id: patch.channelId, state: '{}', polled_at: null } : {}),
        ...(patch.terms !== undefined ? { terms: JSON.stringify(patch.terms) } : {}),
        ...(patch.exclusions !== undefined ? { exclusions: JSON.stringify(patch.exclusions) } : {}),
        ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
        last_error: null,
        updated_at: nowIso(),
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .execute();
  },

  /** Archived, not deleted: the posts it found stay in the Listening view. */
  async archive(db: Db, workspaceId: string, id: string): Promise<boolean> {
    const r = await db
      .updateTable('listening_queries')
      .set({ deleted_at: nowIso(), active: 0 })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  /** Active queries on live channels, with their platform's kind (the poller picks each kind's interval). */
  async active(db: Db): Promise<DueQuery[]> {
    const rows = await db
      .selectFrom('listening_queries as q')
      .innerJoin('channels as ch', 'ch.id', 'q.channel_id')
      .select([
        'q.id',
        'q.workspace_id',
        'q.channel_id',
        'q.name',
        'q.terms',
        'q.exclusions',
        'q.state',
        'q.polled_at',
        'q.paused_until',
        'ch.kind as channel_kind',
      ])
      .where('q.active', '=', 1)
      .where('q.deleted_at', 'is', null)
      .where('ch.deleted_at', 'is', null)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      workspaceId: r.workspace_id,
      channelId: r.channel_id,
      channelKind: r.channel_kind as ChannelKind,
      name: r.name,
      terms: parseJson(r.terms, []),
      exclusions: parseJson(r.exclusions, []),
      state: parseJson(r.state, {}),
      polledAt: r.polled_at,
      pausedUntil: r.paused_until,
    }));
  },

  /**
   * Takes the query's turn: true for exactly one caller until `polledAt` is older than the interval again (a
   * conditional update), so several processes never ask the platform twice for the same query.
   */
  async claim(db: Db, id: string, seenPolledAt: string | null, now: string): Promise<boolean> {
    const r = await db
      .updateTable('listening_queries')
      .set({ polled_at: now })
      .where('id', '=', id)
      .where((eb) => (seenPolledAt === null ? eb('polled_at', 'is', null) : eb('polled_at', '=', seenPolledAt)))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  async saveOutcome(
    db: Db,
    id: string,
    outcome: { state?: Record<string, unknown>; error: ListenErrorCode | null; pausedUntil?: string | null },
  ): Promise<void> {
    await db
      .updateTable('listening_queries')
      .set({
        ...(outcome.state ? { state: JSON.stringify(outcome.state) } : {}),
        paused_until: outcome.pausedUntil ?? null,
        // Also when run at once from the page, which does not take a turn.
        polled_at: nowIso(),
        last_error: outcome.error,
      })
      .where('id', '=', id)
      .execute();
  },

  /** Records a post once per channel; null when it was already there (another query or an earlier poll). */
  async addPost(db: Db, p: NewListenedPost): Promise<string | null> {
    const id = newId();
    const r = await db
      .insertInto('listened_posts')
      .values({
        id,
        workspace_id: p.workspaceId,
        query_id: p.queryId,
        channel_id: p.channelId,
        external_id: p.externalId,
        author_name: p.authorName,
        author_handle: p.authorHandle,
        text: p.text,
        url: p.url,
        posted_at: p.postedAt,
        found_at: nowIso(),
        level: p.level,
        sentiment: p.sentiment,
        categories: JSON.stringify(p.categories),
        flag: p.flag,
        competitor: p.competitor ? 1 : 0,
      })
      .onConflict((oc) => oc.columns(['channel_id', 'external_id']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0 ? id : null;
  },

  /**
   * A kept post that needs an answer but began no conversation yet: its inbound event was never recorded (a failure
   * between keeping it and recording it) or is still being processed. Recording it again is safe (unique per post).
   */
  async awaitingInbox(db: Db, channelId: string, externalId: string): Promise<boolean> {
    const r = await db
      .selectFrom('listened_posts')
      .select('id')
      .where('channel_id', '=', channelId)
      .where('external_id', '=', externalId)
      .where('level', '>=', 1)
      .where('flag', 'is', null)
      .where('conversation_id', 'is', null)
      .executeTakeFirst();
    return r !== undefined;
  },

  /** The inbox conversation a listened post began (set when the post's event is processed). */
  async linkConversation(db: Db, channelId: string, externalId: string, conversationId: string): Promise<void> {
    await db
      .updateTable('listened_posts')
      .set({ conversation_id: conversationId })
      .where('channel_id', '=', channelId)
      .where('external_id', '=', externalId)
      .execute();
  },

  /** Newest first, `limit` at a time; `before` is the last page's cursor. */
  async posts(
    db: Db,
    workspaceId: string,
    f: { queryId?: string; sentiment?: string; show: ListeningShow; before?: [string, string]; limit: number },
  ): Promise<ListenedPost[]> {
    let q = db
      .selectFrom('listened_posts as p')
      .innerJoin('listening_queries as q', 'q.id', 'p.query_id')
      .innerJoin('channels as ch', 'ch.id', 'p.channel_id')
      .selectAll('p')
      .select(['q.name as query_name', 'ch.kind as channel_kind', 'ch.name as channel_name'])
      .where('p.workspace_id', '=', workspaceId);
    if (f.queryId) q = q.where('p.query_id', '=', f.queryId);
    if (f.sentiment) q = q.where('p.sentiment', '=', f.sentiment);
    if (f.show === 'needs_answer') q = q.where('p.level', '>=', 1).where('p.flag', 'is', null);
    if (f.show === 'competitor') q = q.where('p.competitor', '=', 1);
    if (f.show === 'set_aside') q = q.where('p.flag', 'is not', null);
    if (f.before) {
      const [at, id] = f.before;
      q = q.where((eb) =>
        eb.or([eb('p.posted_at', '<', at), eb.and([eb('p.posted_at', '=', at), eb('p.id', '<', id)])]),
      );
    }
    const rows = await q.orderBy('p.posted_at', 'desc').orderBy('p.id', 'desc').limit(f.limit).execute();
    return rows.map(toPost);
  },

  /** Posts per UTC hour and kind since `from`: the summary folds hours into the desk's local days. */
  async hourly(db: Db, workspaceId: string, from: string, queryId?: string) {
    let q = db
      .selectFrom('listened_posts')
      .select([
        sql<string>`substr(posted_at, 1, 13)`.as('hour'),
        'sentiment',
        sql<number>`case when level >= 1 and flag is null then 1 else 0 end`.as('needs_answer'),
        'competitor',
        sql<number>`case when conversation_id is null then 0 else 1 end`.as('in_inbox'),
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .where('workspace_id', '=', workspaceId)
      .where('posted_at', '>=', from);
    if (queryId) q = q.where('query_id', '=', queryId);
    const rows = await q.groupBy(['hour', 'sentiment', 'needs_answer', 'competitor', 'in_inbox']).execute();
    return rows.map((r) => ({
      hour: r.hour,
      sentiment: r.sentiment as Sentiment,
      needsAnswer: Number(r.needs_answer) === 1,
      competitor: Number(r.competitor) === 1,
      inInbox: Number(r.in_inbox) === 1,
      n: Number(r.n),
    }));
  },
};
