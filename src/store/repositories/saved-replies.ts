import type { Selectable } from 'kysely';
import type { SavedReply, SavedReplyBodies } from '../../contracts/saved-replies';
import { newId, nowIso } from '../../domain/ids';
import type { Lang } from '../../texts/localized';
import type { ReplyTemplateTable } from '../schema';
import { parseJson, type Db } from './types';

type Row = Selectable<ReplyTemplateTable> & { owner_name: string | null };

/** The bodies of a row: its per-language variants (older rows have only `body`, in no recorded language). */
const bodiesOf = (r: Pick<Row, 'body' | 'variants'>): SavedReplyBodies => {
  const variants = parseJson<SavedReplyBodies>(r.variants, {});
  return variants.ja || variants.en ? variants : { ja: r.body };
};

/** Only the languages that have text. */
const nonEmpty = (b: SavedReplyBodies): SavedReplyBodies => ({
  ...(b.ja ? { ja: b.ja } : {}),
  ...(b.en ? { en: b.en } : {}),
});

/** The text for a language: its own variant, else the other one. */
export const bodyFor = (bodies: SavedReplyBodies, lang: Lang): string =>
  (lang === 'en' ? bodies.en || bodies.ja : bodies.ja || bodies.en) ?? '';

const toSavedReply = (r: Row, viewer: { agentId: string; canEditShared: boolean }): Omit<SavedReply, 'rendered'> => ({
  id: r.id,
  title: r.name,
  bodies: bodiesOf(r),
  shared: r.owner_id === null,
  owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? '' } : null,
  editable: r.owner_id === null ? viewer.canEditShared : r.owner_id === viewer.agentId,
  usageCount: Number(r.usage_count),
  lastUsedAt: r.last_used_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const select = (db: Db, workspaceId: string) =>
  db
    .selectFrom('reply_templates as t')
    .leftJoin('agents as o', 'o.id', 't.owner_id')
    .selectAll('t')
    .select('o.name as owner_name')
    .where('t.workspace_id', '=', workspaceId);

/**
 * Saved replies: the composer's shared and personal replies. Shared ones are also the templates automation rules send
 * (`replyTemplates`), so there is one model and one table.
 */
export const savedReplies = {
  /** The shared replies and the viewer's own, most used first. */
  async list(db: Db, workspaceId: string, viewer: { agentId: string; canEditShared: boolean }) {
    const rows = await select(db, workspaceId)
      .where((eb) => eb.or([eb('t.owner_id', 'is', null), eb('t.owner_id', '=', viewer.agentId)]))
      .orderBy('t.usage_count', 'desc')
      .orderBy('t.name')
      .execute();
    return rows.map((r) => toSavedReply(r, viewer));
  },
  /** One reply the viewer may see (shared, or their own). */
  async visible(db: Db, workspaceId: string, id: string, viewer: { agentId: string; canEditShared: boolean }) {
    const r = await select(db, workspaceId)
      .where('t.id', '=', id)
      .where((eb) => eb.or([eb('t.owner_id', 'is', null), eb('t.owner_id', '=', viewer.agentId)]))
      .executeTakeFirst();
    return r && toSavedReply(r, viewer);
  },
  async create(
    db: Db,
    r: { workspaceId: string; ownerId: string | null; title: string; bodies: SavedReplyBodies },
  ): Promise<string> {
    const id = newId();
    await db
      .insertInto('reply_templates')
      .values({
        id,
        workspace_id: r.workspaceId,
        name: r.title,
        body: bodyFor(r.bodies, 'ja'),
        owner_id: r.ownerId,
        variants: JSON.stringify(nonEmpty(r.bodies)),
        usage_count: 0,
        last_used_at: null,
        updated_at: null,
        created_at: nowIso(),
      })
      .execute();
    return id;
  },
  async update(
    db: Db,
    workspaceId: string,
    id: string,
    r: { ownerId: string | null; title: string; bodies: SavedReplyBodies },
  ): Promise<void> {
    await db
      .updateTable('reply_templates')
      .set({
        name: r.title,
        body: bodyFor(r.bodies, 'ja'),
        variants: JSON.stringify(nonEmpty(r.bodies)),
        owner_id: r.ownerId,
        updated_at: nowIso(),
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .execute();
  },
  async delete(db: Db, workspaceId: string, id: string): Promise<void> {
    await db.deleteFrom('reply_templates').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  },
  /** One more use, counted when an agent inserts it into a reply. */
  async used(db: Db, workspaceId: string, id: string): Promise<void> {
    await db
      .updateTable('reply_templates')
      .set((eb) => ({ usage_count: eb('usage_count', '+', 1), last_used_at: nowIso() }))
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .execute();
  },
};

export interface ReplyTemplate {
  id: string;
  name: string;
  body: string;
  bodies: SavedReplyBodies;
  createdAt: string;
}

const toTemplate = (r: Selectable<ReplyTemplateTable>): ReplyTemplate => ({
  id: r.id,
  name: r.name,
  body: r.body,
  bodies: bodiesOf(r),
  createdAt: r.created_at,
});

/** The shared saved replies, as automation rules see them (a rule can send only a shared reply). */
export const replyTemplates = {
  async list(db: Db, workspaceId: string): Promise<ReplyTemplate[]> {
    const rows = await db
      .selectFrom('reply_templates')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('owner_id', 'is', null)
      .orderBy('created_at')
      .execute();
    return rows.map(toTemplate);
  },
  async get(db: Db, workspaceId: string, id: string): Promise<ReplyTemplate | undefined> {
    const r = await db
      .selectFrom('reply_templates')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .where('owner_id', 'is', null)
      .executeTakeFirst();
    return r && toTemplate(r);
  },
  async create(db: Db, workspaceId: string, name: string, bodies: SavedReplyBodies): Promise<ReplyTemplate> {
    const id = await savedReplies.create(db, { workspaceId, ownerId: null, title: name, bodies });
    return (await replyTemplates.get(db, workspaceId, id))!;
  },
};
