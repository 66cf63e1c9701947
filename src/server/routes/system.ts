import { ping } from '../../store/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { conflict } from '../../domain/errors';
import { hashPassword } from '../../security/passwords';
import { requireStrongPassword } from '../../desk/sign-in';
import { agents, audit, byAgent, workspaces } from '../../store/repositories';
import { startSession } from '../auth';
import type { Koe } from '../context';
import { toAgentDto } from './dto';
import { HealthSchema, SetupBody, SetupResultSchema, SetupStatusSchema } from '../../contracts/auth';

export const systemRoutes =
  (koe: Koe): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/healthz', { schema: { hide: true, response: { 200: HealthSchema } } }, async () => {
      await ping(koe.db);
      return { status: 'ok' as const };
    });

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
