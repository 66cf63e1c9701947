import { sql, type Insertable, type Selectable, type Transaction } from 'kysely';
import type { ConversationFactTable, ConversationMsgDayTable, Database, ReportRollupTable } from '../schema';
import { surveys } from './surveys';
import { isPostgres, type Db } from './types';

export type FactRow = Selectable<ConversationFactTable>;
/** What a report reads of each conversation's facts (the export reads them all). */
export const REPORT_COLUMNS = [
  'conversation_id',
  'created_at',
  'channel_id',
  'level',
  'category',
  'sentiment',
  'team_id',
  'agent_id',
  'flag',
  'public',
  'first_response_ms',
  'first_response_business_ms',
  'sla',
  'sla_due_at',
  'next_responses',
  'next_response_ms_total',
  'resolution_ms',
  'reopens',
  'escalated_to',
  'escalations',
  'handoff_ms',
  'csat',
  'nps',
] as const;
export type ReportFact = Pick<FactRow, (typeof REPORT_COLUMNS)[number]>;
/** What the rollups count of a fact: what a report reads, its workspace, and the day and hour it is counted under. */
const ROLLUP_COLUMNS = [...REPORT_COLUMNS, 'workspace_id', 'rollup_day', 'rollup_hour'] as const;
export type RollupFactRow = Pick<FactRow, (typeof ROLLUP_COLUMNS)[number]>;
export type MsgDayRow = Selectable<ConversationMsgDayTable>;
export type RollupRow = Selectable<ReportRollupTable>;
type RollupKey = Pick<RollupRow, 'workspace_id' | 'scope' | 'day' | 'dim' | 'key'>;
/** The advisory lock class under which a transaction changes a workspace's rollups (PostgreSQL). */
const ROLLUP_LOCK = 21;

/** What one conversation's facts are computed from. */
export interface FactSource {
  conversation: {
    id: string;
    workspace_id: string;
    created_at: string;
    channel_id: string;
    channel_kind: string;
    level: number;
    priority: number;
    categories: string;
    sentiment: string | null;
    team_id: string | null;
    assignee_id: string | null;
    flag: string | null;
    status: string;
    first_response_at: string | null;
    resolved_at: string | null;
  };
  /** Customer messages and replies, oldest first (notes and system lines are not part of the figures). */
  messages: { kind: string; author_type: string; created_at: string; meta: string | null }[];
  escalations: { to_level: number; created_at: string; accepted_at: string | null }[];
  reopens: number;
  /** The newest answered survey scores (CSAT 1–5, NPS 0–10). */
  scores: { csat: number | null; nps: number | null };
}

const FACT_SOURCE_COLUMNS = [
  'cv.id',
  'cv.workspace_id',
  'cv.created_at',
  'cv.channel_id',
  'ch.kind as channel_kind',
  'cv.level',
  'cv.priority',
  'cv.categories',
  'cv.sentiment',
  'cv.team_id',
  'cv.assignee_id',
  'cv.flag',
  'cv.status',
  'cv.first_response_at',
  'cv.resolved_at',
] as const;

export const reports = {
  /**
   * Up to `limit` conversations whose facts are stale, oldest mark first, with the version each was marked at. Marks
   * made together (a migration, a settings change) carry the conversation's creation time, so a round takes
   * conversations of the same few days and changes few rollup rows.
   */
  async stale(db: Db, limit: number) {
    return db
      .selectFrom('report_stale')
      .select(['conversation_id', 'version'])
      .orderBy('marked_at')
      .orderBy('conversation_id')
      .limit(limit)
      .execute();
  },
  /**
   * Marks stale the conversations whose facts say a first reply is due at an instant now past: recomputed, their SLA
   * outcome is settled (breached) and counted in the rollups, so the facts a report reads for open outcomes stay few.
   */
  async markOverdue(db: Db, now: string): Promise<void> {
    const version = isPostgres(db) ? sql`floor(random() * 2147483646)::int + 1` : sql`abs(random() % 2147483646) + 1`;
    await sql`insert into report_stale (conversation_id, marked_at, version)
      select conversation_id, sla_due_at, ${version} from conversation_facts where sla = 'due' and sla_due_at <= ${now}
      on conflict (conversation_id) do nothing`.execute(db);
  },
  /** How many of a workspace's conversations wait for their facts (a report says how fresh it is). */
  async staleCount(db: Db, workspaceId: string): Promise<number> {
    const r = await db
      .selectFrom('report_stale as rs')
      .innerJoin('conversations as cv', 'cv.id', 'rs.conversation_id')
      .where('cv.workspace_id', '=', workspaceId)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
  /** Everything the facts of these conversations are computed from, in five queries. */
  async factSources(db: Db, ids: string[]): Promise<FactSource[]> {
    if (!ids.length) return [];
    const [convs, msgs, escs, reopens, scores] = await Promise.all([
      db
        .selectFrom('conversations as cv')
        .innerJoin('channels as ch', 'ch.id', 'cv.channel_id')
        .select(FACT_SOURCE_COLUMNS)
        .where('cv.id', 'in', ids)
        .execute(),
      db
        .selectFrom('messages')
        .select(['conversation_id', 'kind', 'author_type', 'created_at', 'meta'])
        .where('conversation_id', 'in', ids)
        .orderBy('conversation_id')
        .orderBy('created_at')
        .orderBy('id')
        .execute(),
      db
        .selectFrom('escalations')
        .select(['conversation_id', 'to_level', 'from_level', 'created_at', 'accepted_at'])
        .where('conversation_id', 'in', ids)
        .orderBy('created_at')
        .execute(),
      db
        .selectFrom('conversation_reopens')
        .select(['conversation_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('conversation_id', 'in', ids)
        .groupBy('conversation_id')
        .execute(),
      surveys.latestScores(db, ids),
    ]);
    const group = <T extends { conversation_id: string }>(rows: T[]) => {
      const m = new Map<string, T[]>();
      for (const r of rows) (m.get(r.conversation_id) ?? m.set(r.conversation_id, []).get(r.conversation_id)!).push(r);
      return m;
    };
    // Filtered here, not in SQL: a condition on kind leads SQLite to the (kind, time) index over every message.
    const byMsg = group(msgs.filter((m) => m.kind === 'customer' || m.kind === 'reply'));
    const byEsc = group(escs.filter((e) => Number(e.to_level) > Number(e.from_level)));
    const reopened = new Map(reopens.map((r) => [r.conversation_id, Number(r.n)]));
    return convs.map((c) => ({
      conversation: { ...c, level: Number(c.level), priority: Number(c.priority) },
      messages: byMsg.get(c.id) ?? [],
      escalations: (byEsc.get(c.id) ?? []).map((e) => ({ ...e, to_level: Number(e.to_level) })),
      reopens: reopened.get(c.id) ?? 0,
      scores: scores.get(c.id) ?? { csat: null, nps: null },
    }));
  },
  /** Conversations created in [from, to) of a workspace: what the naive report (the bench baseline) starts from. */
  async conversationIdsCreated(db: Db, workspaceId: string, from: string, to: string): Promise<string[]> {
    const rows = await db
      .selectFrom('conversations')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .execute();
    return rows.map((r) => r.id);
  },
  /** Customer messages and agent replies written in [from, to) in a workspace's conversations (the naive report). */
  async messagesWritten(db: Db, workspaceId: string, from: string, to: string) {
    return db
      .selectFrom('messages as m')
      .innerJoin('conversations as cv', 'cv.id', 'm.conversation_id')
      .select(['m.created_at', 'm.kind', 'm.author_type', 'cv.channel_id'])
      .where('cv.workspace_id', '=', workspaceId)
      .where('m.created_at', '>=', from)
      .where('m.created_at', '<', to)
      .where('m.kind', 'in', ['customer', 'reply'])
      .execute();
  },
  /**
   * Replaces the facts and message days of these conversations (inside the caller's transaction) and returns the rows
   * taken out, which the rollups subtract. On PostgreSQL a refresher that recomputed the same conversations at the
   * same time takes out nothing and then fails on the primary key, so its transaction (and rollup changes) roll back.
   */
  async replaceFacts(
    tx: Transaction<Database>,
    ids: string[],
    facts: Insertable<ConversationFactTable>[],
    days: Insertable<ConversationMsgDayTable>[],
  ): Promise<{ facts: RollupFactRow[]; days: MsgDayRow[] }> {
    const removed: { facts: RollupFactRow[]; days: MsgDayRow[] } = { facts: [], days: [] };
    for (let i = 0; i < ids.length; i += 500) {
      const part = ids.slice(i, i + 500);
      removed.facts.push(
        ...(await tx
          .deleteFrom('conversation_facts')
          .where('conversation_id', 'in', part)
          .returning(ROLLUP_COLUMNS)
          .execute()),
      );
      removed.days.push(
        ...(await tx.deleteFrom('conversation_msg_days').where('conversation_id', 'in', part).returningAll().execute()),
      );
    }
    for (let i = 0; i < facts.length; i += 200)
      await tx
        .insertInto('conversation_facts')
        .values(facts.slice(i, i + 200))
        .execute();
    for (let i = 0; i < days.length; i += 500)
      await tx
        .insertInto('conversation_msg_days')
        .values(days.slice(i, i + 500))
        .execute();
    return removed;
  },
  /**
   * Takes, until the transaction ends, the right to change these workspaces' rollups (PostgreSQL; SQLite has one
   * writer). Rollup rows are read, added to and written back, so two refreshers must not do it at once.
   */
  async lockRollups(tx: Transaction<Database>, workspaceIds: string[]): Promise<void> {
    if (!isPostgres(tx)) return;
    for (const w of [...new Set(workspaceIds)].sort())
      await sql`select pg_advisory_xact_lock(${ROLLUP_LOCK}, hashtext(${w}))`.execute(tx);
  },
  /** The rollup rows of some days of a workspace (every scope and dimension). */
  async rollupsOfDays(db: Db, workspaceId: string, days: string[]): Promise<RollupRow[]> {
    const out: RollupRow[] = [];
    for (let i = 0; i < days.length; i += 500)
      out.push(
        ...(await db
          .selectFrom('report_rollups')
          .selectAll()
          .where('workspace_id', '=', workspaceId)
          .where('day', 'in', days.slice(i, i + 500))
          .execute()),
      );
    return out;
  },
  /** Writes rollup rows (replacing what was there) and deletes the ones that count nothing any more. */
  async saveRollups(tx: Transaction<Database>, write: RollupRow[], remove: RollupKey[]): Promise<void> {
    for (let i = 0; i < write.length; i += 200)
      await tx
        .insertInto('report_rollups')
        .values(write.slice(i, i + 200))
        .onConflict((oc) =>
          oc
            .columns(['workspace_id', 'scope', 'day', 'dim', 'key'])
            .doUpdateSet({ figures: (eb) => eb.ref('excluded.figures') }),
        )
        .execute();
    for (const k of remove)
      await tx
        .deleteFrom('report_rollups')
        .where('workspace_id', '=', k.workspace_id)
        .where('scope', '=', k.scope)
        .where('day', '=', k.day)
        .where('dim', '=', k.dim)
        .where('key', '=', k.key)
        .execute();
  },
  /**
   * Clears each stale mark that still has the version its facts were computed from; a conversation that changed
   * meanwhile stays marked. One at a time, outside the facts' transaction: the refresher never holds one mark while
   * waiting for another, so it cannot deadlock with a writer marking several conversations in its own order.
   */
  async clearStale(db: Db, computed: { conversation_id: string; version: number }[]): Promise<void> {
    for (const c of computed)
      await db
        .deleteFrom('report_stale')
        .where('conversation_id', '=', c.conversation_id)
        .where('version', '=', c.version)
        .execute();
  },
  /** The rollup rows of a workspace's scope (see the migration) for local days in [fromDay, toDay]. */
  async rollups(db: Db, workspaceId: string, scope: string, fromDay: string, toDay: string) {
    return db
      .selectFrom('report_rollups')
      .select(['day', 'dim', 'key', 'figures'])
      .where('workspace_id', '=', workspaceId)
      .where('scope', '=', scope)
      .where('day', '>=', fromDay)
      .where('day', '<=', toDay)
      .execute();
  },
  /** Whether some of a workspace's facts are not counted in its rollups yet (then its reports read the facts). */
  async unrolled(db: Db, workspaceId: string): Promise<boolean> {
    const r = await db
      .selectFrom('conversation_facts')
      .select('conversation_id')
      .where('workspace_id', '=', workspaceId)
      .where('rollup_day', 'is', null)
      .limit(1)
      .executeTakeFirst();
    return r !== undefined;
  },
  /**
   * The facts of a workspace whose SLA outcome was still open when they were computed: few, as the refresher settles
   * each once its deadline passes (`markOverdue`). Not narrowed by time here, so the partial index is the only one
   * that fits the query whatever the planner knows of the table.
   */
  async dueFacts(db: Db, workspaceId: string): Promise<ReportFact[]> {
    return (
      db
        .selectFrom('conversation_facts')
        .select(REPORT_COLUMNS)
        .where('workspace_id', '=', workspaceId)
        // Written out, not bound: SQLite uses a partial index only when the query states the index's condition.
        .where(sql<boolean>`sla = 'due'`)
        .execute()
    );
  },
  /**
   * Marks every conversation of a workspace stale (settings the facts depend on changed: time zone, SLA, hours). Each
   * mark carries the conversation's creation time, so the refresher goes through them day by day (see `stale`).
   */
  async markWorkspaceStale(db: Db, workspaceId: string): Promise<void> {
    const version = isPostgres(db) ? sql`floor(random() * 2147483646)::int + 1` : sql`abs(random() % 2147483646) + 1`;
    await sql`insert into report_stale (conversation_id, marked_at, version)
      select id, created_at, ${version} from conversations where workspace_id = ${workspaceId}
      on conflict (conversation_id) do update set version = excluded.version`.execute(db);
  },
  /** What a report reads of the facts of a workspace's conversations created in [from, to), narrowed by dimensions. */
  async facts(db: Db, workspaceId: string, from: string, to: string, f: FactFilter = {}): Promise<ReportFact[]> {
    return factsQuery(db, workspaceId, from, to, f).select(REPORT_COLUMNS).execute();
  },
  /** Every column of those facts (the CSV export). */
  async allFacts(db: Db, workspaceId: string, from: string, to: string, f: FactFilter = {}): Promise<FactRow[]> {
    return factsQuery(db, workspaceId, from, to, f).selectAll().execute();
  },
  /** Customer and agent messages per local day and channel, days in [fromDay, toDay]. */
  async messageDays(db: Db, workspaceId: string, fromDay: string, toDay: string, channelId?: string) {
    let q = db
      .selectFrom('conversation_msg_days')
      .select([
        'day',
        'channel_id',
        (eb) => eb.fn.sum<number>('customer').as('customer'),
        (eb) => eb.fn.sum<number>('agent').as('agent'),
      ])
      .where('workspace_id', '=', workspaceId)
      .where('day', '>=', fromDay)
      .where('day', '<=', toDay);
    if (channelId) q = q.where('channel_id', '=', channelId);
    const rows = await q.groupBy(['day', 'channel_id']).execute();
    return rows.map((r) => ({ ...r, customer: Number(r.customer), agent: Number(r.agent) }));
  },
};

export interface FactFilter {
  channelId?: string;
  level?: number;
  category?: string;
  sentiment?: string;
  teamId?: string;
  agentId?: string;
}

function factsQuery(db: Db, workspaceId: string, from: string, to: string, f: FactFilter) {
  let q = db
    .selectFrom('conversation_facts')
    .where('workspace_id', '=', workspaceId)
    .where('created_at', '>=', from)
    .where('created_at', '<', to);
  if (f.channelId) q = q.where('channel_id', '=', f.channelId);
  if (f.level !== undefined) q = q.where('level', '=', f.level);
  if (f.category !== undefined) q = q.where('category', '=', f.category);
  if (f.sentiment !== undefined) q = q.where('sentiment', '=', f.sentiment);
  if (f.teamId !== undefined) q = q.where('team_id', '=', f.teamId);
  if (f.agentId !== undefined) q = q.where('agent_id', '=', f.agentId);
  return q.orderBy('created_at').orderBy('conversation_id');
}
