import { sql } from 'kysely';
import { matchExpression } from './search-index';
import { isPostgres, type Db } from './types';

export interface SearchFilters {
  channelId?: string;
  status?: string;
  level?: number;
  category?: string;
  assigneeId?: string;
  /** Messages written at or after / before these ISO times. */
  from?: string;
  to?: string;
}

export interface MessageHit {
  messageId: string;
  conversationId: string;
  kind: string;
  text: string;
  createdAt: string;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Full-text search over a workspace's messages, newest first (src/search/tokens.ts says how Japanese is indexed). */
export const search = {
  /**
   * The conversation whose id begins with these 8 hex characters (its reference). A range on the primary key, so the
   * index serves it on both dialects whatever the collation; null when none (or, in theory, several) match.
   */
  async conversationByRef(db: Db, workspaceId: string, ref: string): Promise<string | undefined> {
    const next = ref === 'ffffffff' ? 'g' : (parseInt(ref, 16) + 1).toString(16).padStart(8, '0');
    const rows = await db
      .selectFrom('conversations')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', '>=', ref)
      .where('id', '<', next)
      .limit(2)
      .execute();
    return rows.length === 1 ? rows[0]!.id : undefined;
  },
  /**
   * Messages whose text contains the phrase, newest first. SQLite walks the FTS5 matches newest first (rowid order is
   * insertion order) and stops at `limit`. PostgreSQL's GIN index finds every match at once, and sorting all of a
   * common word's matches (返金 in a tenth of a million messages) is slow; so it looks among the newest 5,000 indexed
   * messages first, then 50,000 and 500,000, then all, and stops once a window holds `limit` matches. Windows are
   * counted in messages, not days, so a busy desk and a quiet one both find a common word in the first.
   */
  async messages(
    db: Db,
    workspaceId: string,
    phrase: { tokens: string[]; prefixLast: boolean },
    f: SearchFilters,
    limit: number,
  ): Promise<MessageHit[]> {
    const pg = isPostgres(db);
    const expr = matchExpression(pg, phrase);
    const query = (since?: string) => {
      let q = db
        .selectFrom('message_search')
        .innerJoin('messages as m', 'm.id', 'message_search.message_id')
        .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
        .select(['m.id', 'm.conversation_id', 'm.kind', 'm.text', 'm.created_at'])
        .where('c.workspace_id', '=', workspaceId)
        .where(
          pg
            ? sql<boolean>`message_search.tokens @@ cast(${expr} as tsquery)`
            : sql<boolean>`message_search match ${expr}`,
        );
      if (since) q = q.where('message_search.created_at', '>=', since);
      q = withFilters(q, f);
      return (
        // On PostgreSQL the index row's own time: the planner may walk its B-tree newest first and stop at the page.
        (
          pg
            ? q.orderBy('message_search.created_at', 'desc').orderBy('m.id', 'desc')
            : q.orderBy(sql`message_search.rowid`, 'desc')
        )
          .limit(limit)
          .execute()
      );
    };
    if (!pg) return (await query()).map(toHit);
    for (const newest of [5_000, 50_000, 500_000]) {
      // The time of the n-th newest indexed message (read off its B-tree): the window is the messages since then.
      const edge = await db
        .selectFrom('message_search')
        .select('created_at')
        .orderBy('created_at', 'desc')
        .offset(newest - 1)
        .limit(1)
        .executeTakeFirst();
      if (!edge) break;
      const rows = await query(edge.created_at);
      if (rows.length >= limit) return rows.map(toHit);
    }
    return (await query()).map(toHit);
  },

  /** The scan for what the index cannot narrow (a single Japanese character): a substring match, newest first. */
  async messagesScan(db: Db, workspaceId: string, folded: string, f: SearchFilters, limit: number) {
    let q = db
      .selectFrom('messages as m')
      .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
      .select(['m.id', 'm.conversation_id', 'm.kind', 'm.text', 'm.created_at'])
      .where('c.workspace_id', '=', workspaceId)
      .where('m.kind', 'in', ['customer', 'reply', 'note'])
      .where(sql<boolean>`lower(m.text) like ${`%${escapeLike(folded)}%`} escape '\\'`);
    q = withFilters(q, f);
    const rows = await q.orderBy('m.created_at', 'desc').orderBy('m.id', 'desc').limit(limit).execute();
    return rows.map(toHit);
  },

  /**
   * Customers by name, email or a handle / platform id on any channel, with their latest conversation. The matching
   * customers are found first, by two plain scans (people, identities), and only those few are joined to their
   * conversations: joining every customer before filtering cost PostgreSQL ~240 ms at 50,000 customers.
   */
  async customers(db: Db, workspaceId: string, folded: string, limit: number) {
    const like = sql<string>`${`%${escapeLike(folded)}%`}`;
    const contains = (column: string) => sql<boolean>`lower(${sql.ref(column)}) like ${like} escape '\\'`;
    const [byPerson, byIdentity] = await Promise.all([
      db
        .selectFrom('customers')
        .select(['id'])
        .where('workspace_id', '=', workspaceId)
        .where('merged_into', 'is', null)
        .where((w) => w.or([contains('name'), contains('email')]))
        .limit(limit)
        .execute(),
      db
        .selectFrom('customer_identities as i')
        .innerJoin('customers as cu', 'cu.id', 'i.customer_id')
        .select(['cu.id', 'i.handle', 'i.external_id'])
        .where('cu.workspace_id', '=', workspaceId)
        .where('cu.merged_into', 'is', null)
        .where((w) => w.or([contains('i.handle'), contains('i.external_id')]))
        .limit(limit)
        .execute(),
    ]);
    const handles = new Map(byIdentity.map((r) => [r.id, r.handle ?? r.external_id]));
    const ids = [...new Set([...byPerson.map((r) => r.id), ...byIdentity.map((r) => r.id)])];
    if (!ids.length) return [];
    const rows = await db
      .selectFrom('customers as cu')
      .innerJoin('conversations as c', 'c.customer_id', 'cu.id')
      .select(['cu.id as customer_id', 'cu.name', 'cu.email', 'c.id as conversation_id', 'c.last_message_at'])
      .where('cu.id', 'in', ids)
      .orderBy('c.last_message_at', 'desc')
      .execute();
    // One row per customer: their latest conversation.
    const seen = new Set<string>();
    return rows
      .filter((r) => !seen.has(r.customer_id) && seen.add(r.customer_id))
      .slice(0, limit)
      .map((r) => ({
        customerId: r.customer_id,
        name: r.name,
        email: r.email,
        handle: handles.get(r.customer_id) ?? null,
        conversationId: r.conversation_id,
      }));
  },
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function withFilters<Q extends { where: (...args: any[]) => Q }>(q: Q, f: SearchFilters): Q {
  if (f.channelId) q = q.where('c.channel_id', '=', f.channelId);
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.level !== undefined) q = q.where('c.level', '=', f.level);
  if (f.assigneeId) q = q.where('c.assignee_id', '=', f.assigneeId);
  // Categories come from the contract's enum: a literal match inside the stored JSON array.
  if (f.category) q = q.where('c.categories', 'like', `%"${f.category}"%`);
  if (f.from) q = q.where('m.created_at', '>=', f.from);
  if (f.to) q = q.where('m.created_at', '<', f.to);
  return q;
}

const toHit = (r: {
  id: string;
  conversation_id: string;
  kind: string;
  text: string;
  created_at: string;
}): MessageHit => ({
  messageId: r.id,
  conversationId: r.conversation_id,
  kind: r.kind,
  text: r.text,
  createdAt: r.created_at,
});
