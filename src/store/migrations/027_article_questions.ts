import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
// The ways customers ask what an article answers (issue 16, the answer bot): per language version, a JSON array of
// questions its author wrote for the bot and the agents' suggestions to match against. Null reads as none, so
// articles saved before this migration need no rewrite; revisions keep them inside their JSON content.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('kb_articles').addColumn('questions_ja', 'text').execute();
  await db.schema.alterTable('kb_articles').addColumn('questions_en', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('kb_articles').dropColumn('questions_en').execute();
  await db.schema.alterTable('kb_articles').dropColumn('questions_ja').execute();
}
