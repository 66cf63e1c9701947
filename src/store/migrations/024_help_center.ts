import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
// The help center (issue 16): a workspace's published knowledge-base articles as public pages. One row per workspace
// that has saved its settings; a workspace without a row has the help center off. The slug is the public address
// (/help/<slug>/…), unique across workspaces.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('help_centers')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id'))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    // The brand's name as visitors see it; null shows the workspace's name.
    .addColumn('name', 'text')
    // #rrggbb, the colour of the header, links and buttons.
    .addColumn('accent', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('help_centers').execute();
}
