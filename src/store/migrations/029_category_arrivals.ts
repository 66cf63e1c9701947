import type { Kysely } from 'kysely';
import { parseJson } from '../repositories/types';

/* eslint-disable @typescript-eslint/no-explicit-any */
// Spike detection counted a category's conversations with a scan of every conversation the workspace created in the
// last day (categories are JSON text, so no index serves the filter): during an outage — what spike alerts exist for —
// each new conversation scanned all the others, and on a 10,600-post bench that count was 55% of all SQL time. Arrivals
// are now counted as they happen, per workspace, category and minute, in the transaction that stores the conversation,
// and a spike check sums at most a day of minutes.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('category_arrivals')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    // The minute the conversations were created in, 'YYYY-MM-DDTHH:MM' (UTC), so text order is time order.
    .addColumn('minute', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('category_arrivals_pk', ['workspace_id', 'category', 'minute'])
    .execute();

  // The last day and a bit of conversations, so the baseline is whole right after the upgrade.
  const since = new Date(Date.now() - 26 * 3_600_000).toISOString();
  const rows = await db
    .selectFrom('conversations')
    .select(['workspace_id', 'categories', 'created_at'])
    .where('created_at', '>', since)
    .execute();
  const counts = new Map<string, { workspace_id: string; category: string; minute: string; n: number }>();
  for (const r of rows) {
    const categories = parseJson<unknown>(r.categories, []);
    if (!Array.isArray(categories)) continue;
    for (const category of new Set(categories.filter((c): c is string => typeof c === 'string'))) {
      const minute = String(r.created_at).slice(0, 16);
      const key = `${r.workspace_id}\u0000${category}\u0000${minute}`;
      const c = counts.get(key) ?? { workspace_id: r.workspace_id, category, minute, n: 0 };
      c.n++;
      counts.set(key, c);
    }
  }
  const all = [...counts.values()];
  for (let i = 0; i < all.length; i += 500)
    await db
      .insertInto('category_arrivals')
      .values(all.slice(i, i + 500))
      .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('category_arrivals').execute();
}
