import { newId, nowIso } from '../../domain/ids';
import type { Db } from './types';

import type { ChannelKind } from '../../domain/channel-kinds';
import type { Identity } from '../../contracts/conversations';

export type { Identity } from '../../contracts/conversations';
export interface Customer {
  id: string;
  workspaceId: string;
  name: string;
  email: string | null;
  createdAt: string;
}

export const customers = {
  async get(db: Db, workspaceId: string, id: string): Promise<Customer | undefined> {
    const r = await db
      .selectFrom('customers')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r && { id: r.id, workspaceId: r.workspace_id, name: r.name, email: r.email, createdAt: r.created_at };
  },
  async nameOf(db: Db, id: string): Promise<string | undefined> {
    return (await db.selectFrom('customers').select('name').where('id', '=', id).executeTakeFirst())?.name;
  },
  /** The name to address the customer by in a reply: without a handle's @; null for none or a placeholder (ゲスト …). */
  async addressableName(db: Db, id: string): Promise<string | null> {
    const name = (await this.nameOf(db, id))?.trim().replace(/^@+/, '').trim();
    return name && !isPlaceholderName(name) ? name : null;
  },
  /** What automation rules may test about a customer. */
  async ruleFacts(db: Db, id: string) {
    return db.selectFrom('customers').select(['id', 'tags', 'vip']).where('id', '=', id).executeTakeFirst();
  },
  async identities(db: Db, customerId: string): Promise<Identity[]> {
    const rows = await db
      .selectFrom('customer_identities as i')
      .innerJoin('channels as c', 'c.id', 'i.channel_id')
      .select(['i.channel_id', 'c.kind', 'i.external_id', 'i.handle'])
      .where('i.customer_id', '=', customerId)
      .orderBy('i.created_at')
      .execute();
    return rows.map((r) => ({
      channelId: r.channel_id,
      channelKind: r.kind as ChannelKind,
      externalId: r.external_id,
      handle: r.handle,
    }));
  },
  async byIdentity(db: Db, channelId: string, externalId: string): Promise<Customer | undefined> {
    const r = await db
      .selectFrom('customer_identities as i')
      .innerJoin('customers as c', 'c.id', 'i.customer_id')
      .selectAll('c')
      .where('i.channel_id', '=', channelId)
      .where('i.external_id', '=', externalId)
      .executeTakeFirst();
    return r && { id: r.id, workspaceId: r.workspace_id, name: r.name, email: r.email, createdAt: r.created_at };
  },
  /** Finds the customer behind a channel identity, creating both on first contact. */
  async identify(
    db: Db,
    p: {
      workspaceId: string;
      channelId: string;
      externalId: string;
      name: string;
      handle?: string | null;
      email?: string | null;
    },
  ): Promise<Customer> {
    const existing = await this.byIdentity(db, p.channelId, p.externalId);
    if (existing) {
      if (p.name && existing.name !== p.name && !isPlaceholderName(p.name)) {
        await db.updateTable('customers').set({ name: p.name }).where('id', '=', existing.id).execute();
        existing.name = p.name;
      }
      return existing;
    }
    const now = nowIso();
    const c = { id: newId(), workspace_id: p.workspaceId, name: p.name, email: p.email ?? null, created_at: now };
    await db.insertInto('customers').values(c).execute();
    const added = await db
      .insertInto('customer_identities')
      .values({
        id: newId(),
        customer_id: c.id,
        channel_id: p.channelId,
        external_id: p.externalId,
        handle: p.handle ?? null,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(['channel_id', 'external_id']).doNothing())
      .executeTakeFirst();
    if (Number(added.numInsertedOrUpdatedRows ?? 0n) === 0) {
      // Two first messages of one new customer processed at once (PostgreSQL, several workers): the other job created the
      // identity first. Use its customer rather than failing this job on the unique key and retrying later.
      await db.deleteFrom('customers').where('id', '=', c.id).execute();
      const winner = await this.byIdentity(db, p.channelId, p.externalId);
      if (!winner)
        throw new Error(`Customer identity ${p.externalId} on channel ${p.channelId} is neither new nor stored`);
      return winner;
    }
    return { id: c.id, workspaceId: c.workspace_id, name: c.name, email: c.email, createdAt: now };
  },
};

/** Channels without a real name (anonymous chat visitors) must not overwrite a name the customer gave. */
// `\b` does not follow ゲスト (no word characters on either side), so the end of the word is a space or the end.
export const isPlaceholderName = (name: string) => /^(ゲスト|Guest|Visitor)(\s|$)/i.test(name);
