import type { Selectable } from 'kysely';
import { newId } from '../../domain/ids';
import type { SurveyTable } from '../schema';
import type { Db } from './types';

export type SurveyRow = Selectable<SurveyTable>;
export type SurveyKind = 'csat' | 'nps';

export const surveys = {
  /** Asks once per conversation resolution: null when this resolution already has its survey. */
  async create(
    db: Db,
    s: Omit<SurveyRow, 'id' | 'answered_at' | 'score' | 'comment'> & { kind: SurveyKind },
  ): Promise<SurveyRow | null> {
    const row: SurveyRow = { ...s, id: newId(), answered_at: null, score: null, comment: null };
    const r = await db
      .insertInto('surveys')
      .values(row)
      .onConflict((oc) => oc.columns(['conversation_id', 'resolution_at']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0 ? row : null;
  },
  async get(db: Db, id: string): Promise<SurveyRow | undefined> {
    return db.selectFrom('surveys').selectAll().where('id', '=', id).executeTakeFirst();
  },
  /** Records (or corrects) the answer. */
  async answer(db: Db, id: string, score: number, comment: string | null, at: string): Promise<void> {
    await db.updateTable('surveys').set({ score, comment, answered_at: at }).where('id', '=', id).execute();
  },
  /** When this customer was last asked an NPS question (the cooldown), else null. */
  async lastAskedAt(db: Db, customerId: string, kind: SurveyKind): Promise<string | null> {
    const r = await db
      .selectFrom('surveys')
      .select('asked_at')
      .where('customer_id', '=', customerId)
      .where('kind', '=', kind)
      .orderBy('asked_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r?.asked_at ?? null;
  },
  /** The newest survey of a customer asked since `since` (what the chat widget shows). */
  async latestOfCustomer(db: Db, customerId: string, since: string): Promise<SurveyRow | undefined> {
    return db
      .selectFrom('surveys')
      .selectAll()
      .where('customer_id', '=', customerId)
      .where('asked_at', '>=', since)
      .orderBy('asked_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  },
  /** A conversation's surveys, newest first. */
  async ofConversation(db: Db, conversationId: string): Promise<SurveyRow[]> {
    return db
      .selectFrom('surveys')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .orderBy('asked_at', 'desc')
      .execute();
  },
  /** The newest answered score of each kind for these conversations (report facts). */
  async latestScores(db: Db, conversationIds: string[]) {
    if (!conversationIds.length) return new Map<string, { csat: number | null; nps: number | null }>();
    const rows = await db
      .selectFrom('surveys')
      .select(['conversation_id', 'kind', 'score', 'answered_at'])
      .where('conversation_id', 'in', conversationIds)
      .where('score', 'is not', null)
      .orderBy('answered_at')
      .execute();
    const out = new Map<string, { csat: number | null; nps: number | null }>();
    for (const r of rows) {
      const e = out.get(r.conversation_id) ?? { csat: null, nps: null };
      e[r.kind === 'nps' ? 'nps' : 'csat'] = Number(r.score);
      out.set(r.conversation_id, e);
    }
    return out;
  },
};
