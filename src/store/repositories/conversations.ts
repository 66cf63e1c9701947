import { sql, type ExpressionBuilder, type Insertable, type Updateable } from 'kysely';
import type { ChannelKind } from '../../domain/channel-kinds';
import type { ConversationStatus } from '../../domain/conversation-status';
import type { ConversationLevel, Sentiment, TriageMark } from '../../contracts/values';
import { TRIAGE_MARKS } from '../../contracts/values';
import { invalid } from '../../domain/errors';
import { newId, nowIso } from '../../domain/ids';
import type { ConversationTable, Database } from '../schema';
import { isPostgres, parseJson, type Db } from './types';

/** Sort key for conversations nobody is waiting on: after every real timestamp. */
export const NOT_WAITING = '9999-12-31T23:59:59.999Z';
const FLAGGED = ['spam', 'troll'];

export interface ConversationItem {
  id: string;
  status: ConversationStatus;
  level: ConversationLevel;
  priority: number;
  sentiment: Sentiment | null;
  categories: string[];
  channel: { id: string; kind: ChannelKind; name: string };
  customer: { id: string; name: string };
  assignee: { id: string; name: string } | null;
  lastMessageAt: string;
  waitingSince: string | null;
  preview: string;
  tags: string[];
  createdAt: string;
  firstResponseAt: string | null;
  /** 'spam' | 'troll' when triage set the conversation aside (never hidden), else null */
  flag: 'spam' | 'troll' | null;
  teamId: string | null;
  lastCustomerMessageAt: string | null;
  resolvedAt: string | null;
  pendingSince: string | null;
  pausedMs: number;
  /** The incident this conversation belongs to, else null. */
  incidentId: string | null;
  /** The assignee only sends the first reply (acknowledgement); the conversation then goes back to L3. */
  firstResponder: boolean;
  /** Triage's mark on the newest customer message: unsure ("needs a look") or a competitor mention. */
  mark: TriageMark | null;
  /** Began with a public post found by listening (it did not tag the brand). */
  listening: boolean;
}

export interface ConversationFilter {
  view?: 'all_open' | 'mine' | 'unassigned' | 'flagged';
  status?: ConversationStatus;
  channelId?: string;
  assignee?: string;
  level?: number;
  teamId?: string;
  mark?: TriageMark;
  limit: number;
  cursor?: string;
  meId: string;
}

const itemColumns = [
  'cv.id',
  'cv.status',
  'cv.level',
  'cv.priority',
  'cv.sentiment',
  'cv.categories',
  'cv.tags',
  'cv.preview',
  'cv.last_message_at',
  'cv.waiting_since',
  'cv.sort_wait',
  'cv.created_at',
  'cv.first_response_at',
  'cv.channel_id',
  'cv.customer_id',
  'cv.assignee_id',
  'cv.flag',
  'cv.team_id',
  'cv.last_customer_message_at',
  'cv.resolved_at',
  'cv.pending_since',
  'cv.paused_ms',
  'cv.incident_id',
  'cv.first_responder_id',
  'cv.triage_mark',
  'cv.listening_query_id',
  'ch.kind as channel_kind',
  'ch.name as channel_name',
  'cu.name as customer_name',
  'ag.name as assignee_name',
] as const;

export function baseQuery(db: Db) {
  return db
    .selectFrom('conversations as cv')
    .innerJoin('channels as ch', 'ch.id', 'cv.channel_id')
    .innerJoin('customers as cu', 'cu.id', 'cv.customer_id')
    .leftJoin('agents as ag', 'ag.id', 'cv.assignee_id')
    .select(itemColumns);
}

type ItemRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

const toItem = (r: ItemRow): ConversationItem => ({
  id: r.id,
  status: r.status as ConversationStatus,
  level: Number(r.level) as ConversationLevel,
  priority: Number(r.priority),
  sentiment: r.sentiment as Sentiment | null,
  categories: parseJson(r.categories, []),
  tags: parseJson(r.tags, []),
  channel: { id: r.channel_id, kind: r.channel_kind as ChannelKind, name: r.channel_name },
  customer: { id: r.customer_id, name: r.customer_name },
  assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? '' } : null,
  lastMessageAt: r.last_message_at,
  waitingSince: r.waiting_since,
  preview: r.preview,
  createdAt: r.created_at,
  firstResponseAt: r.first_response_at,
  flag: r.flag === 'spam' || r.flag === 'troll' ? r.flag : null,
  teamId: r.team_id,
  lastCustomerMessageAt: r.last_customer_message_at,
  resolvedAt: r.resolved_at,
  pendingSince: r.pending_since,
  pausedMs: Number(r.paused_ms ?? 0),
  incidentId: r.incident_id ?? null,
  firstResponder: !!r.first_responder_id && r.first_responder_id === r.assignee_id,
  mark: (TRIAGE_MARKS as readonly string[]).includes(r.triage_mark ?? '') ? (r.triage_mark as TriageMark) : null,
  listening: r.listening_query_id !== null,
});

export function encodeCursor(r: { priority: number; sort_wait: string; id: string }): string {
  return Buffer.from(JSON.stringify([r.priority, r.sort_wait, r.id])).toString('base64url');
}

export function decodeCursor(cursor: string): [number, string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(v) &&
      v.length === 3 &&
      typeof v[0] === 'number' &&
      typeof v[1] === 'string' &&
      typeof v[2] === 'string'
    )
      return v as [number, string, string];
  } catch {
    /* fall through */
  }
  throw invalid('cursor', 'is not a cursor returned by this API');
}

export const conversations = {
  async create(
    db: Db,
    c: { workspaceId: string; channelId: string; customerId: string; at: string; listeningQueryId?: string | null },
  ): Promise<string> {
    const row: Insertable<ConversationTable> = {
      id: newId(),
      workspace_id: c.workspaceId,
      channel_id: c.channelId,
      customer_id: c.customerId,
      status: 'open',
      level: 1,
      priority: 0,
      sentiment: null,
      categories: '[]',
      tags: '[]',
      assignee_id: null,
      preview: '',
      last_message_at: c.at,
      waiting_since: null,
      sort_wait: NOT_WAITING,
      first_response_at: null,
      resolved_at: null,
      created_at: c.at,
      updated_at: c.at,
      flag: null,
      triage_reasons: '[]',
      team_id: null,
      last_customer_message_at: null,
      pending_since: null,
      listening_query_id: c.listeningQueryId ?? null,
      paused_ms: 0,
      sla_announced: null,
    };
    await db.insertInto('conversations').values(row).execute();
    return row.id;
  },

  async latestForCustomerOnChannel(db: Db, customerId: string, channelId: string) {
    return db
      .selectFrom('conversations')
      .selectAll()
      .where('customer_id', '=', customerId)
      .where('channel_id', '=', channelId)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  },

  /** A conversation's row by id alone (jobs that carry only the id). */
  async byId(db: Db, id: string) {
    return db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
  },
  /** The customer's address on a channel (e.g. a widget visitor's id), else null. */
  async customerIdentityOn(db: Db, customerId: string, channelId: string): Promise<string | null> {
    const r = await db
      .selectFrom('customer_identities')
      .select('external_id')
      .where('customer_id', '=', customerId)
      .where('channel_id', '=', channelId)
      .executeTakeFirst();
    return r?.external_id ?? null;
  },
  /**
   * A resolved conversation back to open (a low rating with a comment): the customer now waits for the team. Only the
   * resolution that was rated: a later one is left alone.
   */
  async reopenForFeedback(db: Db, id: string, resolvedAt: string, at: string): Promise<boolean> {
    const r = await db
      .updateTable('conversations')
      .set({ status: 'open', resolved_at: null, waiting_since: at, sort_wait: at, updated_at: at })
      .where('id', '=', id)
      .where('status', '=', 'resolved')
      .where('resolved_at', '=', resolvedAt)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  async row(db: Db, workspaceId: string, id: string) {
    return db
      .selectFrom('conversations')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
  },

  /** Several inbox items at once, by id (search results), in no particular order. */
  async items(db: Db, workspaceId: string, ids: string[]): Promise<ConversationItem[]> {
    if (!ids.length) return [];
    const rows = await baseQuery(db).where('cv.workspace_id', '=', workspaceId).where('cv.id', 'in', ids).execute();
    return rows.map(toItem);
  },
  async item(db: Db, workspaceId: string, id: string): Promise<ConversationItem | undefined> {
    const r = await baseQuery(db).where('cv.workspace_id', '=', workspaceId).where('cv.id', '=', id).executeTakeFirst();
    return r && toItem(r);
  },

  async update(db: Db, id: string, set: Updateable<ConversationTable>): Promise<void> {
    if ('waiting_since' in set) set.sort_wait = set.waiting_since ?? NOT_WAITING;
    await db
      .updateTable('conversations')
      .set({ ...set, updated_at: nowIso() })
      .where('id', '=', id)
      .execute();
  },

  /** One inbox page: priority first, then who has waited longest; keyset pagination stays fast at any depth. */
  async list(
    db: Db,
    workspaceId: string,
    f: ConversationFilter,
  ): Promise<{ items: ConversationItem[]; nextCursor: string | null }> {
    let q = baseQuery(db).where('cv.workspace_id', '=', workspaceId);
    q = q.where((eb) => eb.and(filterConditions(eb, f)));
    if (f.cursor) {
      const [p, w, id] = decodeCursor(f.cursor);
      // The leading `priority <= p` bounds the index range scan; the OR picks up exactly after the cursor row.
      q = q.where((eb) =>
        eb.and([
          eb('cv.priority', '<=', p),
          eb.or([
            eb('cv.priority', '<', p),
            eb('cv.sort_wait', '>', w),
            eb.and([eb('cv.sort_wait', '=', w), eb('cv.id', '>', id)]),
          ]),
        ]),
      );
    }
    const rows = await q
      .orderBy('cv.priority', 'desc')
      .orderBy('cv.sort_wait', 'asc')
      .orderBy('cv.id', 'asc')
      .limit(f.limit + 1)
      .execute();
    const page = rows.slice(0, f.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toItem),
      nextCursor:
        rows.length > f.limit && last
          ? encodeCursor({ priority: Number(last.priority), sort_wait: last.sort_wait, id: last.id })
          : null,
    };
  },

  /**
   * The inbox counts per view, status, channel and team, read from the counters the database keeps as conversations
   * change (migration 017): a few hundred rows whatever the size of the desk. `countsByScan` is the same by counting.
   */
  async counts(db: Db, workspaceId: string, meId: string): Promise<InboxCounts> {
    const key = ['status', 'flagged', 'channel_id', 'team_id', 'assignee_id', 'mark'] as const;
    const buckets = await db
      .selectFrom((eb) =>
        eb
          .selectFrom('conversation_counts')
          .select([...key, 'n'])
          .where('workspace_id', '=', workspaceId)
          .unionAll(
            eb
              .selectFrom('conversation_count_changes')
              .select([...key, 'n'])
              .where('workspace_id', '=', workspaceId),
          )
          .as('b'),
      )
      .select([...key, (eb) => eb.fn.sum<number>('n').as('n')])
      .groupBy([...key])
      .execute();
    const c: InboxCounts = {
      ...{ open: 0, pending: 0, resolved: 0, closed: 0 },
      ...{ all_open: 0, mine: 0, unassigned: 0, flagged: 0, needs_look: 0, competitor: 0, byChannel: {}, byTeam: {} },
    };
    for (const b of buckets) {
      const n = Number(b.n);
      if (!n) continue;
      if (b.status in STATUS_COUNTS) c[b.status as keyof typeof STATUS_COUNTS] += n;
      if (b.status !== 'open') continue;
      if (b.team_id) c.byTeam[b.team_id] = (c.byTeam[b.team_id] ?? 0) + n;
      if (Number(b.flagged)) {
        c.flagged += n;
        continue;
      }
      c.all_open += n;
      c.byChannel[b.channel_id] = (c.byChannel[b.channel_id] ?? 0) + n;
      if (b.assignee_id === meId) c.mine += n;
      if (!b.assignee_id) c.unassigned += n;
      if (b.mark === 'needs_look') c.needs_look += n;
      if (b.mark === 'competitor') c.competitor += n;
    }
    return c;
  },

  /**
   * Folds the recorded moves between count buckets into the buckets (all workspaces). Safe to run in several
   * processes at once: on PostgreSQL a move is taken by exactly one fold (DELETE … RETURNING in the same statement as
   * the upsert); SQLite has one writer. Returns how many moves were folded.
   */
  async foldCountChanges(db: Db): Promise<number> {
    const key = 'workspace_id, status, flagged, channel_id, team_id, assignee_id, mark';
    const upsert = `on conflict (${key}) do update set n = conversation_counts.n + excluded.n`;
    if (isPostgres(db)) {
      const r = await sql<{ moved: number }>`
        with moved as (delete from conversation_count_changes returning ${sql.raw(key)}, n),
        folded as (
          insert into conversation_counts (${sql.raw(key)}, n)
          select ${sql.raw(key)}, sum(n) from moved group by ${sql.raw(key)} order by ${sql.raw(key)}
          ${sql.raw(upsert)} returning 1)
        select (select count(*) from moved) as moved`.execute(db);
      return Number(r.rows[0]?.moved ?? 0);
    }
    return db.transaction().execute(async (tx) => {
      const last = await tx
        .selectFrom('conversation_count_changes')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst();
      if (last?.id == null) return 0;
      const upTo = Number(last.id);
      await sql`insert into conversation_counts (${sql.raw(key)}, n)
        select ${sql.raw(key)}, sum(n) from conversation_count_changes where id <= ${upTo}
        group by ${sql.raw(key)} ${sql.raw(upsert)}`.execute(tx);
      const r = await tx.deleteFrom('conversation_count_changes').where('id', '<=', upTo).executeTakeFirst();
      return Number(r.numDeletedRows);
    });
  },

  /** The same figures as `counts`, by counting the conversations table (the reference in tests, the bench baseline). */
  async countsByScan(db: Db, workspaceId: string, meId: string): Promise<InboxCounts> {
    const byStatus = await db
      .selectFrom('conversations')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('workspace_id', '=', workspaceId)
      .groupBy('status')
      .execute();
    const count = async (extra: (q: ReturnType<typeof openQuery>) => ReturnType<typeof openQuery>) =>
      Number((await extra(openQuery(db, workspaceId)).executeTakeFirstOrThrow()).n);
    const allOpen = await count((q) => q);
    const flagged = Number((await openQuery(db, workspaceId, true).executeTakeFirstOrThrow()).n);
    const mine = await count((q) => q.where('assignee_id', '=', meId));
    const unassigned = await count((q) => q.where('assignee_id', 'is', null));
    const needsLook = await count((q) => q.where('triage_mark', '=', 'needs_look'));
    const competitor = await count((q) => q.where('triage_mark', '=', 'competitor'));
    const byChannelRows = await db
      .selectFrom('conversations')
      .select(['channel_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'open')
      .where((eb) => eb.or([eb('flag', 'is', null), eb('flag', 'not in', FLAGGED)]))
      .groupBy('channel_id')
      .execute();
    const byTeamRows = await db
      .selectFrom('conversations')
      .select(['team_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'open')
      .where('team_id', 'is not', null)
      .groupBy('team_id')
      .execute();
    return {
      all_open: allOpen,
      mine,
      unassigned,
      flagged,
      needs_look: needsLook,
      competitor,
      ...statusCounts(byStatus),
      byChannel: Object.fromEntries(byChannelRows.map((r) => [r.channel_id, Number(r.n)])),
      byTeam: Object.fromEntries(byTeamRows.map((r) => [r.team_id as string, Number(r.n)])),
    };
  },

  /**
   * Per assignee: open conversations waiting on their reply (the customer wrote last; a reply frees the slot while the
   * customer is away), and how many of those are urgent (L3) with no first response yet. One grouped query.
   */
  async assigneeLoads(db: Db, workspaceId: string): Promise<Map<string, { open: number; urgent: number }>> {
    const rows = await db
      .selectFrom('conversations')
      .select([
        'assignee_id',
        sql<number>`count(case when waiting_since is not null then 1 end)`.as('n'),
        sql<number>`count(case when level >= 3 and first_response_at is null then 1 end)`.as('urgent'),
      ])
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'open')
      .where('assignee_id', 'is not', null)
      .groupBy('assignee_id')
      .execute();
    return new Map(rows.map((l) => [l.assignee_id!, { open: Number(l.n), urgent: Number(l.urgent) }]));
  },
  /** Who last owned another conversation of this customer (returning customers go back to them). */
  async lastAssigneeOfCustomer(db: Db, customerId: string, exceptConversationId: string): Promise<string | null> {
    const r = await db
      .selectFrom('conversations')
      .select('assignee_id')
      .where('customer_id', '=', customerId)
      .where('assignee_id', 'is not', null)
      .where('id', '!=', exceptConversationId)
      .orderBy('last_message_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r?.assignee_id ?? null;
  },
  /** Assigns only if still unowned, so two processes routing one conversation assign it once. True when this call did. */
  async claimOwner(db: Db, id: string, agentId: string, o: { firstResponder: boolean; at: string }): Promise<boolean> {
    const r = await db
      .updateTable('conversations')
      .set({ assignee_id: agentId, first_responder_id: o.firstResponder ? agentId : null, updated_at: o.at })
      .where('id', '=', id)
      .where('assignee_id', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },
  /** Open, unowned conversations that need an answer (not set aside as spam or troll), most urgent first. */
  async unassignedWaitingIds(db: Db, workspaceId: string, limit: number): Promise<string[]> {
    const rows = await db
      .selectFrom('conversations')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'open')
      .where('assignee_id', 'is', null)
      .where('level', '>=', 1)
      .where((eb) => eb.or([eb('flag', 'is', null), eb('flag', 'not in', ['spam', 'troll'])]))
      .orderBy('priority', 'desc')
      .orderBy('sort_wait')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  },
  /** Open or pending conversations created since a time, oldest first (what a newly declared incident may cover). */
  async openSince(db: Db, workspaceId: string, since: string) {
    return db
      .selectFrom('conversations')
      .select(['id', 'categories', 'preview'])
      .where('workspace_id', '=', workspaceId)
      .where('status', 'in', ['open', 'pending'])
      .where('created_at', '>=', since)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  },
  /** Open → pending once answered; a customer message written meanwhile (waiting_since set again) keeps it open. */
  async pendIfAnswered(db: Db, id: string, at: string): Promise<void> {
    await db
      .updateTable('conversations')
      .set({ status: 'pending', pending_since: at, updated_at: at })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .where('waiting_since', 'is', null)
      .execute();
  },
  /** Pending → resolved (with extra columns, e.g. the resumed SLA clock); false when it was no longer pending. */
  async resolveIfPending(db: Db, id: string, at: string, extra: Updateable<ConversationTable> = {}): Promise<boolean> {
    const r = await db
      .updateTable('conversations')
      .set({ status: 'resolved', waiting_since: null, sort_wait: NOT_WAITING, updated_at: at, ...extra })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },
  /**
   * Records the SLA state just announced, only if it still is `previous` (the raw column value): with several workers,
   * one warning or breach is announced once. True when this call claimed it.
   */
  async claimSlaAnnouncement(db: Db, id: string, previous: string | null, next: string): Promise<boolean> {
    const r = await db
      .updateTable('conversations')
      .set({ sla_announced: next })
      .where('id', '=', id)
      .where((eb) => (previous === null ? eb('sla_announced', 'is', null) : eb('sla_announced', '=', previous)))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },
  /** Ends a first responder's part (and their ownership, when asked), only if they still are the first responder. */
  async releaseFirstResponder(
    db: Db,
    id: string,
    agentId: string,
    o: { unassign: boolean; at: string },
  ): Promise<boolean> {
    const r = await db
      .updateTable('conversations')
      .set({ first_responder_id: null, ...(o.unassign ? { assignee_id: null } : {}), updated_at: o.at })
      .where('id', '=', id)
      .where('first_responder_id', '=', agentId)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },
  async forCustomer(db: Db, workspaceId: string, customerId: string, limit = 50) {
    const rows = await baseQuery(db)
      .where('cv.workspace_id', '=', workspaceId)
      .where('cv.customer_id', '=', customerId)
      .orderBy('cv.last_message_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toItem);
  },
};

export interface InboxCounts {
  all_open: number;
  mine: number;
  unassigned: number;
  flagged: number;
  needs_look: number;
  competitor: number;
  open: number;
  pending: number;
  resolved: number;
  closed: number;
  byChannel: Record<string, number>;
  byTeam: Record<string, number>;
}

const STATUS_COUNTS = { open: 0, pending: 0, resolved: 0, closed: 0 };

function statusCounts(rows: { status: string; n: number | string | bigint }[]) {
  const s = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  return { open: s.open ?? 0, pending: s.pending ?? 0, resolved: s.resolved ?? 0, closed: s.closed ?? 0 };
}

function openQuery(db: Db, workspaceId: string, flagged = false) {
  const q = db
    .selectFrom('conversations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'open');
  return flagged
    ? q.where('flag', 'in', FLAGGED)
    : q.where((eb) => eb.or([eb('flag', 'is', null), eb('flag', 'not in', FLAGGED)]));
}

function filterConditions(eb: ExpressionBuilder<Database & { cv: ConversationTable }, 'cv'>, f: ConversationFilter) {
  const c = [];
  if (f.view) c.push(eb('cv.status', '=', 'open'));
  // Spam and likely trolls are set aside in their own view, never hidden or deleted.
  if (f.view === 'flagged') c.push(eb('cv.flag', 'in', FLAGGED));
  else if (f.view) c.push(eb.or([eb('cv.flag', 'is', null), eb('cv.flag', 'not in', FLAGGED)]));
  if (f.view === 'mine') c.push(eb('cv.assignee_id', '=', f.meId));
  if (f.view === 'unassigned') c.push(eb('cv.assignee_id', 'is', null));
  if (f.status) c.push(eb('cv.status', '=', f.status));
  if (f.channelId) c.push(eb('cv.channel_id', '=', f.channelId));
  if (f.assignee === 'me') c.push(eb('cv.assignee_id', '=', f.meId));
  else if (f.assignee === 'none') c.push(eb('cv.assignee_id', 'is', null));
  else if (f.assignee) c.push(eb('cv.assignee_id', '=', f.assignee));
  if (f.level !== undefined) c.push(eb('cv.level', '=', f.level));
  if (f.mark) c.push(eb('cv.triage_mark', '=', f.mark));
  if (f.teamId) c.push(eb('cv.team_id', '=', f.teamId));
  if (c.length === 0) c.push(eb(sql.lit(1), '=', 1));
  return c;
}
