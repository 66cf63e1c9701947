import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { conflict, notFound } from '../../domain/errors';
import { ROLES } from '../../domain/permissions';
import { requireStrongPassword } from '../../desk/sign-in';
import { hashPassword } from '../../security/passwords';
import { agents, audit, sessions, byAgent } from '../../store/repositories';
import { authOf, guard } from '../auth';
import type { Koe } from '../context';
import { AgentSchema, IdParams, toAgentDto } from './dto';
import { passwordField } from './system';

const Level = z.union([z.literal(1), z.literal(2), z.literal(3)]);
const Skills = z.array(z.string().trim().min(1).max(40)).max(30);

export const agentRoutes =
  (koe: Koe): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/agents',
      {
        preHandler: guard(),
        schema: { tags: ['agents'], response: { 200: z.object({ items: z.array(AgentSchema) }) } },
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
          body: z.object({
            email: z.email().max(200),
            name: z.string().trim().min(1).max(100),
            displayName: z.string().trim().max(120).optional(),
            password: passwordField,
            role: z.enum(ROLES),
            level: Level,
            skills: Skills.default([]),
          }),
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
          body: z.object({
            name: z.string().trim().min(1).max(100).optional(),
            displayName: z.string().trim().min(1).max(120).optional(),
            role: z.enum(ROLES).optional(),
            level: Level.optional(),
            skills: Skills.optional(),
            active: z.boolean().optional(),
          }),
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
