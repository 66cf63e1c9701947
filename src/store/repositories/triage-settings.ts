import { newId, nowIso } from '../../domain/ids';
import { parseJson, type Db } from './types';

/** The workspace's brand profile (src/triage/brands.ts). */
export interface BrandProfileRow {
  brands: string[];
  products: string[];
  hashtags: string[];
  competitors: string[];
}
const EMPTY_BRANDS: BrandProfileRow = { brands: [], products: [], hashtags: [], competitors: [] };

export interface TriageSettings {
  phrases: Record<string, string[]>;
  brands: BrandProfileRow;
  model: unknown | null;
  corrections: number;
  updatedAt: string | null;
}

export const triageSettings = {
  async version(db: Db, workspaceId: string): Promise<string | null> {
    const r = await db
      .selectFrom('triage_settings')
      .select('updated_at')
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    return r?.updated_at ?? null;
  },
  async get(db: Db, workspaceId: string): Promise<TriageSettings> {
    const r = await db
      .selectFrom('triage_settings')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    if (!r) return { phrases: {}, brands: { ...EMPTY_BRANDS }, model: null, corrections: 0, updatedAt: null };
    return {
      phrases: parseJson(r.phrases, {}),
      brands: { ...EMPTY_BRANDS, ...parseJson<Partial<BrandProfileRow>>(r.brands, {}) },
      model: parseJson(r.model, null),
      corrections: Number(r.corrections),
      updatedAt: r.updated_at,
    };
  },
  async save(
    db: Db,
    workspaceId: string,
    s: { phrases?: Record<string, string[]>; brands?: BrandProfileRow; model?: unknown; addCorrection?: boolean },
  ): Promise<void> {
    const current = await this.get(db, workspaceId);
    // A strictly newer version stamp, even within the same millisecond, so caches always notice.
    const stamp =
      nowIso() > (current.updatedAt ?? '') ? nowIso() : new Date(Date.parse(current.updatedAt!) + 1).toISOString();
    const row = {
      phrases: JSON.stringify(s.phrases ?? current.phrases),
      brands: JSON.stringify(s.brands ?? current.brands),
      model:
        s.model !== undefined ? JSON.stringify(s.model) : current.model === null ? null : JSON.stringify(current.model),
      corrections: current.corrections + (s.addCorrection ? 1 : 0),
      updated_at: stamp,
    };
    if (current.updatedAt === null)
      await db
        .insertInto('triage_settings')
        .values({ workspace_id: workspaceId, ...row })
        .execute();
    else await db.updateTable('triage_settings').set(row).where('workspace_id', '=', workspaceId).execute();
  },
  /** The newest agent decisions (text and the labels set), newest first: triage's precedents. */
  async recentCorrections(
    db: Db,
    workspaceId: string,
    limit: number,
  ): Promise<Array<{ text: string; after: { level?: number; categories?: string[] } }>> {
    const rows = await db
      .selectFrom('triage_corrections')
      .select(['text', 'after'])
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ text: r.text, after: parseJson(r.after, {}) }));
  },
  async recordCorrection(
    db: Db,
    c: { workspaceId: string; conversationId: string; agentId: string; text: string; before: unknown; after: unknown },
  ): Promise<void> {
    await db
      .insertInto('triage_corrections')
      .values({
        id: newId(),
        workspace_id: c.workspaceId,
        conversation_id: c.conversationId,
        agent_id: c.agentId,
        text: c.text,
        before: JSON.stringify(c.before),
        after: JSON.stringify(c.after),
        created_at: nowIso(),
      })
      .execute();
  },
};
