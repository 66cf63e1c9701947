import { newId } from '../../domain/ids';
import type { Db } from './types';
import { messages } from './messages';

/** One past conversation, written as it happened (the sandbox's seeded history; nothing else writes the past). */
export interface PastConversation {
  workspaceId: string;
  channelId: string;
  customer: { name: string; externalId: string; handle: string | null; email: string | null };
  createdAt: string;
  text: string;
  visibility: 'public' | 'private';
  level: number;
  priority: number;
  sentiment: string;
  categories: string[];
  flag: string | null;
  teamId: string | null;
  reply: { agentId: string; agentName: string; text: string; at: string } | null;
  resolvedAt: string | null;
  escalation: { fromLevel: number; toLevel: number; at: string; acceptedAt: string; agentId: string } | null;
  survey: {
    kind: 'csat';
    score: number;
    comment: string | null;
    askedAt: string;
    answeredAt: string;
    lang: string;
  } | null;
}

export const history = {
  /** Writes the customer (new), the conversation, its messages, escalation and survey; returns the conversation id. */
  async insert(db: Db, p: PastConversation): Promise<string> {
    const customerId = newId();
    const id = newId();
    const status = p.flag ? 'closed' : p.resolvedAt ? 'resolved' : p.reply ? 'pending' : 'open';
    const last = p.resolvedAt ?? p.reply?.at ?? p.createdAt;
    await db
      .insertInto('customers')
      .values({
        id: customerId,
        workspace_id: p.workspaceId,
        name: p.customer.name,
        email: p.customer.email,
        created_at: p.createdAt,
      })
      .execute();
    await db
      .insertInto('customer_identities')
      .values({
        id: newId(),
        customer_id: customerId,
        channel_id: p.channelId,
        external_id: p.customer.externalId,
        handle: p.customer.handle,
        created_at: p.createdAt,
      })
      .execute();
    await db
      .insertInto('conversations')
      .values({
        id,
        workspace_id: p.workspaceId,
        channel_id: p.channelId,
        customer_id: customerId,
        status,
        level: p.level,
        priority: p.priority,
        sentiment: p.sentiment,
        categories: JSON.stringify(p.categories),
        tags: '[]',
        assignee_id: p.reply?.agentId ?? null,
        team_id: p.teamId,
        preview: p.text.slice(0, 140),
        last_message_at: last,
        last_customer_message_at: p.createdAt,
        waiting_since: p.reply || p.flag ? null : p.createdAt,
        sort_wait: p.reply || p.flag ? '9999-12-31T23:59:59.999Z' : p.createdAt,
        first_response_at: p.reply?.at ?? null,
        resolved_at: p.resolvedAt,
        pending_since: status === 'pending' ? p.reply!.at : null,
        created_at: p.createdAt,
        updated_at: last,
        flag: p.flag,
        triage_reasons: '[]',
      })
      .execute();
    await messages.create(db, {
      conversationId: id,
      kind: 'customer',
      text: p.text,
      authorType: 'customer',
      authorId: null,
      authorName: p.customer.name,
      createdAt: p.createdAt,
      meta: { visibility: p.visibility },
    });
    if (p.escalation)
      await db
        .insertInto('escalations')
        .values({
          id: newId(),
          workspace_id: p.workspaceId,
          conversation_id: id,
          direction: 'up',
          from_agent_id: null,
          from_level: p.escalation.fromLevel,
          to_level: p.escalation.toLevel,
          to_team_id: null,
          to_agent_id: null,
          note: '',
          status: 'resolved',
          created_at: p.escalation.at,
          accepted_at: p.escalation.acceptedAt,
          accepted_by: p.escalation.agentId,
          resolved_at: p.resolvedAt,
        })
        .execute();
    if (p.reply)
      await messages.create(db, {
        conversationId: id,
        kind: 'reply',
        text: p.reply.text,
        authorType: 'agent',
        authorId: p.reply.agentId,
        authorName: p.reply.agentName,
        createdAt: p.reply.at,
      });
    if (p.survey && p.resolvedAt)
      await db
        .insertInto('surveys')
        .values({
          id: newId(),
          workspace_id: p.workspaceId,
          conversation_id: id,
          customer_id: customerId,
          channel_id: p.channelId,
          kind: p.survey.kind,
          agent_id: p.reply?.agentId ?? null,
          team_id: p.teamId,
          language: p.survey.lang,
          resolution_at: p.resolvedAt,
          asked_at: p.survey.askedAt,
          answered_at: p.survey.answeredAt,
          score: p.survey.score,
          comment: p.survey.comment,
        })
        .execute();
    return id;
  },
  /** Whether the workspace has any conversation begun before `before` (history is seeded into a fresh desk only). */
  async hasConversationsBefore(db: Db, workspaceId: string, before: string): Promise<boolean> {
    const r = await db
      .selectFrom('conversations')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('created_at', '<', before)
      .limit(1)
      .executeTakeFirst();
    return Boolean(r);
  },
};
