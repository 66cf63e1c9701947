import { nowIso } from '../../domain/ids';
import { NOT_WAITING } from './conversations';
import type { Db } from './types';

/** The answer bot's reads and claims (desk/answer-bot.ts); `conversations.bot_state` is migration 026's. */
export const answerBot = {
  /** The customer's messages of a conversation, newest first: how many, the newest with its triage and platform meta. */
  async customerMessages(db: Db, conversationId: string) {
    const rows = await db
      .selectFrom('messages')
      .select(['id', 'text', 'triage', 'meta', 'created_at'])
      .where('conversation_id', '=', conversationId)
      .where('kind', '=', 'customer')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return { count: rows.length, last: rows[0], newestFirst: rows };
  },

  /**
   * Claims the conversation for the bot's answer: only while it is open, unowned, unanswered and the bot has not
   * answered it before, so a retried route job (or a colleague who took it meanwhile) never gets a second answer.
   * The conversation then waits on the customer: the answer is a reply, not a human's first response.
   */
  async claimAnswer(db: Db, conversationId: string, at: string): Promise<boolean> {
    const r = await db
      .updateTable('conversations')
      .set({
        bot_state: 'answered',
        bot_answered_at: at,
        status: 'pending',
        pending_since: at,
        waiting_since: null,
        sort_wait: NOT_WAITING,
        last_message_at: at,
        updated_at: nowIso(),
      })
      .where('id', '=', conversationId)
      .where('bot_state', 'is', null)
      .where('status', '=', 'open')
      .where('assignee_id', 'is', null)
      .where('first_response_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** answered → handed_over; false when the bot had not answered or already handed over (once per conversation). */
  async handOver(db: Db, conversationId: string): Promise<boolean> {
    const r = await db
      .updateTable('conversations')
      .set({ bot_state: 'handed_over', updated_at: nowIso() })
      .where('id', '=', conversationId)
      .where('bot_state', '=', 'answered')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** The conversation a tap on the bot's "talk to a person" button comes from: the customer's latest on the channel. */
  async answeredConversationOf(db: Db, channelId: string, customerExternalId: string) {
    return db
      .selectFrom('conversations as cv')
      .innerJoin('customer_identities as ci', 'ci.customer_id', 'cv.customer_id')
      .select(['cv.id', 'cv.workspace_id'])
      .where('ci.channel_id', '=', channelId)
      .where('ci.external_id', '=', customerExternalId)
      .where('cv.channel_id', '=', channelId)
      .where('cv.bot_state', '=', 'answered')
      .orderBy('cv.created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  },

  /** Bot answers and hand-overs among conversations whose bot answer fell in [from, to), optionally on one channel. */
  async counts(db: Db, workspaceId: string, from: string, to: string, channelId?: string) {
    let q = db
      .selectFrom('conversations')
      .select(['bot_state'])
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('workspace_id', '=', workspaceId)
      .where('bot_answered_at', '>=', from)
      .where('bot_answered_at', '<', to);
    if (channelId) q = q.where('channel_id', '=', channelId);
    const rows = await q.groupBy('bot_state').execute();
    const of = (s: string) => Number(rows.find((r) => r.bot_state === s)?.n ?? 0);
    return { answered: of('answered') + of('handed_over'), handedOver: of('handed_over') };
  },
};
