import { newId, nowIso, randomToken } from '../../domain/ids';
import type { ChannelTable } from '../schema';
import { parseJson, type Db } from './types';
import { inboundEvents } from './inbound-events';

import type { ChannelKind } from '../../domain/channel-kinds';

export { CHANNEL_KINDS, type ChannelKind } from '../../domain/channel-kinds';

export interface Channel {
  id: string;
  workspaceId: string;
  kind: ChannelKind;
  name: string;
  publicKey: string;
  settings: Record<string, unknown>;
  hasCredentials: boolean;
  createdAt: string;
}

const toChannel = (r: ChannelTable): Channel => ({
  id: r.id,
  workspaceId: r.workspace_id,
  kind: r.kind as ChannelKind,
  name: r.name,
  publicKey: r.public_key,
  settings: parseJson(r.settings, {}),
  hasCredentials: r.credentials_enc !== null,
  createdAt: r.created_at,
});

export const channels = {
  async create(
    db: Db,
    c: {
      workspaceId: string;
      kind: ChannelKind;
      name: string;
      settings?: Record<string, unknown>;
      credentialsEnc?: string;
    },
  ): Promise<Channel> {
    const row: ChannelTable = {
      id: newId(),
      workspace_id: c.workspaceId,
      kind: c.kind,
      name: c.name,
      public_key: randomToken(12),
      settings: JSON.stringify(c.settings ?? {}),
      credentials_enc: c.credentialsEnc ?? null,
      created_at: nowIso(),
      deleted_at: null,
    };
    await db.insertInto('channels').values(row).execute();
    return toChannel(row);
  },
  async list(db: Db, workspaceId: string): Promise<Channel[]> {
    const rows = await db
      .selectFrom('channels')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('deleted_at', 'is', null)
      .orderBy('created_at')
      .execute();
    return rows.map(toChannel);
  },
  /** Every channel's name, removed ones too (reports still count their conversations). */
  async names(db: Db, workspaceId: string): Promise<{ id: string; name: string; removed: boolean }[]> {
    const rows = await db
      .selectFrom('channels')
      .select(['id', 'name', 'deleted_at'])
      .where('workspace_id', '=', workspaceId)
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name, removed: r.deleted_at !== null }));
  },
  async get(db: Db, workspaceId: string, id: string): Promise<Channel | undefined> {
    const r = await db
      .selectFrom('channels')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return r && toChannel(r);
  },
  async byId(db: Db, id: string): Promise<Channel | undefined> {
    const r = await db.selectFrom('channels').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toChannel(r);
  },
  /** A connected (not deleted) channel of this kind: what a webhook URL's last segment must name. */
  async live(db: Db, id: string, kind: ChannelKind): Promise<Channel | undefined> {
    const r = await db
      .selectFrom('channels')
      .selectAll()
      .where('id', '=', id)
      .where('kind', '=', kind)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return r && toChannel(r);
  },
  /** Every connected channel of a kind, with its sealed credentials (background work: polling, mailboxes). */
  async liveOfKind(db: Db, kind: ChannelKind): Promise<{ id: string; credentialsEnc: string | null }[]> {
    const rows = await db
      .selectFrom('channels')
      .select(['id', 'credentials_enc'])
      .where('kind', '=', kind)
      .where('deleted_at', 'is', null)
      .execute();
    return rows.map((r) => ({ id: r.id, credentialsEnc: r.credentials_enc }));
  },
  /** Merges `patch` into the channel's settings (e.g. X polling cursors), reading and writing the stored JSON. */
  async patchSettings(db: Db, id: string, patch: Record<string, unknown>): Promise<void> {
    const r = await db.selectFrom('channels').select('settings').where('id', '=', id).executeTakeFirst();
    const settings = { ...parseJson<Record<string, unknown>>(r?.settings ?? null, {}), ...patch };
    await db
      .updateTable('channels')
      .set({ settings: JSON.stringify(settings) })
      .where('id', '=', id)
      .execute();
  },
  async byPublicKey(db: Db, publicKey: string): Promise<Channel | undefined> {
    const r = await db
      .selectFrom('channels')
      .selectAll()
      .where('public_key', '=', publicKey)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return r && toChannel(r);
  },
  async setCredentials(db: Db, id: string, sealed: string): Promise<void> {
    await db.updateTable('channels').set({ credentials_enc: sealed }).where('id', '=', id).execute();
  },
  /** The oldest web chat channel's public key (the demo page opens it when no channel is named). */
  async firstWebchatKey(db: Db): Promise<string | undefined> {
    const r = await db
      .selectFrom('channels')
      .select('public_key')
      .where('kind', '=', 'webchat')
      .where('deleted_at', 'is', null)
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst();
    return r?.public_key;
  },
  /** When the channel last received an event, and its latest failure in or out (newest of the two). */
  async health(db: Db, id: string): Promise<{ lastEventAt: string | null; lastError: string | null }> {
    const ev = await db
      .selectFrom('inbound_events')
      .select('received_at')
      .where('channel_id', '=', id)
      .orderBy('received_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    const failedIn = await inboundEvents.lastFailure(db, id);
    const failedOut = await db
      .selectFrom('outbox')
      .select(['last_error', 'updated_at'])
      .where('channel_id', '=', id)
      .where('status', '=', 'failed')
      .orderBy('updated_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    const lastError =
      [
        failedIn && { at: failedIn.processed_at ?? '', e: failedIn.error },
        failedOut && { at: failedOut.updated_at, e: failedOut.last_error },
      ]
        .filter(Boolean)
        .sort((a, b) => (a!.at < b!.at ? 1 : -1))[0]?.e ?? null;
    return { lastEventAt: ev?.received_at ?? null, lastError };
  },
  async credentials(db: Db, id: string): Promise<string | null> {
    const r = await db.selectFrom('channels').select('credentials_enc').where('id', '=', id).executeTakeFirst();
    return r?.credentials_enc ?? null;
  },
  /** Soft delete: its conversations and history stay readable. */
  async remove(db: Db, workspaceId: string, id: string): Promise<boolean> {
    const r = await db
      .updateTable('channels')
      .set({ deleted_at: nowIso() })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },
};
