import { PostgresAdapter, sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
// The inbox counts, kept by the database itself as conversations change, so a refresh reads a few hundred rows
// instead of counting a million. Triggers (not application code) record every change — services, jobs, migrations, an
// operator's SQL — in the same transaction as the change itself.
//
// conversation_counts:        conversations per bucket. Open ones by workspace, set-aside flag (spam/troll), channel,
//                             team, assignee and triage mark; the others by workspace, status and channel only. '' for
//                             none, so the key is never NULL.
// conversation_count_changes: what moved since the last fold: -1 for the bucket a conversation left, +1 for the one it
//                             entered. Only ever inserted into, so writers never wait on one another for a hot bucket
//                             (every new conversation enters "open, unassigned"), and cannot deadlock over them.
//
// Counts are the buckets plus the changes not yet folded (`conversations.counts`), so they are exact at any moment;
// `conversations.foldCountChanges` folds the changes into the buckets every few seconds.
const KEY = ['workspace_id', 'status', 'flagged', 'channel_id', 'team_id', 'assignee_id', 'mark'] as const;
const WATCHED = ['workspace_id', 'status', 'flag', 'channel_id', 'team_id', 'assignee_id', 'triage_mark'] as const;

/** The bucket of conversation `r` (NEW, OLD or a table alias) as named columns, and `delta` as n when given. */
const bucket = (r: string, delta?: number) => {
  const open = (expr: string) => `case when ${r}.status = 'open' then ${expr} else '' end`;
  return [
    `${r}.workspace_id as workspace_id`,
    `${r}.status as status`,
    `case when ${r}.status = 'open' and ${r}.flag in ('spam', 'troll') then 1 else 0 end as flagged`,
    `${r}.channel_id as channel_id`,
    `${open(`coalesce(${r}.team_id, '')`)} as team_id`,
    `${open(`coalesce(${r}.assignee_id, '')`)} as assignee_id`,
    `${open(`coalesce(${r}.triage_mark, '')`)} as mark`,
    ...(delta === undefined ? [] : [`${delta} as n`]),
  ].join(', ');
};
const record = (...rows: string[]) =>
  `insert into conversation_count_changes (${KEY.join(', ')}, n) ${rows.map((r) => `select ${r}`).join(' union all ')}`;

const ON_INSERT = record(bucket('new', 1));
const ON_DELETE = record(bucket('old', -1));
const ON_UPDATE = record(bucket('old', -1), bucket('new', 1));
const CHANGED = WATCHED.map((c) => `old.${c} is distinct from new.${c}`).join(' or ');

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const keyColumns = `workspace_id text not null, status text not null, flagged integer not null,
    channel_id text not null, team_id text not null, assignee_id text not null, mark text not null, n integer not null`;
  await sql.raw(`create table conversation_counts (${keyColumns}, primary key (${KEY.join(', ')}))`).execute(db);
  await sql
    .raw(
      `create table conversation_count_changes (id ${pg ? 'bigint generated always as identity' : 'integer'} primary key, ${keyColumns})`,
    )
    .execute(db);
  await sql`create index conversation_count_changes_by_workspace on conversation_count_changes (workspace_id)`.execute(
    db,
  );

  if (pg) {
    const trigger = async (event: string, body: string, when: string) => {
      await sql
        .raw(
          `create function koe_counts_on_${event}() returns trigger language plpgsql as $$ begin ${body}; return null; end $$`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger conversation_counts_${event} after ${event} on conversations for each row ${when} ` +
            `execute function koe_counts_on_${event}()`,
        )
        .execute(db);
    };
    await trigger('insert', ON_INSERT, '');
    await trigger('delete', ON_DELETE, '');
    await trigger('update', ON_UPDATE, `when (${CHANGED})`);
  } else {
    const trigger = (event: string, body: string, when: string) =>
      sql
        .raw(`create trigger conversation_counts_${event} after ${event} on conversations ${when} begin ${body}; end`)
        .execute(db);
    await trigger('insert', ON_INSERT, '');
    await trigger('delete', ON_DELETE, '');
    await trigger('update', ON_UPDATE, `when ${CHANGED}`);
  }

  // What is there already.
  await sql
    .raw(
      `insert into conversation_counts (${KEY.join(', ')}, n)
       select ${KEY.join(', ')}, count(*) from (select ${bucket('c')} from conversations c) as b
       group by ${KEY.join(', ')}`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const t of ['insert', 'delete', 'update']) {
    await sql.raw(`drop trigger if exists conversation_counts_${t}${pg ? ' on conversations' : ''}`).execute(db);
    if (pg) await sql.raw(`drop function if exists koe_counts_on_${t}()`).execute(db);
  }
  await sql`drop table if exists conversation_count_changes`.execute(db);
  await sql`drop table if exists conversation_counts`.execute(db);
}
