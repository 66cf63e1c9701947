import { newId, nowIso } from '../../domain/ids';
import type { CustomerMergeTable } from '../schema';
import { parseJson, type Db } from './types';

/**
 * The data side of merging two customers (desk/customer-merge.ts decides and audits): what moves, the record that
 * lets a merge be undone exactly, and putting it back.
 */
export const customerMerges = {
  /** Whether either customer was already merged into another. */
  async eitherMerged(db: Db, a: string, b: string): Promise<boolean> {
    const rows = await db.selectFrom('customers').select('merged_into').where('id', 'in', [a, b]).execute();
    return rows.some((r) => r.merged_into);
  },
  /** Moves the source's identities, conversations and message authorship to the target; returns what moved. */
  async move(
    db: Db,
    sourceId: string,
    targetId: string,
  ): Promise<{ identityIds: string[]; conversationIds: string[] }> {
    const identityIds = (
      await db.selectFrom('customer_identities').select('id').where('customer_id', '=', sourceId).execute()
    ).map((r) => r.id);
    const conversationIds = (
      await db.selectFrom('conversations').select('id').where('customer_id', '=', sourceId).execute()
    ).map((r) => r.id);
    if (identityIds.length)
      await db
        .updateTable('customer_identities')
        .set({ customer_id: targetId })
        .where('id', 'in', identityIds)
        .execute();
    if (conversationIds.length)
      await db.updateTable('conversations').set({ customer_id: targetId }).where('id', 'in', conversationIds).execute();
    await db
      .updateTable('messages')
      .set({ author_id: targetId })
      .where('author_type', '=', 'customer')
      .where('author_id', '=', sourceId)
      .execute();
    return { identityIds, conversationIds };
  },
  /** The source stays, marked as merged into the target (nothing is deleted); the target keeps an email it lacked. */
  async markMerged(db: Db, sourceId: string, targetId: string, emailForTarget: string | null): Promise<void> {
    if (emailForTarget)
      await db.updateTable('customers').set({ email: emailForTarget }).where('id', '=', targetId).execute();
    await db.updateTable('customers').set({ merged_into: targetId }).where('id', '=', sourceId).execute();
  },
  async record(
    db: Db,
    m: {
      workspaceId: string;
      targetId: string;
      sourceId: string;
      identityIds: string[];
      conversationIds: string[];
      by: string;
    },
  ): Promise<string> {
    const id = newId();
    await db
      .insertInto('customer_merges')
      .values({
        id,
        workspace_id: m.workspaceId,
        target_id: m.targetId,
        source_id: m.sourceId,
        identity_ids: JSON.stringify(m.identityIds),
        conversation_ids: JSON.stringify(m.conversationIds),
        merged_by: m.by,
        created_at: nowIso(),
        undone_at: null,
      })
      .execute();
    return id;
  },
  async get(db: Db, workspaceId: string, id: string): Promise<CustomerMergeTable | undefined> {
    return db
      .selectFrom('customer_merges')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
  },
  /** Puts back exactly what the merge moved (identities, conversations, authorship), revives the source, marks it undone. */
  async undo(db: Db, m: CustomerMergeTable): Promise<void> {
    const identityIds = parseJson<string[]>(m.identity_ids, []);
    const conversationIds = parseJson<string[]>(m.conversation_ids, []);
    if (identityIds.length)
      await db
        .updateTable('customer_identities')
        .set({ customer_id: m.source_id })
        .where('id', 'in', identityIds)
        .execute();
    if (conversationIds.length) {
      await db
        .updateTable('conversations')
        .set({ customer_id: m.source_id })
        .where('id', 'in', conversationIds)
        .execute();
      await db
        .updateTable('messages')
        .set({ author_id: m.source_id })
        .where('author_type', '=', 'customer')
        .where('conversation_id', 'in', conversationIds)
        .execute();
    }
    await db.updateTable('customers').set({ merged_into: null }).where('id', '=', m.source_id).execute();
    await db.updateTable('customer_merges').set({ undone_at: nowIso() }).where('id', '=', m.id).execute();
  },
  /** The merges into this customer, newest first, with the merged customer's name (undo buttons). */
  async into(db: Db, targetId: string) {
    const rows = await db
      .selectFrom('customer_merges as m')
      .innerJoin('customers as s', 's.id', 'm.source_id')
      .select(['m.id', 'm.source_id', 's.name', 'm.created_at', 'm.undone_at'])
      .where('m.target_id', '=', targetId)
      .orderBy('m.created_at', 'desc')
      .execute();
    return rows.map((m) => ({
      id: m.id,
      sourceId: m.source_id,
      sourceName: m.name,
      createdAt: m.created_at,
      undoneAt: m.undone_at,
    }));
  },
  /** Unmerged customers with the same email or the same display name (candidates; the desk filters them further). */
  async candidates(db: Db, workspaceId: string, customerId: string, c: { email: string | null; name: string }) {
    return db
      .selectFrom('customers')
      .select(['id', 'name', 'email'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '!=', customerId)
      .where('merged_into', 'is', null)
      .where((eb) => eb.or([...(c.email ? [eb('email', '=', c.email)] : []), eb('name', '=', c.name)]))
      .limit(20)
      .execute();
  },
};
