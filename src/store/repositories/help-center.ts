import { nowIso } from '../../domain/ids';
import type { Db } from './types';

/** A workspace's help-center settings as stored (desk/help-center.ts gives the defaults and the rules). */
export interface HelpCenterRow {
  workspaceId: string;
  enabled: boolean;
  slug: string;
  name: string | null;
  accent: string;
  updatedAt: string;
}

/** A published article as the public pages list it: its titles, category and last save, no bodies. */
export interface PublishedArticleRow {
  id: string;
  titleJa: string | null;
  titleEn: string | null;
  category: string | null;
  updatedAt: string;
}

const toRow = (r: {
  workspace_id: string;
  enabled: number | boolean;
  slug: string;
  name: string | null;
  accent: string;
  updated_at: string;
}): HelpCenterRow => ({
  workspaceId: r.workspace_id,
  enabled: Boolean(Number(r.enabled)),
  slug: r.slug,
  name: r.name,
  accent: r.accent,
  updatedAt: r.updated_at,
});

/** The public help center's settings and the published articles its pages list (docs/knowledge-base.md). */
export const helpCenters = {
  async get(db: Db, workspaceId: string): Promise<HelpCenterRow | undefined> {
    const r = await db
      .selectFrom('help_centers')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    return r && toRow(r);
  },

  async bySlug(db: Db, slug: string): Promise<HelpCenterRow | undefined> {
    const r = await db.selectFrom('help_centers').selectAll().where('slug', '=', slug).executeTakeFirst();
    return r && toRow(r);
  },

  /** Every help center that is on, for robots.txt's sitemap lines. */
  async enabled(db: Db): Promise<HelpCenterRow[]> {
    return (await db.selectFrom('help_centers').selectAll().where('enabled', '=', 1).orderBy('slug').execute()).map(
      toRow,
    );
  },

  async save(db: Db, row: Omit<HelpCenterRow, 'updatedAt'>): Promise<void> {
    const values = {
      enabled: row.enabled ? 1 : 0,
      slug: row.slug,
      name: row.name,
      accent: row.accent,
      updated_at: nowIso(),
    };
    await db
      .insertInto('help_centers')
      .values({ workspace_id: row.workspaceId, ...values })
      .onConflict((oc) => oc.column('workspace_id').doUpdateSet(values))
      .execute();
  },

  /** The workspace's live published articles, by category then title; the bodies stay behind. */
  async publishedArticles(db: Db, workspaceId: string): Promise<PublishedArticleRow[]> {
    const rows = await db
      .selectFrom('kb_articles')
      .select(['id', 'title_ja', 'title_en', 'category', 'updated_at'])
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'published')
      .where('archived_at', 'is', null)
      .orderBy('category')
      .orderBy('updated_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      titleJa: r.title_ja,
      titleEn: r.title_en,
      category: r.category,
      updatedAt: r.updated_at,
    }));
  },

  /** The workspace's oldest web chat channel: the help center's "chat with us" opens it. */
  async webchatKey(db: Db, workspaceId: string): Promise<string | undefined> {
    const r = await db
      .selectFrom('channels')
      .select('public_key')
      .where('workspace_id', '=', workspaceId)
      .where('kind', '=', 'webchat')
      .where('deleted_at', 'is', null)
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst();
    return r?.public_key;
  },
};
