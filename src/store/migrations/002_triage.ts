import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  // flag: 'spam' | 'troll' set by triage, 'cleared' once an agent cleared it (never re-flagged), or null.
  await db.schema.alterTable('conversations').addColumn('flag', 'text').execute();
  await db.schema
    .alterTable('conversations')
    .addColumn('triage_reasons', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.alterTable('messages').addColumn('triage', 'text').execute();

  await db.schema
    .createTable('triage_settings')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id'))
    .addColumn('phrases', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('model', 'text')
    .addColumn('corrections', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('triage_corrections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('before', 'text', (c) => c.notNull())
    .addColumn('after', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('triage_corrections_by_workspace')
    .on('triage_corrections')
    .columns(['workspace_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('triage_corrections').ifExists().execute();
  await db.schema.dropTable('triage_settings').ifExists().execute();
  await db.schema.alterTable('messages').dropColumn('triage').execute();
  await db.schema.alterTable('conversations').dropColumn('triage_reasons').execute();
  await db.schema.alterTable('conversations').dropColumn('flag').execute();
}
