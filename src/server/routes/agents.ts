import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { conflict, notFound } from '../../domain/errors';
import { requireStrongPassword } from '../../desk/sign-in';
import { hashPassword } from '../../security/passwords';
import { agents, audit, sessions, byAgent } from '../../store/repositories';
import { authOf, guard } from '../auth';
import type { Koe } from '../context';
import { toAgentDto } from './dto';
import { AgentCreateBody, AgentPatchBody, AgentSchema } from '../../contracts/agents';
import { IdParams, Items } from '../../contracts/common';

export const agentRoutes =
  (koe: Koe): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/agents',
      {
        preHandler: guard(),
        schema: { tags: ['agents'], response: { 200: Items(AgentSchema) } },
      },
      async (req) => ({
        items: (await agents.list(koe.db, authOf(req).agent.workspaceId)).map(toAgentDto),
      }),
    );

    app.post(
      '/api/agents',
      {
        preHandler: guard('admin'),
        schema: {
          tags: ['agents'],
          summary: 'Create an agent (admin)',
          body: AgentCreateBody,
          response: { 201: AgentSchema },
        },
      },
      async (req, reply) => {
        const { actor } = authOf(req);
        if (await agents.byEmail(koe.db, req.body.email)) throw conflict('An agent with this email already exists');
        requireStrongPassword('password', req.body.password, {
          email: req.body.email,
          name: req.body.name,
          extra: req.body.displayName ? [req.body.displayName] : [],
        });
        const agent = await agents.create(koe.db, {
          ...req.body,
          workspaceId: actor.workspaceId,
          passwordHash: await hashPassword(req.body.password),
        });
        await audit.log(koe.db, {
          workspaceId: actor.workspaceId,
          actor: byAgent(actor),
          action: 'agent.created',
          target: { type: 'agent', id: agent.id },
          detail: { role: agent.role, level: agent.level },
        });
        return reply.status(201).send(toAgentDto(agent));
      },
    );

    app.patch(
      '/api/agents/:id',
      {
        preHandler: guard('admin'),
        schema: {
          tags: ['agents'],
          summary: 'Change an agent (admin)',
          params: IdParams,
          body: AgentPatchBody,
          response: { 200: AgentSchema },
        },
      },
      async (req) => {
        const { actor } = authOf(req);
        const before = await agents.get(koe.db, actor.workspaceId, req.params.id);
        if (!before) throw notFound('Agent');
        const demotesAdmin =
          before.role === 'admin' &&
          before.active &&
          ((req.body.role && req.body.role !== 'admin') || req.body.active === false);
        if (demotesAdmin && (await agents.countActiveAdmins(koe.db, actor.workspaceId)) <= 1)
          throw conflict('The workspace must keep at least one active admin');
        const agent = (await agents.update(koe.db, actor.workspaceId, req.params.id, req.body))!;
        if (req.body.active === false) await sessions.deleteForAgent(koe.db, agent.id);
        await audit.log(koe.db, {
          workspaceId: actor.workspaceId,
          actor: byAgent(actor),
          action: 'agent.updated',
          target: { type: 'agent', id: agent.id },
          detail: req.body,
        });
        return toAgentDto(agent);
      },
    );
  };
