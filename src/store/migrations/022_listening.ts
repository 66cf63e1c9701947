import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
// Listening: an admin's queries (keywords, hashtags, brand names written without @, exclusions) run on a channel whose
// platform offers public search (X recent search, Instagram hashtag search). Every matching post is kept once per
// channel with its triage; those that need an answer also enter the inbox, and their conversation remembers the query.
// Deleting a query archives it (`deleted_at`): the posts it found stay in the Listening view's history.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('listening_queries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('channel_id', 'text', (c) => c.notNull().references('channels.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('terms', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('exclusions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    // The platform's cursors (X's newest post id; Instagram's hashtag ids and newest times), JSON.
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('polled_at', 'text')
    // A platform's rate-limit reset: no search before it.
    .addColumn('paused_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema
    .createIndex('listening_queries_by_workspace')
    .on('listening_queries')
    .columns(['workspace_id', 'deleted_at'])
    .execute();
  await db.schema
    .createTable('listened_posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('query_id', 'text', (c) => c.notNull().references('listening_queries.id'))
    .addColumn('channel_id', 'text', (c) => c.notNull().references('channels.id'))
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text')
    .addColumn('author_handle', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('posted_at', 'text', (c) => c.notNull())
    .addColumn('found_at', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('sentiment', 'text', (c) => c.notNull())
    .addColumn('categories', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('flag', 'text')
    .addColumn('competitor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('conversation_id', 'text')
    .addUniqueConstraint('listened_posts_once', ['channel_id', 'external_id'])
    .execute();
  await db.schema
    .createIndex('listened_posts_by_time')
    .on('listened_posts')
    .columns(['workspace_id', 'posted_at'])
    .execute();
  await db.schema
    .createIndex('listened_posts_by_query')
    .on('listened_posts')
    .columns(['query_id', 'posted_at'])
    .execute();
  await db.schema.alterTable('conversations').addColumn('listening_query_id', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('conversations').dropColumn('listening_query_id').execute();
  await db.schema.dropTable('listened_posts').execute();
  await db.schema.dropTable('listening_queries').execute();
}
