import { PostgresAdapter, sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
// Satisfaction surveys: a CSAT question (1–5) when a conversation is resolved, or an NPS question (0–10) when the
// customer is due one, asked on the conversation's own channel. One survey per conversation resolution
// (`resolution_at` is the conversation's resolved_at when it was asked). The score and comment attach to the
// conversation and to the agent and team who owned it then; the conversation's report facts carry the latest score.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('surveys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text')
    .addColumn('team_id', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('resolution_at', 'text', (c) => c.notNull())
    .addColumn('asked_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('score', 'integer')
    .addColumn('comment', 'text')
    .addUniqueConstraint('surveys_one_per_resolution', ['conversation_id', 'resolution_at'])
    .execute();
  await db.schema
    .createIndex('surveys_by_customer')
    .on('surveys')
    .columns(['customer_id', 'kind', 'asked_at'])
    .execute();
  await db.schema.alterTable('conversation_facts').addColumn('csat', 'integer').execute();
  await db.schema.alterTable('conversation_facts').addColumn('nps', 'integer').execute();

  // An answer changes the conversation's facts.
  // A fresh random version on every mark (never a counter, which a deleted and re-made mark would repeat): a refresher
  // clears a mark only if it still has the version it computed from.
  const version = pg ? `floor(random() * 2147483646)::int + 1` : `abs(random() % 2147483646) + 1`;
  const now = pg
    ? `to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
    : `strftime('%Y-%m-%dT%H:%M:%fZ')`;
  const stale =
    `insert into report_stale (conversation_id, marked_at, version) values (new.conversation_id, ${now}, ${version}) ` +
    `on conflict (conversation_id) do update set version = excluded.version`;
  if (pg) {
    await sql
      .raw(
        `create function koe_report_stale_survey() returns trigger language plpgsql as $$ begin ${stale}; return null; end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger report_stale_survey after insert or update on surveys for each row execute function koe_report_stale_survey()`,
      )
      .execute(db);
  } else {
    await sql.raw(`create trigger report_stale_survey_insert after insert on surveys begin ${stale}; end`).execute(db);
    await sql.raw(`create trigger report_stale_survey_update after update on surveys begin ${stale}; end`).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  if (pg) {
    await sql`drop trigger if exists report_stale_survey on surveys`.execute(db);
    await sql`drop function if exists koe_report_stale_survey()`.execute(db);
  } else {
    await sql`drop trigger if exists report_stale_survey_insert`.execute(db);
    await sql`drop trigger if exists report_stale_survey_update`.execute(db);
  }
  await db.schema.alterTable('conversation_facts').dropColumn('nps').execute();
  await db.schema.alterTable('conversation_facts').dropColumn('csat').execute();
  await db.schema.dropTable('surveys').execute();
}
