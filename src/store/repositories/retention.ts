import type { Db } from './types';

/**
 * Removing customers' words while keeping the conversations for reports: a message's body, its platform data
 * (attachment links, raw ids) and its search-index row; the raw inbound event it came from; a conversation's preview
 * and triage evidence (which quote the customer). Every update skips what is already removed, so each is idempotent.
 */
export const retention = {
  /** Customer messages in the workspace written before `before` whose bodies are still there, oldest first. */
  async messagesDue(db: Db, workspaceId: string, before: string, limit: number): Promise<string[]> {
    const rows = await db
      .selectFrom('messages as m')
      .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
      .select('m.id')
      .where('c.workspace_id', '=', workspaceId)
      .where('m.kind', '=', 'customer')
      .where('m.redacted_at', 'is', null)
      .where('m.created_at', '<', before)
      .orderBy('m.created_at')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  },

  /** The customer's messages whose bodies are still there. */
  async messagesOfCustomer(db: Db, customerId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('messages as m')
      .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
      .select('m.id')
      .where('c.customer_id', '=', customerId)
      .where('m.kind', '=', 'customer')
      .where('m.redacted_at', 'is', null)
      .execute();
    return rows.map((r) => r.id);
  },

  /** Replaces the messages' bodies with `placeholder` (its `meta` says so in both languages); returns how many. */
  async redactMessages(db: Db, ids: string[], placeholder: { text: string; meta: string }, now: string) {
    if (!ids.length) return 0;
    await db
      .updateTable('inbound_events')
      .set({ payload: '{}' })
      .where('id', 'in', db.selectFrom('messages').select('inbound_event_id').where('id', 'in', ids))
      .execute();
    await db.deleteFrom('message_search').where('message_id', 'in', ids).execute();
    const r = await db
      .updateTable('messages')
      .set({ text: placeholder.text, meta: placeholder.meta, triage: null, redacted_at: now })
      .where('id', 'in', ids)
      .where('redacted_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  },

  /** Conversations (of the customer, or last active before `before`) keep their place in reports but not the words. */
  async clearConversationText(
    db: Db,
    where: { customerId: string } | { workspaceId: string; before: string },
    preview: string,
  ) {
    let q = db.updateTable('conversations').set({ preview, triage_reasons: '[]' }).where('preview', '!=', preview);
    q =
      'customerId' in where
        ? q.where('customer_id', '=', where.customerId)
        : q.where('workspace_id', '=', where.workspaceId).where('last_message_at', '<', where.before);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows);
  },

  /** Clears the customer's profile and unlinks their platform identities (a new message starts a new customer). */
  async eraseCustomer(db: Db, customerId: string, name: string, now: string): Promise<boolean> {
    const r = await db
      .updateTable('customers')
      .set({ name, email: null, tags: '[]', vip: 0, erased_at: now })
      .where('id', '=', customerId)
      .where('erased_at', 'is', null)
      .executeTakeFirst();
    const identities = await db
      .selectFrom('customer_identities')
      .select('id')
      .where('customer_id', '=', customerId)
      .where('external_id', 'not like', 'erased:%')
      .execute();
    for (const i of identities)
      await db
        .updateTable('customer_identities')
        .set({ external_id: `erased:${i.id}`, handle: null })
        .where('id', '=', i.id)
        .execute();
    return Number(r.numUpdatedRows) > 0;
  },

  /** A customer of the workspace by id, or by a channel handle or email (the CLI's argument). */
  async findCustomer(db: Db, workspaceId: string | null, idOrHandle: string) {
    let q = db
      .selectFrom('customers as c')
      .leftJoin('customer_identities as i', 'i.customer_id', 'c.id')
      .select(['c.id', 'c.workspace_id', 'c.name', 'c.erased_at'])
      .where((eb) =>
        eb.or([eb('c.id', '=', idOrHandle), eb('i.handle', '=', idOrHandle), eb('c.email', '=', idOrHandle)]),
      )
      .distinct();
    if (workspaceId) q = q.where('c.workspace_id', '=', workspaceId);
    return q.execute();
  },

  /** Workspaces whose retention document is stored (the periodic round reads each one's setting). */
  async workspacesWithSettings(db: Db): Promise<string[]> {
    return (await db.selectFrom('retention_settings').select('workspace_id').execute()).map((r) => r.workspace_id);
  },
};
