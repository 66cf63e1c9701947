import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  // The agent who owns an urgent (L3) conversation only to send its first reply (a "first responder"):
  // set by auto-assignment when every L3 agent owes another urgent reply, cleared when that reply is written
  // and the conversation is handed back to L3.
  await db.schema.alterTable('conversations').addColumn('first_responder_id', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('conversations').dropColumn('first_responder_id').execute();
}
