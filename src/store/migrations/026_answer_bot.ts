import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
// The answer bot (issue 16): where a conversation stands with it. `answered` — the bot answered the customer's first
// message from a published article and the conversation waits on the customer; `handed_over` — the customer asked for
// a person or wrote again, and the conversation went to the agents. Null: the bot never answered. Reports count
// deflections and hand-overs from it; the article the bot quoted is in the reply's `meta`.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('conversations').addColumn('bot_state', 'text').execute();
  await db.schema.alterTable('conversations').addColumn('bot_answered_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('conversations').dropColumn('bot_answered_at').execute();
  await db.schema.alterTable('conversations').dropColumn('bot_state').execute();
}
