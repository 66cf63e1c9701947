import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { searchTokens } from '../../search/tokens';
import { searchRows } from '../repositories/search-index';

/* eslint-disable @typescript-eslint/no-explicit-any */
// The search index (src/search/tokens.ts): Japanese as bigrams, Latin letters and digits as words, in each database's
// own full-text index — an FTS5 table on SQLite, a GIN-indexed tsvector on PostgreSQL. Existing messages are indexed
// here, a thousand at a time.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  if (pg) {
    await sql`create table message_search (message_id text primary key, created_at text not null, tokens tsvector not null)`.execute(
      db,
    );
    await sql`create index message_search_tokens on message_search using gin (tokens)`.execute(db);
    await sql`create index message_search_created on message_search (created_at)`.execute(db);
  } else {
    await sql`create virtual table message_search using fts5(tokens, message_id unindexed, tokenize = 'unicode61 remove_diacritics 0')`.execute(
      db,
    );
  }
  await sql`create index messages_by_created on messages (created_at)`.execute(db);
  for (let after = ''; ;) {
    const rows: { id: string; text: string; created_at: string }[] = await db
      .selectFrom('messages')
      .select(['id', 'text', 'created_at'])
      .where('kind', 'in', ['customer', 'reply', 'note'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(1000)
      .execute();
    if (!rows.length) break;
    await searchRows(
      pg,
      rows.map((r) => ({ messageId: r.id, createdAt: r.created_at, tokens: searchTokens(r.text) })),
    ).execute(db);
    after = rows[rows.length - 1].id;
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists messages_by_created`.execute(db);
  await sql`drop table if exists message_search`.execute(db);
}
