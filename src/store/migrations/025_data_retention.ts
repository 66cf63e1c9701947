import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
// Data retention and erasure (privacy requests): a workspace's retention document, and the marks that make both
// idempotent — a message whose body was removed, a customer whose profile was erased.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('retention_settings')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id'))
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('messages').addColumn('redacted_at', 'text').execute();
  await db.schema.alterTable('customers').addColumn('erased_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('customers').dropColumn('erased_at').execute();
  await db.schema.alterTable('messages').dropColumn('redacted_at').execute();
  await db.schema.dropTable('retention_settings').execute();
}
