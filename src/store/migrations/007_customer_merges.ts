import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  // A merge moves identities and conversations from one customer to another; the moved ids are kept so it can be undone.
  await db.schema
    .createTable('customer_merges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('target_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('source_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('identity_ids', 'text', (c) => c.notNull())
    .addColumn('conversation_ids', 'text', (c) => c.notNull())
    .addColumn('merged_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('undone_at', 'text')
    .execute();
  await db.schema.alterTable('customers').addColumn('merged_into', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('customers').dropColumn('merged_into').execute();
  await db.schema.dropTable('customer_merges').ifExists().execute();
}
