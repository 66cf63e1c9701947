import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  // The composer's copy-paste check reads the workspace's replies of the last 24 hours, newest first.
  await db.schema.createIndex('messages_by_kind_time').on('messages').columns(['kind', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('messages_by_kind_time').execute();
}
