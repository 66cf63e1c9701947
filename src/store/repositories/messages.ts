import type { Localized } from '../../texts/localized';
import { newId } from '../../domain/ids';
import type { MessageTable, OutboxTable } from '../schema';
import { searchTokens } from '../../search/tokens';
import { searchRows } from './search-index';
import { isPostgres, parseJson, type Db } from './types';

export type MessageKind = 'customer' | 'reply' | 'note' | 'system';
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface Message {
  id: string;
  conversationId: string;
  kind: MessageKind;
  text: string;
  author: { type: 'customer' | 'agent' | 'system'; id: string | null; name: string };
  createdAt: string;
  clientMessageId: string | null;
  delivery: { status: DeliveryStatus; error: string | null; attempts: number } | null;
  /** Koe's own lines in both languages (the viewer's is shown); null for people's messages. */
  localized: Localized | null;
  /** Spam or troll, as triage judged this customer message. */
  flag: 'spam' | 'troll' | null;
}

type Row = MessageTable & {
  delivery_status: string | null;
  delivery_error: string | null;
  delivery_attempts: number | null;
};

const toMessage = (r: Row): Message => ({
  id: r.id,
  conversationId: r.conversation_id,
  kind: r.kind as MessageKind,
  text: r.text,
  author: { type: r.author_type as Message['author']['type'], id: r.author_id, name: r.author_name },
  createdAt: r.created_at,
  clientMessageId: r.client_message_id,
  localized: localizedOf(r),
  flag: flagOf(r),
  delivery: r.delivery_status
    ? {
        status: r.delivery_status as DeliveryStatus,
        error: r.delivery_error,
        attempts: Number(r.delivery_attempts ?? 0),
      }
    : null,
});

/** The spam or troll flag triage gave a customer message (its stored verdict). */
function flagOf(r: Row): 'spam' | 'troll' | null {
  if (r.kind !== 'customer' || !r.triage) return null;
  const flags = parseJson<{ flags?: { spam?: boolean; troll?: boolean } } | null>(r.triage, null)?.flags;
  return flags?.spam ? 'spam' : flags?.troll ? 'troll' : null;
}

function localizedOf(r: Row): Localized | null {
  const meta = parseJson<{ localized?: Localized; redacted?: boolean } | null>(r.meta, null);
  // A customer's message shows its own words; once removed (retention, erasure), the notice in the viewer's language.
  if (r.kind !== 'system' && r.kind !== 'note' && !meta?.redacted) return null;
  const l = meta?.localized;
  return l && typeof l.ja === 'string' && typeof l.en === 'string' ? { ja: l.ja, en: l.en } : null;
}

function withDelivery(db: Db) {
  return db
    .selectFrom('messages as m')
    .leftJoin('outbox as o', 'o.message_id', 'm.id')
    .selectAll('m')
    .select(['o.status as delivery_status', 'o.last_error as delivery_error', 'o.attempts as delivery_attempts']);
}

export interface NewMessage {
  conversationId: string;
  kind: MessageKind;
  text: string;
  authorType: 'customer' | 'agent' | 'system' | 'bot';
  authorId: string | null;
  authorName: string;
  createdAt: string;
  inboundEventId?: string;
  clientMessageId?: string | null;
  meta?: Record<string, unknown> | null;
}

export const messages = {
  async create(db: Db, m: NewMessage): Promise<string> {
    const id = newId();
    await db
      .insertInto('messages')
      .values({
        id,
        conversation_id: m.conversationId,
        kind: m.kind,
        text: m.text,
        author_type: m.authorType,
        author_id: m.authorId,
        author_name: m.authorName,
        inbound_event_id: m.inboundEventId ?? null,
        client_message_id: m.clientMessageId ?? null,
        created_at: m.createdAt,
        meta: m.meta ? JSON.stringify(m.meta) : null,
      })
      .execute();
    // Indexed in the same transaction: what was written can be found.
    if (m.kind !== 'system')
      await searchRows(isPostgres(db), [
        { messageId: id, createdAt: m.createdAt, tokens: searchTokens(m.text) },
      ]).execute(db);
    return id;
  },
  /**
   * A line Koe itself writes into the thread (an assignment, an escalation, a hand-back, an incident link), kept in
   * both languages so each agent reads it in theirs; `text` holds the Japanese for search and older clients.
   */
  async system(db: Db, conversationId: string, text: Localized, at: string): Promise<string> {
    return this.create(db, {
      conversationId,
      kind: 'system',
      text: text.ja,
      authorType: 'system',
      authorId: null,
      authorName: 'Koe',
      createdAt: at,
      meta: { localized: text },
    });
  },
  /** Every customer message of these conversations, oldest first per conversation (in batches of 500 ids). */
  async customerTextsOf(db: Db, conversationIds: string[]) {
    const out: { conversation_id: string; text: string; triage: string | null }[] = [];
    for (let i = 0; i < conversationIds.length; i += 500) {
      const rows = await db
        .selectFrom('messages')
        .select(['conversation_id', 'text', 'triage'])
        .where('conversation_id', 'in', conversationIds.slice(i, i + 500))
        .where('kind', '=', 'customer')
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      out.push(...rows);
    }
    return out;
  },
  /** A conversation's latest customer messages, newest first: what triage reads of the thread (bounded however long). */
  async recentCustomerTexts(db: Db, conversationId: string, limit: number) {
    return db
      .selectFrom('messages')
      .select(['id', 'text', 'created_at'])
      .where('conversation_id', '=', conversationId)
      .where('kind', '=', 'customer')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  },
  /** Customer messages with platform meta, newest first (the inbox looks for the latest public one). */
  async recentCustomerMetas(db: Db, conversationId: string, limit = 50) {
    return db
      .selectFrom('messages')
      .select(['id', 'meta'])
      .where('conversation_id', '=', conversationId)
      .where('kind', '=', 'customer')
      .where('meta', 'is not', null)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  },
  /** The raw row fields a platform action needs (kind, conversation, raw meta text). */
  async rawMeta(db: Db, id: string) {
    return db
      .selectFrom('messages')
      .select(['id', 'conversation_id', 'kind', 'meta'])
      .where('id', '=', id)
      .executeTakeFirst();
  },
  /**
   * Replaces the meta only if it still is `before` (the raw column value): two requests changing one message's meta
   * cannot overwrite each other. False when another got there first.
   */
  async swapMeta(db: Db, id: string, before: string | null, after: Record<string, unknown>): Promise<boolean> {
    let q = db
      .updateTable('messages')
      .set({ meta: JSON.stringify(after) })
      .where('id', '=', id);
    q = before === null ? q.where('meta', 'is', null) : q.where('meta', '=', before);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },
  async setTriage(db: Db, id: string, verdict: unknown): Promise<void> {
    await db
      .updateTable('messages')
      .set({ triage: JSON.stringify(verdict) })
      .where('id', '=', id)
      .execute();
  },
  async get(db: Db, id: string): Promise<Message | undefined> {
    const r = await withDelivery(db).where('m.id', '=', id).executeTakeFirst();
    return r && toMessage(r as Row);
  },
  async byInboundEvent(db: Db, inboundEventId: string): Promise<Message | undefined> {
    const r = await withDelivery(db).where('m.inbound_event_id', '=', inboundEventId).executeTakeFirst();
    return r && toMessage(r as Row);
  },
  async forConversation(
    db: Db,
    conversationId: string,
    opts: { includeNotes: boolean } = { includeNotes: true },
  ): Promise<Message[]> {
    let q = withDelivery(db).where('m.conversation_id', '=', conversationId);
    if (!opts.includeNotes) q = q.where('m.kind', 'in', ['customer', 'reply']);
    const rows = await q.orderBy('m.created_at').orderBy('m.id').execute();
    return rows.map((r) => toMessage(r as Row));
  },
  /** Whether a public follow-up (meta.followUp) was written in this conversation since `since`. */
  async followUpSince(db: Db, conversationId: string, since: string): Promise<boolean> {
    const rows = await db
      .selectFrom('messages')
      .select('meta')
      .where('conversation_id', '=', conversationId)
      .where('kind', '=', 'reply')
      .where('created_at', '>=', since)
      .execute();
    return rows.some((r) => parseJson<{ followUp?: boolean } | null>(r.meta, null)?.followUp === true);
  },
  /** Replies the workspace sent in other conversations since `since`, newest first (the copy-paste check). */
  async repliesElsewhere(db: Db, workspaceId: string, exceptConversationId: string, since: string, limit = 300) {
    const rows = await db
      .selectFrom('messages as m')
      .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
      .select(['m.text', 'm.created_at'])
      .where('m.kind', '=', 'reply')
      .where('m.created_at', '>=', since)
      .where('c.workspace_id', '=', workspaceId)
      .where('m.conversation_id', '!=', exceptConversationId)
      .orderBy('m.created_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => r.text);
  },
  /** The newest customer message of a conversation with its platform meta: what a reply answers. */
  async lastInbound(
    db: Db,
    conversationId: string,
    /** Only messages from before this time (what a reply written then answers). */
    before?: string,
  ): Promise<{ id: string; text: string; meta: Record<string, unknown>; createdAt: string } | undefined> {
    const r = await db
      .selectFrom('messages')
      .select(['id', 'text', 'meta', 'created_at'])
      .where('conversation_id', '=', conversationId)
      .where('kind', '=', 'customer')
      .$if(before !== undefined, (qb) => qb.where('created_at', '<=', before!))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return (
      r && {
        id: r.id,
        text: r.text,
        meta: r.meta ? (JSON.parse(r.meta) as Record<string, unknown>) : {},
        createdAt: r.created_at,
      }
    );
  },
  /** The newest reply the customer has or will have (a failed one never reached them): what a new draft may repeat. */
  async latestReply(db: Db, conversationId: string): Promise<Message | undefined> {
    const r = await withDelivery(db)
      .where('m.conversation_id', '=', conversationId)
      .where('m.kind', '=', 'reply')
      .where((eb) => eb.or([eb('o.status', 'is', null), eb('o.status', '!=', 'failed')]))
      .orderBy('m.created_at', 'desc')
      .orderBy('m.id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r && toMessage(r as Row);
  },
  /** What the customer sees on a channel: their messages and delivered-or-pending replies, never notes. */
  async visibleToCustomer(db: Db, customerId: string, channelId: string, limit = 200): Promise<Message[]> {
    const rows = await withDelivery(db)
      .innerJoin('conversations as cv', 'cv.id', 'm.conversation_id')
      .where('cv.customer_id', '=', customerId)
      .where('cv.channel_id', '=', channelId)
      .where('m.kind', 'in', ['customer', 'reply'])
      .orderBy('m.created_at', 'desc')
      .orderBy('m.id', 'desc')
      .limit(limit)
      .execute();
    return rows.reverse().map((r) => toMessage(r as Row));
  },
};

export const outbox = {
  async create(db: Db, o: { messageId: string; channelId: string; at: string }): Promise<string> {
    const id = newId();
    await db
      .insertInto('outbox')
      .values({
        id,
        message_id: o.messageId,
        channel_id: o.channelId,
        idempotency_key: `koe-${o.messageId}`,
        status: 'pending',
        attempts: 0,
        last_error: null,
        external_id: null,
        created_at: o.at,
        updated_at: o.at,
        sent_at: null,
      })
      .execute();
    return id;
  },
  /** Outbox entries per delivery status (metrics). */
  async countsByStatus(db: Db): Promise<Record<string, number>> {
    const rows = await db
      .selectFrom('outbox')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  },
  /** Whether another reply in the conversation, written since `since`, was sent or is being sent (LINE reply tokens work once). */
  async otherSentSince(db: Db, conversationId: string, exceptMessageId: string, since: string): Promise<boolean> {
    const r = await db
      .selectFrom('outbox as o')
      .innerJoin('messages as m', 'm.id', 'o.message_id')
      .select('o.id')
      .where('m.conversation_id', '=', conversationId)
      .where('m.id', '!=', exceptMessageId)
      .where('o.status', 'in', ['sent', 'sending'])
      .where('m.created_at', '>=', since)
      .limit(1)
      .executeTakeFirst();
    return Boolean(r);
  },
  async get(db: Db, id: string): Promise<OutboxTable | undefined> {
    return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async byMessage(db: Db, messageId: string): Promise<OutboxTable | undefined> {
    return db.selectFrom('outbox').selectAll().where('message_id', '=', messageId).executeTakeFirst();
  },
  async update(db: Db, id: string, set: Partial<OutboxTable>): Promise<void> {
    await db
      .updateTable('outbox')
      .set({ ...set, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
  },
};
