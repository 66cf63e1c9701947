import type { Approval } from '../../contracts/approvals';
import { newId, nowIso } from '../../domain/ids';
import type { Db } from './types';

const select = (db: Db) =>
  db
    .selectFrom('reply_approvals as r')
    .innerJoin('agents as a', 'a.id', 'r.author_id')
    .leftJoin('agents as v', 'v.id', 'r.reviewer_id')
    .innerJoin('conversations as c', 'c.id', 'r.conversation_id')
    .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
    .innerJoin('channels as ch', 'ch.id', 'c.channel_id')
    .selectAll('r')
    .select([
      'a.display_name as author_name',
      'v.name as reviewer_name',
      'cu.name as customer_name',
      'c.preview as preview',
      'ch.kind as channel_kind',
    ]);

type Row = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;

const toApproval = (r: Row): Approval => ({
  id: r.id,
  conversationId: r.conversation_id,
  author: { id: r.author_id, name: r.author_name },
  text: r.text,
  then: (r.then_action as Approval['then']) ?? null,
  reason: r.reason as Approval['reason'],
  status: r.status as Approval['status'],
  reviewer: r.reviewer_id ? { id: r.reviewer_id, name: r.reviewer_name ?? '' } : null,
  note: r.note,
  createdAt: r.created_at,
  decidedAt: r.decided_at,
  conversation: { customerName: r.customer_name, preview: r.preview, channelKind: r.channel_kind },
});

/** Public replies held for a supervisor (desk setting `approvals`). */
export const approvals = {
  async create(
    db: Db,
    a: {
      workspaceId: string;
      conversationId: string;
      authorId: string;
      text: string;
      then: string | null;
      reason: string;
    },
  ): Promise<string> {
    const id = newId();
    await db
      .insertInto('reply_approvals')
      .values({
        id,
        workspace_id: a.workspaceId,
        conversation_id: a.conversationId,
        author_id: a.authorId,
        text: a.text,
        then_action: a.then,
        reason: a.reason,
        status: 'pending',
        reviewer_id: null,
        note: null,
        message_id: null,
        created_at: nowIso(),
        decided_at: null,
      })
      .execute();
    return id;
  },
  async get(db: Db, workspaceId: string, id: string): Promise<Approval | undefined> {
    const r = await select(db).where('r.workspace_id', '=', workspaceId).where('r.id', '=', id).executeTakeFirst();
    return r && toApproval(r);
  },
  async list(db: Db, workspaceId: string, status: string, limit = 100): Promise<Approval[]> {
    const rows = await select(db)
      .where('r.workspace_id', '=', workspaceId)
      .where('r.status', '=', status)
      .orderBy('r.created_at', status === 'pending' ? 'asc' : 'desc')
      .limit(limit)
      .execute();
    return rows.map(toApproval);
  },
  /** The conversation's newest approval still worth showing: pending, or the last one sent back. */
  async latestFor(db: Db, conversationId: string): Promise<Approval | undefined> {
    const r = await select(db)
      .where('r.conversation_id', '=', conversationId)
      .orderBy('r.created_at', 'desc')
      .executeTakeFirst();
    return r && (r.status === 'pending' || r.status === 'rejected') ? toApproval(r) : undefined;
  },
  async countPending(db: Db, workspaceId: string): Promise<number> {
    const r = await db
      .selectFrom('reply_approvals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  },
  /** Decides a pending approval; false when someone decided it first. */
  async decide(
    db: Db,
    id: string,
    d: {
      status: 'approved' | 'rejected' | 'withdrawn';
      reviewerId: string | null;
      note?: string | null;
      text?: string;
    },
  ): Promise<boolean> {
    const r = await db
      .updateTable('reply_approvals')
      .set({
        status: d.status,
        reviewer_id: d.reviewerId,
        note: d.note ?? null,
        decided_at: nowIso(),
        ...(d.text ? { text: d.text } : {}),
      })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },
  async sent(db: Db, id: string, messageId: string): Promise<void> {
    await db.updateTable('reply_approvals').set({ message_id: messageId }).where('id', '=', id).execute();
  },
};
