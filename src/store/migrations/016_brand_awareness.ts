import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  // The workspace's brand profile (its brands, products, hashtags and competitors; JSON), which triage reads.
  await db.schema.alterTable('triage_settings').addColumn('brands', 'text').execute();
  // What triage marked the conversation's newest customer message: `needs_look` (unsure, shown between level 2 and
  // level 3) or `competitor` (names a competitor, no problem of ours). Cleared when an agent corrects the labels.
  await db.schema.alterTable('conversations').addColumn('triage_mark', 'text').execute();
  // The inbox's 要確認 / 競合 views and their counts.
  await db.schema
    .createIndex('conversations_by_mark')
    .on('conversations')
    .columns(['workspace_id', 'triage_mark', 'status'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('conversations_by_mark').execute();
  await db.schema.alterTable('conversations').dropColumn('triage_mark').execute();
  await db.schema.alterTable('triage_settings').dropColumn('brands').execute();
}
