import { sql, type Selectable } from 'kysely';
import type { IncidentStatus } from '../../contracts/incident-values';
import type { Incident, IncidentConversation, SpikeAlert } from '../../contracts/incidents';
import type { ChannelKind } from '../../domain/channel-kinds';
import type { ConversationStatus } from '../../domain/conversation-status';
import { newId } from '../../domain/ids';
import type { IncidentTable } from '../schema';
import { parseJson, type Db } from './types';

// The API's shapes (src/contracts/incidents): the rows below map straight to them.
export type { Incident, IncidentConversation, SpikeAlert } from '../../contracts/incidents';
export type { IncidentStatus } from '../../contracts/incident-values';

export interface NewIncident {
  workspaceId: string;
  title: string;
  categories: string[];
  keywords: string[];
  ackJa: string;
  ackEn: string;
  autoAcknowledge: boolean;
  declaredBy: string;
  at: string;
}

type IncidentRow = Selectable<IncidentTable> & { declared_by_name: string | null };

const toIncident = (r: IncidentRow, counts: { linked: number; acknowledged: number }): Incident => ({
  id: r.id,
  title: r.title,
  status: r.status as IncidentStatus,
  categories: parseJson(r.categories, []),
  keywords: parseJson(r.keywords, []),
  ackJa: r.ack_ja,
  ackEn: r.ack_en,
  autoAcknowledge: Boolean(r.auto_acknowledge),
  followUpJa: r.follow_up_ja,
  followUpEn: r.follow_up_en,
  declaredBy: { id: r.declared_by, name: r.declared_by_name ?? '' },
  declaredAt: r.declared_at,
  resolvedAt: r.resolved_at,
  linkedCount: counts.linked,
  acknowledgedCount: counts.acknowledged,
});

const withDeclarer = (db: Db) =>
  db
    .selectFrom('incidents as i')
    .leftJoin('agents as a', 'a.id', 'i.declared_by')
    .selectAll('i')
    .select('a.name as declared_by_name');

/** An ISO time's minute, 'YYYY-MM-DDTHH:MM' (category_arrivals). */
const minuteOf = (iso: string): string => new Date(iso).toISOString().slice(0, 16);

async function countsFor(
  db: Db,
  incidentIds: string[],
): Promise<Map<string, { linked: number; acknowledged: number }>> {
  const out = new Map<string, { linked: number; acknowledged: number }>();
  if (!incidentIds.length) return out;
  const rows = await db
    .selectFrom('incident_conversations as l')
    .innerJoin('conversations as cv', 'cv.id', 'l.conversation_id')
    .select([
      'l.incident_id',
      (eb) => eb.fn.countAll<number>().as('linked'),
      (eb) => eb.fn.count<number>('cv.first_response_at').as('acknowledged'),
    ])
    .where('l.incident_id', 'in', incidentIds)
    .groupBy('l.incident_id')
    .execute();
  for (const r of rows) out.set(r.incident_id, { linked: Number(r.linked), acknowledged: Number(r.acknowledged) });
  return out;
}

export const incidents = {
  async create(db: Db, i: NewIncident): Promise<string> {
    const id = newId();
    await db
      .insertInto('incidents')
      .values({
        id,
        workspace_id: i.workspaceId,
        title: i.title,
        status: 'open',
        categories: JSON.stringify(i.categories),
        keywords: JSON.stringify(i.keywords),
        ack_ja: i.ackJa,
        ack_en: i.ackEn,
        auto_acknowledge: i.autoAcknowledge ? 1 : 0,
        follow_up_ja: null,
        follow_up_en: null,
        declared_by: i.declaredBy,
        declared_at: i.at,
        resolved_by: null,
        resolved_at: null,
      })
      .execute();
    return id;
  },

  async row(db: Db, workspaceId: string, id: string) {
    return db
      .selectFrom('incidents')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
  },

  async get(db: Db, workspaceId: string, id: string): Promise<Incident | undefined> {
    const r = await withDeclarer(db)
      .where('i.workspace_id', '=', workspaceId)
      .where('i.id', '=', id)
      .executeTakeFirst();
    if (!r) return undefined;
    return toIncident(r, (await countsFor(db, [r.id])).get(r.id) ?? { linked: 0, acknowledged: 0 });
  },

  /** Newest first. */
  async list(db: Db, workspaceId: string, status: IncidentStatus | 'all', limit = 200): Promise<Incident[]> {
    let q = withDeclarer(db).where('i.workspace_id', '=', workspaceId);
    if (status !== 'all') q = q.where('i.status', '=', status);
    const rows = await q.orderBy('i.declared_at', 'desc').orderBy('i.id', 'desc').limit(limit).execute();
    const counts = await countsFor(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => toIncident(r, counts.get(r.id) ?? { linked: 0, acknowledged: 0 }));
  },

  /** Open incidents of a workspace, newest first (what new conversations are matched against). */
  async open(db: Db, workspaceId: string) {
    return db
      .selectFrom('incidents')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'open')
      .orderBy('declared_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
  },

  async conversations(db: Db, incidentId: string): Promise<IncidentConversation[]> {
    const rows = await db
      .selectFrom('incident_conversations as l')
      .innerJoin('conversations as cv', 'cv.id', 'l.conversation_id')
      .innerJoin('customers as cu', 'cu.id', 'cv.customer_id')
      .innerJoin('channels as ch', 'ch.id', 'cv.channel_id')
      .select([
        'cv.id',
        'cu.name as customer_name',
        'ch.kind as channel_kind',
        'cv.status',
        'cv.preview',
        'cv.first_response_at',
        'cv.created_at',
      ])
      .where('l.incident_id', '=', incidentId)
      .orderBy('cv.created_at')
      .orderBy('cv.id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      customerName: r.customer_name,
      channelType: r.channel_kind as ChannelKind,
      status: r.status as ConversationStatus,
      preview: r.preview,
      firstResponseAt: r.first_response_at,
      createdAt: r.created_at,
    }));
  },

  async links(db: Db, incidentId: string) {
    return db
      .selectFrom('incident_conversations')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .orderBy('linked_at')
      .orderBy('conversation_id')
      .execute();
  },

  async link(db: Db, incidentId: string, conversationId: string) {
    return db
      .selectFrom('incident_conversations')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .where('conversation_id', '=', conversationId)
      .executeTakeFirst();
  },

  /**
   * Links a conversation unless it belongs to another open incident. Conditional on the conversation row, so two
   * declarations (or a declaration and the route job) racing for one conversation link it once. True when linked.
   */
  async attach(
    db: Db,
    p: { workspaceId: string; incidentId: string; conversationId: string; by: string | null; at: string },
  ): Promise<boolean> {
    const r = await db
      .updateTable('conversations')
      .set({ incident_id: p.incidentId, updated_at: p.at })
      .where('id', '=', p.conversationId)
      .where('workspace_id', '=', p.workspaceId)
      .where((eb) =>
        eb.or([
          eb('incident_id', 'is', null),
          eb('incident_id', '=', p.incidentId),
          eb(
            'incident_id',
            'not in',
            eb
              .selectFrom('incidents')
              .select('id')
              .where('workspace_id', '=', p.workspaceId)
              .where('status', '=', 'open'),
          ),
        ]),
      )
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return false;
    const inserted = await db
      .insertInto('incident_conversations')
      .values({
        incident_id: p.incidentId,
        conversation_id: p.conversationId,
        linked_at: p.at,
        linked_by: p.by,
        ack_claimed_at: null,
        acknowledged_at: null,
        ack_message_id: null,
        followed_up_at: null,
      })
      .onConflict((oc) => oc.columns(['incident_id', 'conversation_id']).doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
  },

  /** Removes the link; the conversation no longer shows the incident. True when it was linked. */
  async detach(db: Db, incidentId: string, conversationId: string, at: string): Promise<boolean> {
    const r = await db
      .deleteFrom('incident_conversations')
      .where('incident_id', '=', incidentId)
      .where('conversation_id', '=', conversationId)
      .executeTakeFirst();
    await db
      .updateTable('conversations')
      .set({ incident_id: null, updated_at: at })
      .where('id', '=', conversationId)
      .where('incident_id', '=', incidentId)
      .execute();
    return Number(r.numDeletedRows) > 0;
  },

  /**
   * Claims the right to send one conversation's acknowledgement: only when none was sent and no other worker holds
   * a fresh claim (a claim older than `staleBefore` belongs to a worker that died mid-send).
   */
  async claimAck(
    db: Db,
    incidentId: string,
    conversationId: string,
    at: string,
    staleBefore: string,
  ): Promise<boolean> {
    const r = await db
      .updateTable('incident_conversations')
      .set({ ack_claimed_at: at })
      .where('incident_id', '=', incidentId)
      .where('conversation_id', '=', conversationId)
      .where('acknowledged_at', 'is', null)
      .where((eb) => eb.or([eb('ack_claimed_at', 'is', null), eb('ack_claimed_at', '<', staleBefore)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  async releaseAck(db: Db, incidentId: string, conversationId: string): Promise<void> {
    await db
      .updateTable('incident_conversations')
      .set({ ack_claimed_at: null })
      .where('incident_id', '=', incidentId)
      .where('conversation_id', '=', conversationId)
      .where('acknowledged_at', 'is', null)
      .execute();
  },

  async markAcknowledged(
    db: Db,
    incidentId: string,
    conversationId: string,
    at: string,
    messageId: string | null,
  ): Promise<void> {
    await db
      .updateTable('incident_conversations')
      .set({ acknowledged_at: at, ack_message_id: messageId })
      .where('incident_id', '=', incidentId)
      .where('conversation_id', '=', conversationId)
      .execute();
  },

  /** Marks the incident resolved with its follow-up texts; false when it already was (a second click, another tab). */
  async resolve(
    db: Db,
    id: string,
    o: { by: string; at: string; followUpJa: string | null; followUpEn: string | null },
  ): Promise<boolean> {
    const r = await db
      .updateTable('incidents')
      .set({
        status: 'resolved',
        resolved_at: o.at,
        resolved_by: o.by,
        follow_up_ja: o.followUpJa,
        follow_up_en: o.followUpEn,
      })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },
  /** Claims one conversation's follow-up (sent at most once); `release` undoes the claim when sending failed. */
  async claimFollowUp(db: Db, incidentId: string, conversationId: string, at: string): Promise<boolean> {
    const r = await db
      .updateTable('incident_conversations')
      .set({ followed_up_at: at })
      .where('incident_id', '=', incidentId)
      .where('conversation_id', '=', conversationId)
      .where('followed_up_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  async releaseFollowUp(db: Db, incidentId: string, conversationId: string): Promise<void> {
    await db
      .updateTable('incident_conversations')
      .set({ followed_up_at: null })
      .where('incident_id', '=', incidentId)
      .where('conversation_id', '=', conversationId)
      .execute();
  },
};

export const spikeAlerts = {
  /**
   * Counts a new conversation under each of its categories, in its minute; called in the transaction that creates it,
   * so a conversation is counted exactly once. Rows are taken in one order, so two transactions never wait on each other
   * in a cycle.
   */
  async countArrival(db: Db, workspaceId: string, categories: readonly string[], at: string): Promise<void> {
    const minute = minuteOf(at);
    for (const category of [...new Set(categories)].sort())
      await db
        .insertInto('category_arrivals')
        .values({ workspace_id: workspaceId, category, minute, n: 1 })
        .onConflict((oc) =>
          oc.columns(['workspace_id', 'category', 'minute']).doUpdateSet({ n: sql<number>`category_arrivals.n + 1` }),
        )
        .execute();
  },

  /**
   * Conversations of one category created in (from, to], to the minute: a minute counts when it is after the minute of
   * `from` and not after the minute of `to`, so consecutive periods never count a minute twice.
   */
  async countCategory(db: Db, workspaceId: string, category: string, from: string, to: string): Promise<number> {
    const r = await db
      .selectFrom('category_arrivals')
      .select((eb) => eb.fn.sum<number | string | null>('n').as('n'))
      .where('workspace_id', '=', workspaceId)
      .where('category', '=', category)
      .where('minute', '>', minuteOf(from))
      .where('minute', '<=', minuteOf(to))
      .executeTakeFirstOrThrow();
    return Number(r.n ?? 0);
  },

  /** Arrival counts older than `before` are no longer read by any spike check. */
  async pruneArrivals(db: Db, before: string): Promise<void> {
    await db.deleteFrom('category_arrivals').where('minute', '<', minuteOf(before)).execute();
  },

  /**
   * Takes the category's cool-down: true for exactly one caller per `cooldownMs`, however many workers see the
   * same spike at once (conditional update on one row per workspace and category).
   */
  async claimCooldown(db: Db, workspaceId: string, category: string, at: string, cooldownMs: number): Promise<boolean> {
    await db
      .insertInto('spike_cooldowns')
      .values({ workspace_id: workspaceId, category, last_alert_at: null })
      .onConflict((oc) => oc.columns(['workspace_id', 'category']).doNothing())
      .execute();
    const before = new Date(Date.parse(at) - cooldownMs).toISOString();
    const r = await db
      .updateTable('spike_cooldowns')
      .set({ last_alert_at: at })
      .where('workspace_id', '=', workspaceId)
      .where('category', '=', category)
      .where((eb) => eb.or([eb('last_alert_at', 'is', null), eb('last_alert_at', '<=', before)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  async create(
    db: Db,
    a: { workspaceId: string; category: string; observed: number; expected: number; at: string },
  ): Promise<SpikeAlert> {
    const id = newId();
    await db
      .insertInto('spike_alerts')
      .values({
        id,
        workspace_id: a.workspaceId,
        category: a.category,
        observed: a.observed,
        expected: a.expected,
        at: a.at,
        incident_id: null,
      })
      .execute();
    return { id, category: a.category, observed: a.observed, expected: a.expected, at: a.at, incidentId: null };
  },

  /** Newest first. */
  async since(db: Db, workspaceId: string, since: string, limit = 500): Promise<SpikeAlert[]> {
    const rows = await db
      .selectFrom('spike_alerts')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('at', '>=', since)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      category: r.category,
      observed: Number(r.observed),
      expected: Number(r.expected),
      at: r.at,
      incidentId: r.incident_id,
    }));
  },

  /** Alerts an incident answers: recent ones of its categories that no incident claimed yet. */
  async attachToIncident(
    db: Db,
    workspaceId: string,
    incidentId: string,
    categories: string[],
    since: string,
  ): Promise<void> {
    if (!categories.length) return;
    await db
      .updateTable('spike_alerts')
      .set({ incident_id: incidentId })
      .where('workspace_id', '=', workspaceId)
      .where('category', 'in', categories)
      .where('at', '>=', since)
      .where('incident_id', 'is', null)
      .execute();
  },
};
