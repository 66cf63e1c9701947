import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('agents')
    .addColumn('capacity', 'integer', (c) => c.notNull().defaultTo(5))
    .execute();
  await db.schema
    .alterTable('agents')
    .addColumn('presence', 'text', (c) => c.notNull().defaultTo('offline'))
    .execute();
  await db.schema.alterTable('agents').addColumn('last_assigned_at', 'text').execute();

  await db.schema.alterTable('conversations').addColumn('team_id', 'text').execute();
  await db.schema.alterTable('conversations').addColumn('last_customer_message_at', 'text').execute();
  await db.schema.alterTable('conversations').addColumn('pending_since', 'text').execute();
  await db.schema
    .alterTable('conversations')
    .addColumn('paused_ms', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  /** The SLA state last announced (target:state), so a warning or breach is notified once. */
  await db.schema.alterTable('conversations').addColumn('sla_announced', 'text').execute();

  await db.schema
    .createTable('escalations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('direction', 'text', (c) => c.notNull()) // 'up' | 'down'
    .addColumn('from_agent_id', 'text')
    .addColumn('from_level', 'integer', (c) => c.notNull())
    .addColumn('to_level', 'integer', (c) => c.notNull())
    .addColumn('to_team_id', 'text')
    .addColumn('to_agent_id', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // 'open' | 'accepted' | 'resolved'
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('accepted_by', 'text')
    .addColumn('resolved_at', 'text')
    .execute();
  await db.schema
    .createIndex('escalations_by_workspace')
    .on('escalations')
    .columns(['workspace_id', 'status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('escalations_by_conversation')
    .on('escalations')
    .columns(['conversation_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('urgent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema
    .createIndex('notifications_by_agent')
    .on('notifications')
    .columns(['agent_id', 'read_at', 'created_at'])
    .execute();

  await db.schema
    .createTable('workspace_settings')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id'))
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['workspace_settings', 'notifications', 'escalations'])
    await db.schema.dropTable(t).ifExists().execute();
  for (const c of ['sla_announced', 'paused_ms', 'pending_since', 'last_customer_message_at', 'team_id'])
    await db.schema.alterTable('conversations').dropColumn(c).execute();
  for (const c of ['last_assigned_at', 'presence', 'capacity'])
    await db.schema.alterTable('agents').dropColumn(c).execute();
}
