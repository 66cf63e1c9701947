import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { conflict } from '../../domain/errors';
import { hashPassword } from '../../security/passwords';
import { requireStrongPassword } from '../../desk/sign-in';
import { agents, audit, byAgent, workspaces } from '../../store/repositories';
import { startSession } from '../auth';
import type { Koe } from '../context';
import { toAgentDto } from './dto';
import { HealthSchema, ReadinessSchema, SetupBody, SetupResultSchema, SetupStatusSchema } from '../../contracts/auth';

export const systemRoutes =
  (koe: Koe): FastifyPluginAsyncZod =>
  async (app) => {
    // Liveness: the process answers. Dependencies belong to /readyz, so a database outage takes processes out of the
    // load balancer instead of having an orchestrator restart every one of them.
    app.get('/healthz', { schema: { hide: true, response: { 200: HealthSchema } } }, async () => ({
      status: 'ok' as const,
    }));

    // For load balancers and orchestrators: send this process traffic only when it answers 200.
    app.get(
      '/readyz',
      { schema: { hide: true, response: { 200: ReadinessSchema, 503: ReadinessSchema } } },
      async (_req, reply) => {
        const { ready, draining, checks } = await koe.readiness.report();
        return reply
          .status(ready ? 200 : 503)
          .header('cache-control', 'no-store')
          .send({ status: ready ? ('ready' as const) : ('not ready' as const), draining, checks });
      },
    );

    app.get('/api/setup', { schema: { tags: ['setup'], response: { 200: SetupStatusSchema } } }, async () => ({
      needsSetup: (await workspaces.count(koe.db)) === 0,
    }));

    app.post(
      '/api/setup',
      {
        schema: {
          tags: ['setup'],
          summary: 'Create the workspace and its first admin (once)',
          body: SetupBody,
          response: { 201: SetupResultSchema },
        },
      },
      async (req, reply) => {
        const b = req.body;
        requireStrongPassword('adminPassword', b.adminPassword, {
          email: b.adminEmail,
          name: b.adminName,
          extra: [b.workspaceName],
        });
        const passwordHash = await hashPassword(b.adminPassword);
        const result = await koe.db.transaction().execute(async (tx) => {
          await workspaces.lockForSetup(tx, koe.store.dialect);
          if ((await workspaces.count(tx)) > 0) throw conflict('Koe is already set up; sign in instead');
          const workspace = await workspaces.create(tx, b.workspaceName);
          const agent = await agents.create(tx, {
            workspaceId: workspace.id,
            email: b.adminEmail,
            name: b.adminName,
            role: 'admin',
            level: 3,
            skills: [],
            passwordHash,
          });
          await audit.log(tx, {
            workspaceId: workspace.id,
            actor: byAgent(agent),
            action: 'workspace.created',
            target: { type: 'workspace', id: workspace.id },
          });
          return { workspace, agent };
        });
        await startSession(koe, req, reply, result.agent, 'password');
        return reply.status(201).send({
          workspace: { id: result.workspace.id, name: result.workspace.name },
          agent: toAgentDto(result.agent),
        });
      },
    );
  };
