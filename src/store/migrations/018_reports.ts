import { PostgresAdapter, sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
// Reports read per-conversation facts instead of re-deriving them from messages, escalations and settings on every
// request (src/desk/reports/). The facts are recomputed, whole, for each conversation that changed:
//
// conversation_facts:     one row per conversation — its dimensions (channel, level, category, sentiment, team,
//                         agent) and figures (first response in calendar and business time, SLA outcome, replies,
//                         resolution, reopenings, escalations, hand-off). Indexed by workspace and creation time.
// conversation_msg_days:  customer and agent messages of a conversation per local day (volume by the day a message
//                         arrived, not the day its conversation began).
// conversation_reopens:   each time a resolved or closed conversation went back to open or pending (a trigger
//                         records it; nothing else keeps that history).
// report_stale:           conversations whose facts must be recomputed. Triggers mark them in the same transaction
//                         as any change to the conversation or its escalations (a change while marked bumps
//                         `version`, a random number); the refresher removes a mark only at the version it computed from.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('conversation_facts')
    .addColumn('conversation_id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('channel_kind', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('sentiment', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('flag', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('public', 'integer', (c) => c.notNull())
    .addColumn('customer_messages', 'integer', (c) => c.notNull())
    .addColumn('agent_replies', 'integer', (c) => c.notNull())
    .addColumn('first_response_ms', 'bigint')
    .addColumn('first_response_business_ms', 'bigint')
    .addColumn('sla_target_ms', 'bigint')
    .addColumn('sla', 'text', (c) => c.notNull())
    .addColumn('sla_due_at', 'text')
    .addColumn('next_responses', 'integer', (c) => c.notNull())
    .addColumn('next_response_ms_total', 'bigint', (c) => c.notNull())
    .addColumn('resolution_ms', 'bigint')
    .addColumn('reopens', 'integer', (c) => c.notNull())
    .addColumn('escalated_to', 'integer', (c) => c.notNull())
    .addColumn('escalations', 'integer', (c) => c.notNull())
    .addColumn('handoff_ms', 'bigint')
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('conversation_facts_by_created')
    .on('conversation_facts')
    .columns(['workspace_id', 'created_at'])
    .execute();
  await db.schema
    .createTable('conversation_msg_days')
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('customer', 'integer', (c) => c.notNull())
    .addColumn('agent', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('conversation_msg_days_pk', ['conversation_id', 'day'])
    .execute();
  await db.schema
    .createIndex('conversation_msg_days_by_day')
    .on('conversation_msg_days')
    .columns(['workspace_id', 'day'])
    .execute();
  await db.schema
    .createTable('conversation_reopens')
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('conversation_reopens_by_id')
    .on('conversation_reopens')
    .column('conversation_id')
    .execute();
  await db.schema
    .createTable('report_stale')
    .addColumn('conversation_id', 'text', (c) => c.primaryKey())
    .addColumn('marked_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  // A fresh random version on every mark (never a counter, which a deleted and re-made mark would repeat): a refresher
  // clears a mark only if it still has the version it computed from.
  const version = pg ? `floor(random() * 2147483646)::int + 1` : `abs(random() % 2147483646) + 1`;
  const now = pg
    ? `to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
    : `strftime('%Y-%m-%dT%H:%M:%fZ')`;
  const stale = (id: string) =>
    `insert into report_stale (conversation_id, marked_at, version) values (${id}, ${now}, ${version}) ` +
    `on conflict (conversation_id) do update set version = excluded.version`;
  const reopened = `insert into conversation_reopens (conversation_id, at) values (new.id, new.updated_at)`;
  const reopenWhen = `old.status in ('resolved', 'closed') and new.status in ('open', 'pending')`;
  if (pg) {
    const fn = (name: string, body: string) =>
      sql
        .raw(`create function ${name}() returns trigger language plpgsql as $$ begin ${body}; return null; end $$`)
        .execute(db);
    await fn('koe_report_stale_conversation', stale('new.id'));
    await fn('koe_report_stale_escalation', stale('new.conversation_id'));
    await fn('koe_report_reopened', reopened);
    await sql
      .raw(
        `create trigger report_stale_conversation after insert or update on conversations for each row execute function koe_report_stale_conversation()`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger report_stale_escalation after insert or update on escalations for each row execute function koe_report_stale_escalation()`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger report_reopened after update on conversations for each row when (${reopenWhen}) execute function koe_report_reopened()`,
      )
      .execute(db);
  } else {
    for (const [name, event, table, body] of [
      ['report_stale_conversation_insert', 'insert', 'conversations', stale('new.id')],
      ['report_stale_conversation_update', 'update', 'conversations', stale('new.id')],
      ['report_stale_escalation_insert', 'insert', 'escalations', stale('new.conversation_id')],
      ['report_stale_escalation_update', 'update', 'escalations', stale('new.conversation_id')],
    ])
      await sql.raw(`create trigger ${name} after ${event} on ${table} begin ${body}; end`).execute(db);
    await sql
      .raw(`create trigger report_reopened after update on conversations when ${reopenWhen} begin ${reopened}; end`)
      .execute(db);
  }
  // Every conversation already there gets its facts on the refresher's first rounds.
  await sql`insert into report_stale (conversation_id, marked_at, version) select id, created_at, 1 from conversations`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  if (pg) {
    await sql`drop trigger if exists report_stale_conversation on conversations`.execute(db);
    await sql`drop trigger if exists report_stale_escalation on escalations`.execute(db);
    await sql`drop trigger if exists report_reopened on conversations`.execute(db);
    for (const f of ['koe_report_stale_conversation', 'koe_report_stale_escalation', 'koe_report_reopened'])
      await sql.raw(`drop function if exists ${f}()`).execute(db);
  } else
    for (const t of [
      'report_stale_conversation_insert',
      'report_stale_conversation_update',
      'report_stale_escalation_insert',
      'report_stale_escalation_update',
      'report_reopened',
    ])
      await sql.raw(`drop trigger if exists ${t}`).execute(db);
  for (const t of ['report_stale', 'conversation_reopens', 'conversation_msg_days', 'conversation_facts'])
    await sql.raw(`drop table if exists ${t}`).execute(db);
}
