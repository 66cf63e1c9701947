import { PostgresAdapter, sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
// The knowledge base (issue 16): articles written by supervisors and admins for agents to find. An article holds its
// Japanese and English versions side by side (either may be missing), a free-text category and tags; every save
// stores a revision with the whole content, so an old one can be read and restored. Deleting archives the article
// (`archived_at`): it leaves the list and the search index, its revisions stay.
// Search uses the desk's own tokens (src/search/tokens.ts): one index row per article and language, the title apart
// from the body so a match in the title ranks higher — FTS5 columns with bm25 weights on SQLite, tsvector weights
// (A for the title, B for the body) on PostgreSQL.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('kb_articles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('title_ja', 'text')
    .addColumn('body_ja', 'text')
    .addColumn('title_en', 'text')
    .addColumn('body_en', 'text')
    .addColumn('category', 'text')
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('updated_by', 'text', (c) => c.notNull().references('agents.id'))
    // The number of the latest revision: an edit names the one it started from, so two editors cannot overwrite
    // each other unseen.
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .execute();
  await db.schema
    .createIndex('kb_articles_by_workspace')
    .on('kb_articles')
    .columns(['workspace_id', 'archived_at', 'updated_at'])
    .execute();
  await db.schema
    .createTable('kb_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'text', (c) => c.notNull().references('kb_articles.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    // JSON: { versions: { ja?: { title, body }, en?: … }, category, tags, status }.
    .addColumn('content', 'text', (c) => c.notNull())
    // The revision this one restored, if it was a restore.
    .addColumn('restored_from', 'integer')
    .addUniqueConstraint('kb_revisions_number', ['article_id', 'number'])
    .execute();
  if (pg) {
    await sql`create table kb_search (article_id text not null, lang text not null, tokens tsvector not null, primary key (article_id, lang))`.execute(
      db,
    );
    await sql`create index kb_search_tokens on kb_search using gin (tokens)`.execute(db);
  } else {
    await sql`create virtual table kb_search using fts5(title, body, article_id unindexed, lang unindexed, tokenize = 'unicode61 remove_diacritics 0')`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists kb_search`.execute(db);
  await db.schema.dropTable('kb_revisions').execute();
  await db.schema.dropTable('kb_articles').execute();
}
