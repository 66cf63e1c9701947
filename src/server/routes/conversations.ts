import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertTransition, CONVERSATION_STATUSES, type ConversationStatus } from '../../domain/conversation-status';
import { forbidden, invalid, notFound } from '../../domain/errors';
import { nowIso } from '../../domain/ids';
import { canAssign } from '../../domain/permissions';
import { retryReply, writeReply } from '../../outbound/replies';
import { topics } from '../../realtime/bus';
import { agents, audit, conversations, customers, messages } from '../../store/repositories';
import type { ConversationTable } from '../../store/schema';
import { authOf, guard } from '../auth';
import type { Koe } from '../context';
import { IdParams } from './dto';

const ListQuery = z.object({
  view: z.enum(['all_open', 'mine', 'unassigned']).optional(),
  status: z.enum(CONVERSATION_STATUSES).optional(),
  channel: z.string().max(100).optional(),
  assignee: z.string().max(100).optional(),
  level: z.coerce.number().int().min(0).max(3).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(500).optional(),
});

const PatchBody = z.object({
  status: z.enum(CONVERSATION_STATUSES).optional(),
  assigneeId: z.string().max(100).nullable().optional(),
  tags: z.array(z.string().trim().min(1).max(40)).max(30).optional(),
  level: z.number().int().min(0).max(3).optional(),
  priority: z.number().int().min(0).max(100).optional(),
}).refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });

export const conversationRoutes = (koe: Koe): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/conversations', { preHandler: guard(), schema: { tags: ['conversations'], summary: 'Inbox: sorted by priority, then longest waiting', querystring: ListQuery } }, async (req) => {
    const { agent } = authOf(req);
    const q = req.query;
    return conversations.list(koe.db, agent.workspaceId, { ...q, channelId: q.channel, meId: agent.id });
  });

  app.get('/api/conversations/counts', { preHandler: guard(), schema: { tags: ['conversations'], summary: 'Counts per inbox view' } }, async (req) => {
    const { agent } = authOf(req);
    return conversations.counts(koe.db, agent.workspaceId, agent.id);
  });

  app.get('/api/conversations/:id', { preHandler: guard(), schema: { tags: ['conversations'], params: IdParams } }, async (req) => {
    const { agent } = authOf(req);
    const item = await conversations.item(koe.db, agent.workspaceId, req.params.id);
    if (!item) throw notFound('Conversation');
    const c = (await customers.get(koe.db, agent.workspaceId, item.customer.id))!;
    return { ...item, customer: { id: c.id, name: c.name, email: c.email, identities: await customers.identities(koe.db, c.id) } };
  });

  app.patch('/api/conversations/:id', { preHandler: guard(), schema: { tags: ['conversations'], summary: 'Change status, assignee, tags, level or priority', params: IdParams, body: PatchBody } }, async (req) => {
    const { actor } = authOf(req);
    const b = req.body;
    const changes = await koe.db.transaction().execute(async (tx) => {
      const row = await conversations.row(tx, actor.workspaceId, req.params.id);
      if (!row) throw notFound('Conversation');
      const set: Partial<ConversationTable> = {};
      const logged: { action: string; detail: Record<string, unknown> }[] = [];
      if (b.status && b.status !== row.status) {
        assertTransition(row.status as ConversationStatus, b.status);
        set.status = b.status;
        if (b.status === 'resolved' || b.status === 'closed') { set.resolved_at = row.resolved_at ?? nowIso(); set.waiting_since = null; }
        if (b.status === 'open') set.resolved_at = null;
        logged.push({ action: 'conversation.status_changed', detail: { from: row.status, to: b.status } });
      }
      if (b.assigneeId !== undefined && b.assigneeId !== row.assignee_id) {
        if (!canAssign(actor, row.assignee_id, b.assigneeId)) throw forbidden('Only a supervisor can assign a conversation to someone else or take it from a colleague');
        if (b.assigneeId) {
          const target = await agents.get(tx, actor.workspaceId, b.assigneeId);
          if (!target || !target.active) throw invalid('assigneeId', 'is not an active agent of this workspace');
        }
        set.assignee_id = b.assigneeId;
        logged.push({ action: 'conversation.assigned', detail: { from: row.assignee_id, to: b.assigneeId } });
      }
      if (b.tags) set.tags = JSON.stringify([...new Set(b.tags)]);
      if (b.level !== undefined && b.level !== row.level) { set.level = b.level; logged.push({ action: 'conversation.level_changed', detail: { from: row.level, to: b.level } }); }
      if (b.priority !== undefined) set.priority = b.priority;
      if (Object.keys(set).length) await conversations.update(tx, row.id, set);
      for (const l of logged) await audit.log(tx, { workspaceId: actor.workspaceId, actor: { type: 'agent', id: actor.agentId, name: actor.name }, action: l.action, target: { type: 'conversation', id: row.id }, detail: l.detail });
      return Object.keys(set).length;
    });
    const item = (await conversations.item(koe.db, actor.workspaceId, req.params.id))!;
    if (changes) koe.bus.publish(topics.workspace(actor.workspaceId), { type: 'conversation.updated', data: item });
    const c = (await customers.get(koe.db, actor.workspaceId, item.customer.id))!;
    return { ...item, customer: { id: c.id, name: c.name, email: c.email, identities: await customers.identities(koe.db, c.id) } };
  });

  app.get('/api/conversations/:id/messages', { preHandler: guard(), schema: { tags: ['conversations'], params: IdParams } }, async (req) => {
    const { agent } = authOf(req);
    if (!(await conversations.row(koe.db, agent.workspaceId, req.params.id))) throw notFound('Conversation');
    return { items: await messages.forConversation(koe.db, req.params.id) };
  });

  app.post('/api/conversations/:id/messages', {
    preHandler: guard(),
    schema: {
      tags: ['conversations'], summary: 'Reply to the customer on the same channel, or add a private note', params: IdParams,
      body: z.object({ text: z.string().trim().min(1, 'must not be empty').max(5000), private: z.boolean().default(false) }),
    },
  }, async (req, reply) => {
    const { actor } = authOf(req);
    const m = await writeReply(koe.outbound, actor, req.params.id, req.body.text, req.body.private);
    return reply.status(201).send(m);
  });

  app.post('/api/messages/:id/retry', { preHandler: guard(), schema: { tags: ['conversations'], summary: 'Send a failed reply again', params: IdParams } }, async (req, reply) => {
    const m = await retryReply(koe.outbound, authOf(req).actor, req.params.id);
    return reply.status(202).send(m);
  });

  app.get('/api/customers/:id', { preHandler: guard(), schema: { tags: ['customers'], summary: 'A customer with identities on every channel and their conversations', params: IdParams } }, async (req) => {
    const { agent } = authOf(req);
    const c = await customers.get(koe.db, agent.workspaceId, req.params.id);
    if (!c) throw notFound('Customer');
    const convs = await conversations.forCustomer(koe.db, agent.workspaceId, c.id);
    return {
      id: c.id, name: c.name, email: c.email, identities: await customers.identities(koe.db, c.id),
      conversations: convs.map((v) => ({ id: v.id, status: v.status, channel: v.channel, lastMessageAt: v.lastMessageAt, preview: v.preview })),
    };
  });
};
