import { PostgresAdapter, sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
// Per-day rollups of the report facts, so a report over a month of a large desk reads a few thousand rows instead of
// one row per conversation (src/desk/reports/rollups.ts):
//
// report_rollups:  one row per workspace, scope, local day and dimension value: the figures of the conversations
//                  begun that day with that value (counts, sums, first-response and resolution histograms, new
//                  conversations by hour) and the messages written that day, as JSON. `scope` is '' for the whole
//                  desk, `channel:<id>` or `level:<n>` for the conversations of one channel or level (the report
//                  page's two filters); `dim` '' and `key` '' for all of the scope, else `dim` channel | level |
//                  category | sentiment | team | agent and its value. Kept by the refresher in the same
//                  transaction as the facts it takes out and puts in.
// conversation_facts.rollup_day / rollup_hour:  the local day and hour a fact was counted under (the time zone may
//                  change before the fact is recomputed); null for a fact not in the rollups yet.
//
// Existing facts are not in the rollups: they are marked stale (by their creation time, so the refresher goes through
// them day by day), and until every fact of a workspace is counted its reports read the facts as before.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('report_rollups')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_rollups_pk', ['workspace_id', 'scope', 'day', 'dim', 'key'])
    .execute();
  await db.schema.alterTable('conversation_facts').addColumn('rollup_day', 'text').execute();
  await db.schema.alterTable('conversation_facts').addColumn('rollup_hour', 'integer').execute();
  // Partial indexes (same syntax on both databases): both hold few rows once the refresher has caught up.
  await sql`create index conversation_facts_unrolled on conversation_facts (workspace_id) where rollup_day is null`.execute(
    db,
  );
  await sql`create index conversation_facts_due on conversation_facts (workspace_id, sla_due_at) where sla = 'due'`.execute(
    db,
  );
  await db.schema
    .createIndex('report_stale_by_marked')
    .on('report_stale')
    .columns(['marked_at', 'conversation_id'])
    .execute();

  const version = pg ? `floor(random() * 2147483646)::int + 1` : `abs(random() % 2147483646) + 1`;
  await sql
    .raw(
      `insert into report_stale (conversation_id, marked_at, version) ` +
        `select conversation_id, created_at, ${version} from conversation_facts where true ` +
        `on conflict (conversation_id) do nothing`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('report_stale_by_marked').ifExists().execute();
  await db.schema.dropIndex('conversation_facts_due').ifExists().execute();
  await db.schema.dropIndex('conversation_facts_unrolled').ifExists().execute();
  await db.schema.alterTable('conversation_facts').dropColumn('rollup_hour').execute();
  await db.schema.alterTable('conversation_facts').dropColumn('rollup_day').execute();
  await db.schema.dropTable('report_rollups').ifExists().execute();
}
