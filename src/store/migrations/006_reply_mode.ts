import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  // 'auto': answer where the customer last wrote; 'dm': the agent moved a public thread to direct messages.
  await db.schema
    .alterTable('conversations')
    .addColumn('reply_mode', 'text', (c) => c.notNull().defaultTo('auto'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('conversations').dropColumn('reply_mode').execute();
}
