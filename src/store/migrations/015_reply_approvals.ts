import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  // Public replies held for a supervisor (desk setting approvals): the text waits here, not in the thread, until it
  // is approved (then sent as the author's reply) or sent back with a note.
  await db.schema
    .createTable('reply_approvals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('then_action', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reviewer_id', 'text')
    .addColumn('note', 'text')
    .addColumn('message_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema
    .createIndex('reply_approvals_by_conversation')
    .on('reply_approvals')
    .columns(['conversation_id', 'status'])
    .execute();
  await db.schema
    .createIndex('reply_approvals_by_workspace')
    .on('reply_approvals')
    .columns(['workspace_id', 'status', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reply_approvals').ifExists().execute();
}
