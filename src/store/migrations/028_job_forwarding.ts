import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
// Jobs on BullMQ (issue 15): with Redis and PostgreSQL the `jobs` table stays the durable record of every job (written
// in the caller's transaction) and BullMQ carries it to a worker. `forwarded_at` is when a process last handed a queued
// job to BullMQ; a queued job not handed over for a while (its process died after the commit, Redis lost it) is handed
// over again by any process's sweep. The embedded runner does not use it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('jobs').addColumn('forwarded_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('jobs').dropColumn('forwarded_at').execute();
}
