import { newId, nowIso } from '../../domain/ids';
import type { InboundEventTable } from '../schema';
import type { Db } from './types';

/** Inserts once per (channel, external id): the new id, or null when that event was recorded before. */
async function insertOnce(db: Db, row: Omit<InboundEventTable, 'id'>): Promise<string | null> {
  const id = newId();
  const r = await db
    .insertInto('inbound_events')
    .values({ id, ...row })
    .onConflict((oc) => oc.columns(['channel_id', 'external_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0 ? id : null;
}

export const inboundEvents = {
  /**
   * Records the raw event once per (channel, external id). Returns the new id, or null when the platform
   * re-delivered an event already recorded.
   */
  async record(
    db: Db,
    e: { channelId: string; externalId: string; kind: string; payload: unknown },
  ): Promise<string | null> {
    return insertOnce(db, {
      channel_id: e.channelId,
      external_id: e.externalId,
      kind: e.kind,
      payload: JSON.stringify(e.payload),
      status: 'received',
      error: null,
      received_at: nowIso(),
      processed_at: null,
    });
  },
  /** An event that was signed but could not be understood: kept with its reason, never processed. */
  async recordFailed(
    db: Db,
    e: { channelId: string; externalId: string; payload: string; error: string },
  ): Promise<string | null> {
    const now = nowIso();
    return insertOnce(db, {
      channel_id: e.channelId,
      external_id: e.externalId,
      kind: 'rejected',
      payload: e.payload,
      status: 'failed',
      error: e.error,
      received_at: now,
      processed_at: now,
    });
  },
  async get(db: Db, id: string): Promise<InboundEventTable | undefined> {
    return db.selectFrom('inbound_events').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async mark(db: Db, id: string, status: 'processed' | 'failed', error: string | null = null): Promise<void> {
    await db
      .updateTable('inbound_events')
      .set({ status, error, processed_at: nowIso() })
      .where('id', '=', id)
      .execute();
  },
  /** For admins: a workspace's inbound events by status (failed ones carry their reason), newest first. */
  async forWorkspace(db: Db, workspaceId: string, status: string, limit: number) {
    return db
      .selectFrom('inbound_events as e')
      .innerJoin('channels as c', 'c.id', 'e.channel_id')
      .select([
        'e.id',
        'e.channel_id',
        'c.kind',
        'c.name',
        'e.external_id',
        'e.status',
        'e.error',
        'e.received_at',
        'e.processed_at',
      ])
      .where('c.workspace_id', '=', workspaceId)
      .where('e.status', '=', status)
      .orderBy('e.received_at', 'desc')
      .limit(limit)
      .execute();
  },
  /** The latest failure on a channel (part of the channel's health). */
  async lastFailure(db: Db, channelId: string) {
    return db
      .selectFrom('inbound_events')
      .select(['error', 'processed_at'])
      .where('channel_id', '=', channelId)
      .where('status', '=', 'failed')
      .orderBy('processed_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  },
  async count(db: Db, channelId: string): Promise<number> {
    const r = await db
      .selectFrom('inbound_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('channel_id', '=', channelId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
};
