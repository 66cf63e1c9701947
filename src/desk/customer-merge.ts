import { conflict, invalid, notFound } from '../domain/errors';
import { newId, nowIso } from '../domain/ids';
import type { Actor } from '../domain/permissions';
import { audit, customers, type Db, byAgent } from '../store/repositories';
import { parseJson } from '../store/repositories/types';

/**
 * One person on several platforms becomes one customer: the source's identities and conversations move to the
 * target. Nothing is deleted — the source stays (marked merged) and the move can be undone.
 */
export async function mergeCustomers(
  db: Db,
  actor: Actor,
  targetId: string,
  sourceId: string,
): Promise<{ mergeId: string }> {
  if (targetId === sourceId) throw invalid('sourceId', 'is the same customer');
  return db.transaction().execute(async (tx) => {
    const target = await customers.get(tx, actor.workspaceId, targetId);
    const source = await customers.get(tx, actor.workspaceId, sourceId);
    if (!target || !source) throw notFound('Customer');
    const merged = await tx
      .selectFrom('customers')
      .select(['id', 'merged_into'])
      .where('id', 'in', [targetId, sourceId])
      .execute();
    if (merged.some((m) => m.merged_into)) throw conflict('One of these customers was already merged into another');
    const identityIds = (
      await tx.selectFrom('customer_identities').select('id').where('customer_id', '=', sourceId).execute()
    ).map((r) => r.id);
    const conversationIds = (
      await tx.selectFrom('conversations').select('id').where('customer_id', '=', sourceId).execute()
    ).map((r) => r.id);
    if (identityIds.length)
      await tx
        .updateTable('customer_identities')
        .set({ customer_id: targetId })
        .where('id', 'in', identityIds)
        .execute();
    if (conversationIds.length)
      await tx.updateTable('conversations').set({ customer_id: targetId }).where('id', 'in', conversationIds).execute();
    await tx
      .updateTable('messages')
      .set({ author_id: targetId })
      .where('author_type', '=', 'customer')
      .where('author_id', '=', sourceId)
      .execute();
    if (!target.email && source.email)
      await tx.updateTable('customers').set({ email: source.email }).where('id', '=', targetId).execute();
    await tx.updateTable('customers').set({ merged_into: targetId }).where('id', '=', sourceId).execute();
    const mergeId = newId();
    await tx
      .insertInto('customer_merges')
      .values({
        id: mergeId,
        workspace_id: actor.workspaceId,
        target_id: targetId,
        source_id: sourceId,
        identity_ids: JSON.stringify(identityIds),
        conversation_ids: JSON.stringify(conversationIds),
        merged_by: actor.agentId,
        created_at: nowIso(),
        undone_at: null,
      })
      .execute();
    await audit.log(tx, {
      workspaceId: actor.workspaceId,
      actor: byAgent(actor),
      action: 'customer.merged',
      target: { type: 'customer', id: targetId },
      detail: { mergeId, sourceId, identities: identityIds.length, conversations: conversationIds.length },
    });
    return { mergeId };
  });
}

/** Puts back exactly what the merge moved (identities, conversations, authorship) and revives the source customer. */
export async function undoMerge(db: Db, actor: Actor, mergeId: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const m = await tx
      .selectFrom('customer_merges')
      .selectAll()
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', mergeId)
      .executeTakeFirst();
    if (!m) throw notFound('Merge');
    if (m.undone_at) throw conflict('This merge was already undone');
    const identityIds = parseJson<string[]>(m.identity_ids, []);
    const conversationIds = parseJson<string[]>(m.conversation_ids, []);
    if (identityIds.length)
      await tx
        .updateTable('customer_identities')
        .set({ customer_id: m.source_id })
        .where('id', 'in', identityIds)
        .execute();
    if (conversationIds.length) {
      await tx
        .updateTable('conversations')
        .set({ customer_id: m.source_id })
        .where('id', 'in', conversationIds)
        .execute();
      await tx
        .updateTable('messages')
        .set({ author_id: m.source_id })
        .where('author_type', '=', 'customer')
        .where('conversation_id', 'in', conversationIds)
        .execute();
    }
    await tx.updateTable('customers').set({ merged_into: null }).where('id', '=', m.source_id).execute();
    await tx.updateTable('customer_merges').set({ undone_at: nowIso() }).where('id', '=', m.id).execute();
    await audit.log(tx, {
      workspaceId: actor.workspaceId,
      actor: byAgent(actor),
      action: 'customer.merge_undone',
      target: { type: 'customer', id: m.target_id },
      detail: { mergeId, sourceId: m.source_id },
    });
  });
}

/** Other customers who are probably the same person: same email, or the same display name on another channel. */
export async function mergeSuggestions(db: Db, workspaceId: string, customerId: string) {
  const c = await customers.get(db, workspaceId, customerId);
  if (!c) throw notFound('Customer');
  const mine = new Set((await customers.identities(db, customerId)).map((i) => i.channelId));
  const rows = await db
    .selectFrom('customers')
    .select(['id', 'name', 'email'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '!=', customerId)
    .where('merged_into', 'is', null)
    .where((eb) => eb.or([...(c.email ? [eb('email', '=', c.email)] : []), eb('name', '=', c.name)]))
    .limit(20)
    .execute();
  const out = [];
  for (const r of rows) {
    const identities = await customers.identities(db, r.id);
    // Same name on the same channel is usually a different person; a shared email is strong evidence anywhere.
    const sameEmail = Boolean(c.email && r.email === c.email);
    if (!sameEmail && identities.every((i) => mine.has(i.channelId))) continue;
    if (/^(ゲスト|Guest|LINEユーザー)/.test(r.name) && !sameEmail) continue;
    out.push({ id: r.id, name: r.name, email: r.email, identities, reason: sameEmail ? 'same_email' : 'same_name' });
  }
  return out;
}
