import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  // Platform specifics of a message (reply token, comment or post id, public/private) that a reply needs.
  await db.schema.alterTable('messages').addColumn('meta', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('messages').dropColumn('meta').execute();
}
