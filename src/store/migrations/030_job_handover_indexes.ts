import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
// The BullMQ hand-over looked for queued jobs never handed over through the (status, run_at) index, reading every job
// already handed over and waiting for a worker on the way: with a backlog that read grew with the backlog at every
// commit, and at 100 webhooks/s it kept PostgreSQL busy all the time (sampled active in 79 of 80 looks). Two partial
// indexes serve the two lookups (jobs never handed over; jobs handed over, still queued) and hold only those rows.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index jobs_to_hand_over on jobs (run_at) where status = 'queued' and forwarded_at is null`.execute(
    db,
  );
  await sql`create index jobs_handed_over on jobs (forwarded_at) where status = 'queued' and forwarded_at is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('jobs_handed_over').execute();
  await db.schema.dropIndex('jobs_to_hand_over').execute();
}
