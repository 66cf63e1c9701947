import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiTokens, audit } from '../../store/repositories';
import { authOf, guard } from '../auth';
import type { Koe } from '../context';
import { streamTopic } from '../sse';
import { topics } from '../../realtime/bus';

export const adminRoutes = (koe: Koe): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/audit', { preHandler: guard('supervisor'), schema: { tags: ['admin'], summary: 'Audit log, newest first', querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }) } }, async (req) => ({
    items: await audit.list(koe.db, authOf(req).agent.workspaceId, req.query.limit),
  }));

  app.post('/api/tokens', {
    preHandler: guard('admin'),
    schema: { tags: ['admin'], summary: 'Create an API token for machine clients (shown once)', body: z.object({ name: z.string().trim().min(1).max(100) }) },
  }, async (req, reply) => {
    const { actor } = authOf(req);
    const t = await apiTokens.create(koe.db, actor.workspaceId, actor.agentId, req.body.name);
    await audit.log(koe.db, { workspaceId: actor.workspaceId, actor: { type: 'agent', id: actor.agentId, name: actor.name }, action: 'api_token.created', target: { type: 'api_token', id: t.id }, detail: { name: t.name } });
    return reply.status(201).send(t);
  });

  app.get('/api/events', { preHandler: guard(), schema: { tags: ['realtime'], summary: 'Server-Sent Events: conversation.updated, message.created, message.updated' } }, async (req, reply) => {
    const { agent } = authOf(req);
    // The workspace's inbox events, plus notifications addressed to this agent.
    streamTopic(req, reply, koe.bus, [topics.workspace(agent.workspaceId), topics.agent(agent.id)]);
  });
};
