import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { deskTexts } from '../../texts/desk-texts';
import { conflict, DomainError, notFound } from '../../domain/errors';
import { retryReply, writeReply } from '../../desk/replies';
import { sendReply } from '../../desk/send-reply';
import { topics } from '../../realtime/bus';
import { audit, conversations, customers, escalations, messages, byAgent } from '../../store/repositories';
import { authOf, guard } from '../auth';
import type { Koe } from '../context';
import { IdParams, Items, NoContent, Page } from '../../contracts/common';
import {
  ComposeCheckBody,
  ComposeCheckSchema,
  ContinuePrivatelyBody,
  PublicFollowUpBody,
  ConversationChangeSchema,
  ConversationCountsSchema,
  ConversationListQuery,
  ConversationItemSchema,
  ConversationSchema,
  ConversationViewersSchema,
  MessageSchema,
  ViewingBody,
  ReplyBody,
} from '../../contracts/conversations';
import { deskSettings } from '../../desk/settings';
import { updateConversation } from '../../desk/conversation-update';
import { replyWarnings } from '../../desk/reply-warnings';
import { HeldReplySchema } from '../../contracts/approvals';
import { conversationRef } from '../../domain/reply-variables';
import { approvals } from '../../store/repositories';
import { replyContext } from '../../desk/reply-context';
import { xWeightedLength } from '../../channels/x/weighted-length';
import { slaOfItem } from '../../desk/sla-view';
import { parseJson } from '../../store/repositories/types';

export const conversationRoutes =
  (koe: Koe): FastifyPluginAsyncZod =>
  async (app) => {
    /** The conversation and where a reply in it would go (404 when it is not this workspace's). */
    const withReplyContext = async (workspaceId: string, id: string) => {
      const row = await conversations.row(koe.db, workspaceId, id);
      if (!row) throw notFound('Conversation');
      return { row, ctx: await replyContext(koe.db, row) };
    };
    const updateDeps = koe.conversationDeps;

    app.get(
      '/api/conversations',
      {
        preHandler: guard(),
        schema: {
          tags: ['conversations'],
          summary: 'Inbox: sorted by priority, then longest waiting',
          querystring: ConversationListQuery,
          response: { 200: Page(ConversationItemSchema) },
        },
      },
      async (req) => {
        const { agent } = authOf(req);
        const q = req.query;
        const page = await conversations.list(koe.db, agent.workspaceId, {
          ...q,
          channelId: q.channel,
          teamId: q.team,
          meId: agent.id,
        });
        const settings = await deskSettings.get(koe.db, agent.workspaceId);
        const now = new Date();
        return { ...page, items: page.items.map((i) => ({ ...i, sla: slaOfItem(i, settings, now) })) };
      },
    );

    app.get(
      '/api/conversations/counts',
      {
        preHandler: guard(),
        schema: {
          tags: ['conversations'],
          summary: 'Counts per inbox view',
          response: { 200: ConversationCountsSchema },
        },
      },
      async (req) => {
        const { agent } = authOf(req);
        return conversations.counts(koe.db, agent.workspaceId, agent.id);
      },
    );

    // Collision control: who has which conversation open, and who is typing (realtime/viewers.ts).
    app.get(
      '/api/conversations/viewers',
      {
        preHandler: guard(),
        schema: {
          tags: ['conversations'],
          summary: 'Conversations open in an agent’s tab right now, with who is typing',
          response: { 200: Items(ConversationViewersSchema) },
        },
      },
      async (req) => ({ items: koe.viewers.inWorkspace(authOf(req).agent.workspaceId) }),
    );

    app.put(
      '/api/conversations/:id/viewing',
      {
        preHandler: guard(),
        schema: {
          tags: ['conversations'],
          summary: 'I have this conversation open (and whether I am typing); repeat every few seconds',
          params: IdParams,
          body: ViewingBody,
          response: { 204: NoContent },
        },
      },
      async (req, reply) => {
        const { agent } = authOf(req);
        if (!(await conversations.row(koe.db, agent.workspaceId, req.params.id))) throw notFound('Conversation');
        koe.viewers.touch(agent.workspaceId, req.params.id, { id: agent.id, name: agent.name }, req.body.typing);
        return reply.status(204).send();
      },
    );

    app.delete(
      '/api/conversations/:id/viewing',
      {
        preHandler: guard(),
        schema: {
          tags: ['conversations'],
          summary: 'I closed this conversation (or its tab)',
          params: IdParams,
          response: { 204: NoContent },
        },
      },
      async (req, reply) => {
        koe.viewers.leave(req.params.id, authOf(req).agent.id);
        return reply.status(204).send();
      },
    );

    /** A conversation with its customer's identities and the triage reasons behind its level and priority. */
    const detail = async (workspaceId: string, id: string) => {
      const item = await conversations.item(koe.db, workspaceId, id);
      if (!item) throw notFound('Conversation');
      const row = (await conversations.row(koe.db, workspaceId, id))!;
      const c = (await customers.get(koe.db, workspaceId, item.customer.id))!;
      const found = await escalations.forConversation(koe.db, id);
      return {
        ...item,
        reasons: parseJson(row.triage_reasons, []),
        sla: slaOfItem(item, await deskSettings.get(koe.db, workspaceId)),
        escalations: found,
        openEscalation: found.find((e) => e.status === 'open' || e.status === 'accepted') ?? null,
        approval: (await approvals.latestFor(koe.db, id)) ?? null,
        reference: conversationRef(id),
        replyContext: await replyContext(koe.db, row),
        customer: { id: c.id, name: c.name, email: c.email, identities: await customers.identities(koe.db, c.id) },
      };
    };

    app.get(
      '/api/conversations/:id',
      {
        preHandler: guard(),
        schema: { tags: ['conversations'], params: IdParams, response: { 200: ConversationSchema } },
      },
      async (req) => detail(authOf(req).agent.workspaceId, req.params.id),
    );

    app.patch(
      '/api/conversations/:id',
      {
        preHandler: guard(),
        schema: {
          tags: ['conversations'],
          summary: 'Change status, assignee, tags, level or priority',
          params: IdParams,
          body: ConversationChangeSchema,
          response: { 200: ConversationSchema },
        },
      },
      async (req) => {
        const { actor } = authOf(req);
        const changed = await updateConversation(updateDeps, actor, req.params.id, req.body);
        const updated = await detail(actor.workspaceId, req.params.id);
        if (changed)
          koe.bus.publish(topics.workspace(actor.workspaceId), {
            type: 'conversation.updated',
            data: {
              ...updated,
              reasons: undefined,
              escalations: undefined,
              openEscalation: undefined,
              approval: undefined,
              reference: undefined,
              replyContext: undefined,
            },
          });
        return updated;
      },
    );

    app.get(
      '/api/conversations/:id/messages',
      {
        preHandler: guard(),
        schema: { tags: ['conversations'], params: IdParams, response: { 200: Items(MessageSchema) } },
      },
      async (req) => {
        const { agent } = authOf(req);
        if (!(await conversations.row(koe.db, agent.workspaceId, req.params.id))) throw notFound('Conversation');
        return { items: await messages.forConversation(koe.db, req.params.id) };
      },
    );

    app.post(
      '/api/conversations/:id/messages',
      {
        preHandler: guard(),
        schema: {
          tags: ['conversations'],
          summary:
            'Reply to the customer on the same channel (and resolve or set pending), or add a private note; ' +
            'a reply takes an unassigned conversation; a public reply the approval rule covers is held (202)',
          params: IdParams,
          body: ReplyBody,
          response: { 201: MessageSchema, 202: HeldReplySchema },
        },
      },
      async (req, reply) => {
        const { actor } = authOf(req);
        // Soft lock (desk setting): a colleague is typing here; the agent confirms before replying over them.
        if (!req.body.private && !req.body.force) {
          const typing = koe.viewers
            .of(req.params.id)
            .filter((v) => v.typing && v.id !== actor.agentId)
            .map((v) => v.name);
          if (typing.length && (await deskSettings.get(koe.db, actor.workspaceId)).collision.softLock)
            throw new DomainError(
              'conflict',
              `${typing.join(', ')} is writing a reply in this conversation; send anyway only if you mean to`,
              undefined,
              'soft_locked',
            );
        }
        const sent = await sendReply(updateDeps, actor, req.params.id, req.body);
        // Held for a supervisor (desk setting approvals): 202 with the approval; nothing reached the customer.
        if ('approval' in sent) return reply.status(202).send(sent);
        return reply.status(201).send(sent.message);
      },
    );

    app.post(
      '/api/conversations/:id/compose-check',
      {
        preHandler: guard(),
        schema: {
          tags: ['conversations'],
          summary: 'Check a draft reply against the channel: where it goes and whether it fits',
          params: IdParams,
          body: ComposeCheckBody,
          response: { 200: ComposeCheckSchema },
        },
      },
      async (req) => {
        const { agent } = authOf(req);
        const row = await conversations.row(koe.db, agent.workspaceId, req.params.id);
        if (!row) throw notFound('Conversation');
        const ctx = await replyContext(koe.db, row);
        const text = req.body.text;
        const settings = await deskSettings.get(koe.db, agent.workspaceId);
        const length = ctx.limit.weighted
          ? xWeightedLength(text)
          : ctx.limit.unit === 'bytes'
            ? Buffer.byteLength(text, 'utf8')
            : [...text].length;
        return {
          warnings: await replyWarnings(koe.db, row, text, agent, ctx, settings),
          goes: ctx.replyGoes,
          length,
          max: ctx.limit.max,
          unit: ctx.limit.unit,
          weighted: ctx.limit.weighted,
          fits: length <= ctx.limit.max,
        };
      },
    );

    app.post(
      '/api/conversations/:id/public-follow-up',
      {
        preHandler: guard(),
        schema: {
          tags: ['conversations'],
          summary: 'After a complaint moved to DMs is resolved: reply once more on the original public post',
          params: IdParams,
          body: PublicFollowUpBody,
          response: { 201: MessageSchema },
        },
      },
      async (req, reply) => {
        const { actor } = authOf(req);
        const { row, ctx } = await withReplyContext(actor.workspaceId, req.params.id);
        if (!ctx.publicFollowUp)
          throw new DomainError(
            'conflict',
            'A public follow-up is offered once a conversation moved from a public post to DMs is resolved, and only once',
            undefined,
            'no_public_follow_up',
          );
        const m = await writeReply(koe.outbound, actor, row.id, req.body.text, false, {
          followUpTo: ctx.publicFollowUp.messageId,
        });
        return reply.status(201).send(m);
      },
    );

    app.post(
      '/api/conversations/:id/continue-privately',
      {
        preHandler: guard(),
        schema: {
          tags: ['conversations'],
          summary: 'Move a public thread to direct messages on the same platform, with a first private message',
          params: IdParams,
          body: ContinuePrivatelyBody,
          response: { 201: MessageSchema },
        },
      },
      async (req, reply) => {
        const { actor } = authOf(req);
        const { row, ctx } = await withReplyContext(actor.workspaceId, req.params.id);
        if (!ctx.canContinuePrivately) {
          throw conflict(
            ctx.replyMode === 'dm'
              ? 'This conversation already continues in direct messages'
              : `The customer's last message on ${ctx.channelKind} is already private`,
          );
        }
        await koe.db.transaction().execute(async (tx) => {
          await conversations.update(tx, row.id, { reply_mode: 'dm' });
          // Dated a moment before the first private message so the thread reads in order.
          await messages.system(tx, row.id, deskTexts.movedToDm(actor.name), new Date(Date.now() - 1).toISOString());
          await audit.log(tx, {
            workspaceId: actor.workspaceId,
            actor: byAgent(actor),
            action: 'conversation.moved_to_dm',
            target: { type: 'conversation', id: row.id },
            detail: { channel: ctx.channelKind },
          });
        });
        const m = await writeReply(koe.outbound, actor, row.id, req.body.text, false, { via: 'dm' });
        return reply.status(201).send(m);
      },
    );

    app.post(
      '/api/messages/:id/retry',
      {
        preHandler: guard(),
        schema: {
          tags: ['conversations'],
          summary: 'Send a failed reply again',
          params: IdParams,
          response: { 202: MessageSchema },
        },
      },
      async (req, reply) => {
        const m = await retryReply(koe.outbound, authOf(req).actor, req.params.id);
        return reply.status(202).send(m);
      },
    );
  };
