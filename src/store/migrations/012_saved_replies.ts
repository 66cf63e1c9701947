import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  // Saved replies are the reply templates automation already sends, grown for the composer: an owner (null = shared
  // with the workspace), per-language variants of the body, usage counts, and when they were last edited.
  for (const [name, type, build] of [
    ['owner_id', 'text', (c: any) => c.references('agents.id')],
    ['variants', 'text', (c: any) => c.notNull().defaultTo('{}')],
    ['usage_count', 'integer', (c: any) => c.notNull().defaultTo(0)],
    ['last_used_at', 'text', (c: any) => c],
    ['updated_at', 'text', (c: any) => c],
  ] as const)
    await db.schema.alterTable('reply_templates').addColumn(name, type, build).execute();
  await db.schema
    .createIndex('reply_templates_workspace_owner')
    .on('reply_templates')
    .columns(['workspace_id', 'owner_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('reply_templates_workspace_owner').execute();
  for (const name of ['updated_at', 'last_used_at', 'usage_count', 'variants', 'owner_id'])
    await db.schema.alterTable('reply_templates').dropColumn(name).execute();
}
