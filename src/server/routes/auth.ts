import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../domain/errors';
import { DUMMY_HASH, verifyPassword } from '../../security/passwords';
import { agents, audit, sessions, workspaces } from '../../store/repositories';
import { authOf, clearSessionCookies, guard, setSessionCookies } from '../auth';
import type { Koe } from '../context';
import { AgentSchema, toAgentDto } from './dto';
import { isSecure } from './system';

export const authRoutes = (koe: Koe): FastifyPluginAsyncZod => async (app) => {
  app.post('/api/auth/login', {
    config: {
      rateLimit: {
        max: koe.config.loginMaxPerMinute, timeWindow: 60_000, hook: 'preHandler',
        // Per address and account: one attacker cannot lock out everyone, nor guess one account's password quickly.
        keyGenerator: (req) => `${req.ip}|${String((req.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
      },
    },
    schema: {
      tags: ['auth'], summary: 'Sign in with email and password (sets the session and CSRF cookies)',
      body: z.object({ email: z.string().trim().min(1).max(200), password: z.string().min(1).max(200) }),
      response: { 200: z.object({ agent: AgentSchema }) },
    },
  }, async (req, reply) => {
    const found = await agents.byEmail(koe.db, req.body.email);
    const ok = await verifyPassword(req.body.password, found?.passwordHash ?? DUMMY_HASH);
    if (!found || !ok || !found.active) {
      await audit.log(koe.db, { workspaceId: found?.workspaceId ?? null, actor: { type: 'anonymous', id: null, name: req.body.email }, action: 'auth.login_failed', detail: { ip: req.ip } });
      throw new DomainError('unauthenticated', 'The email or password is wrong');
    }
    const s = await sessions.create(koe.db, found.id, koe.config.sessionDays);
    setSessionCookies(reply, s, isSecure(koe, req.protocol));
    await audit.log(koe.db, { workspaceId: found.workspaceId, actor: { type: 'agent', id: found.id, name: found.name }, action: 'auth.login', detail: { ip: req.ip } });
    return { agent: toAgentDto(found) };
  });

  app.post('/api/auth/logout', { schema: { tags: ['auth'] } }, async (req, reply) => {
    if (req.auth?.sessionToken) {
      await sessions.delete(koe.db, req.auth.sessionToken);
      await audit.log(koe.db, { workspaceId: req.auth.agent.workspaceId, actor: { type: 'agent', id: req.auth.agent.id, name: req.auth.agent.name }, action: 'auth.logout' });
    }
    clearSessionCookies(reply);
    return reply.status(204).send();
  });

  const MeSchema = z.object({ agent: AgentSchema, workspace: z.object({ id: z.string(), name: z.string() }) });
  app.get('/api/me', { preHandler: guard(), schema: { tags: ['auth'], response: { 200: MeSchema } } }, async (req) => {
    const { agent } = authOf(req);
    const w = (await workspaces.get(koe.db, agent.workspaceId))!;
    return { agent: toAgentDto(agent), workspace: { id: w.id, name: w.name } };
  });

  app.patch('/api/me', {
    preHandler: guard(),
    schema: { tags: ['auth'], body: z.object({ locale: z.enum(['ja', 'en']).optional() }), response: { 200: z.object({ agent: AgentSchema }) } },
  }, async (req) => {
    const { agent } = authOf(req);
    const updated = await agents.update(koe.db, agent.workspaceId, agent.id, { locale: req.body.locale });
    return { agent: toAgentDto(updated!) };
  });
};
