import type { MergeSuggestion } from '../contracts/customers';
import { conflict, invalid, notFound } from '../domain/errors';
import type { Actor } from '../domain/permissions';
import { audit, byAgent, customerMerges, customers, type Db } from '../store/repositories';

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
    if (await customerMerges.eitherMerged(tx, targetId, sourceId)) {
      throw conflict('One of these customers was already merged into another');
    }
    const { identityIds, conversationIds } = await customerMerges.move(tx, sourceId, targetId);
    await customerMerges.markMerged(tx, sourceId, targetId, !target.email && source.email ? source.email : null);
    const mergeId = await customerMerges.record(tx, {
      workspaceId: actor.workspaceId,
      targetId,
      sourceId,
      identityIds,
      conversationIds,
      by: actor.agentId,
    });
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
    const m = await customerMerges.get(tx, actor.workspaceId, mergeId);
    if (!m) throw notFound('Merge');
    if (m.undone_at) throw conflict('This merge was already undone');
    await customerMerges.undo(tx, m);
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
export async function mergeSuggestions(db: Db, workspaceId: string, customerId: string): Promise<MergeSuggestion[]> {
  const c = await customers.get(db, workspaceId, customerId);
  if (!c) throw notFound('Customer');
  const mine = new Set((await customers.identities(db, customerId)).map((i) => i.channelId));
  const rows = await customerMerges.candidates(db, workspaceId, customerId, c);
  const out: MergeSuggestion[] = [];
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
