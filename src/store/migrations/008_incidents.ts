import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  // One outage (or recall, or flame) many customers write about, declared by a supervisor.
  await db.schema
    .createTable('incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // 'open' | 'resolved'
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('keywords', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('ack_ja', 'text', (c) => c.notNull())
    .addColumn('ack_en', 'text', (c) => c.notNull())
    .addColumn('auto_acknowledge', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('follow_up_ja', 'text')
    .addColumn('follow_up_en', 'text')
    .addColumn('declared_by', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('declared_at', 'text', (c) => c.notNull())
    .addColumn('resolved_by', 'text')
    .addColumn('resolved_at', 'text')
    .execute();
  await db.schema
    .createIndex('incidents_by_workspace')
    .on('incidents')
    .columns(['workspace_id', 'status', 'declared_at'])
    .execute();

  // Which conversations belong to an incident, and how far each got: acknowledgement claimed / sent, follow-up sent.
  await db.schema
    .createTable('incident_conversations')
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addColumn('linked_by', 'text')
    .addColumn('ack_claimed_at', 'text')
    .addColumn('acknowledged_at', 'text')
    .addColumn('ack_message_id', 'text')
    .addColumn('followed_up_at', 'text')
    .addPrimaryKeyConstraint('incident_conversations_pk', ['incident_id', 'conversation_id'])
    .execute();
  await db.schema
    .createIndex('incident_conversations_by_conversation')
    .on('incident_conversations')
    .column('conversation_id')
    .execute();
  // The incident a conversation currently belongs to (shown in the inbox); the link table keeps the history.
  await db.schema.alterTable('conversations').addColumn('incident_id', 'text').execute();
  // Spike counts look at one workspace's conversations by creation time.
  await db.schema
    .createIndex('conversations_by_created')
    .on('conversations')
    .columns(['workspace_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('spike_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('observed', 'integer', (c) => c.notNull())
    .addColumn('expected', 'double precision', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('incident_id', 'text')
    .execute();
  await db.schema.createIndex('spike_alerts_by_workspace').on('spike_alerts').columns(['workspace_id', 'at']).execute();
  // One row per workspace and category: a conditional update on last_alert_at lets exactly one worker raise an alert per cool-down.
  await db.schema
    .createTable('spike_cooldowns')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('last_alert_at', 'text')
    .addPrimaryKeyConstraint('spike_cooldowns_pk', ['workspace_id', 'category'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['spike_cooldowns', 'spike_alerts', 'incident_conversations', 'incidents'])
    await db.schema.dropTable(t).ifExists().execute();
  await db.schema.dropIndex('conversations_by_created').ifExists().execute();
  await db.schema.alterTable('conversations').dropColumn('incident_id').execute();
}
