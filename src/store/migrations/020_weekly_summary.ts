import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
// The weekly summary email: one row per workspace and week (its Monday, in the desk's time zone), claimed before the
// mail goes out, so several processes send it once.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('weekly_summaries')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('recipients', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('weekly_summaries_pk', ['workspace_id', 'week'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('weekly_summaries').execute();
}
