import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { passwordSignInFor, securitySettings, ssoReady } from '../../desk/security-settings';
import { completeTwoFactor, signInWithPassword, type Caller } from '../../desk/sign-in';
import { finishSso, SsoError, startSso } from '../../desk/single-sign-on';
import { DEVICE_COOKIE, deviceCookieAgent } from '../../security/device-cookie';
import { agents, audit, byAgent, sessions, workspaces } from '../../store/repositories';
import { authOf, clearSessionCookies, guard, isSecure, ssoCallbackUrl, startSession } from '../auth';
import type { Koe } from '../context';
import { toAgentDto } from './dto';
import {
  AuthOptionsSchema,
  LoginBody,
  LoginResultSchema,
  MePatchBody,
  MePatchResultSchema,
  MeSchema,
  SignedInSchema,
  SsoStartQuery,
  TwoFactorLoginBody,
} from '../../contracts/auth';
import { NoContent, Redirect } from '../../contracts/common';

const callerOf = (koe: Koe, req: FastifyRequest): Caller => ({
  ip: req.ip,
  knownAgentId: deviceCookieAgent(koe.config.secretKey, req.cookies[DEVICE_COOKIE]),
});

export const authRoutes =
  (koe: Koe): FastifyPluginAsyncZod =>
  async (app) => {
    // Per address and account: one attacker cannot lock out everyone, nor guess one account's password quickly from one
    // address. Guessing from many addresses is stopped by the per-account lock in desk/sign-in.ts.
    const perAddress = {
      max: koe.config.loginMaxPerMinute,
      timeWindow: 60_000,
      hook: 'preHandler' as const,
      keyGenerator: (req: FastifyRequest) =>
        `${req.ip}|${String((req.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
    };

    app.get(
      '/api/auth/options',
      {
        schema: {
          tags: ['auth'],
          summary: 'How this desk signs people in (for the sign-in page)',
          response: { 200: AuthOptionsSchema },
        },
      },
      async () => {
        const ws = await workspaces.first(koe.db);
        const s = ws ? await securitySettings.get(koe.db, ws.id) : null;
        return {
          sso: { enabled: Boolean(s && ssoReady(s)), label: s?.sso.label ?? '' },
          passwordSignIn: s ? passwordSignInFor(s) : 'everyone',
        };
      },
    );

    app.post(
      '/api/auth/login',
      {
        config: { rateLimit: perAddress },
        schema: {
          tags: ['auth'],
          summary: 'Sign in with email and password (sets the session and CSRF cookies, or asks for the second factor)',
          body: LoginBody,
          response: { 200: LoginResultSchema },
        },
      },
      async (req, reply) => {
        const outcome = await signInWithPassword(koe, req.body, callerOf(koe, req));
        if (outcome.next === 'two_factor')
          return { twoFactor: { challenge: outcome.challenge.token, expiresAt: outcome.challenge.expiresAt } };
        await startSession(koe, req, reply, outcome.agent, 'password');
        return { agent: toAgentDto(outcome.agent), twoFactorSetupRequired: outcome.twoFactorSetupRequired };
      },
    );

    app.post(
      '/api/auth/login/two-factor',
      {
        // Each challenge allows five codes and wrong codes count toward the account lock; this only slows one address.
        config: {
          rateLimit: {
            max: koe.config.loginMaxPerMinute * 3,
            timeWindow: 60_000,
            hook: 'preHandler' as const,
            keyGenerator: (req: FastifyRequest) => `2fa|${req.ip}`,
          },
        },
        schema: {
          tags: ['auth'],
          summary: 'Second step of signing in: a code from the authenticator app or a recovery code',
          body: TwoFactorLoginBody,
          response: { 200: SignedInSchema },
        },
      },
      async (req, reply) => {
        const agent = await completeTwoFactor(koe, req.body, callerOf(koe, req));
        await startSession(koe, req, reply, agent, 'password');
        return { agent: toAgentDto(agent), twoFactorSetupRequired: false };
      },
    );

    const SSO_COOKIE = 'koe_sso';
    const failSso = (reply: FastifyReply, reason: string) =>
      reply.redirect(`/login?sso_error=${encodeURIComponent(reason)}`);

    app.get(
      '/api/auth/sso/start',
      {
        schema: {
          tags: ['auth'],
          summary: 'Single sign-on: redirects to the identity provider',
          querystring: SsoStartQuery,
          response: { 302: Redirect },
        },
      },
      async (req, reply) => {
        const ws = await workspaces.first(koe.db);
        if (!ws) return failSso(reply, 'not_configured');
        try {
          const { url, sealedFlow } = await startSso(koe, ws.id, ssoCallbackUrl(koe, req), req.query.next ?? '/');
          void reply.setCookie(SSO_COOKIE, sealedFlow, {
            httpOnly: true,
            sameSite: 'lax',
            secure: isSecure(koe, req.protocol),
            path: '/api/auth/sso',
            maxAge: 600,
          });
          return reply.redirect(url);
        } catch (err) {
          if (!(err instanceof SsoError)) throw err;
          req.log.warn({ reason: err.reason, err: err.message }, 'single sign-on could not start');
          return failSso(reply, err.reason);
        }
      },
    );

    app.get(
      '/api/auth/sso/callback',
      {
        schema: {
          tags: ['auth'],
          summary: 'Single sign-on: where the identity provider sends the browser back',
          response: { 302: Redirect },
        },
      },
      async (req, reply) => {
        const ws = await workspaces.first(koe.db);
        void reply.clearCookie(SSO_COOKIE, { path: '/api/auth/sso' });
        if (!ws) return failSso(reply, 'not_configured');
        try {
          const here = new URL(req.url, ssoCallbackUrl(koe, req));
          const { agent, next } = await finishSso(koe, ws.id, here, req.cookies[SSO_COOKIE], req.ip);
          await startSession(koe, req, reply, agent, 'sso');
          return reply.redirect(next);
        } catch (err) {
          if (!(err instanceof SsoError)) throw err;
          req.log.warn({ reason: err.reason, err: err.message }, 'single sign-on refused');
          return failSso(reply, err.reason);
        }
      },
    );

    app.post(
      '/api/auth/logout',
      {
        schema: {
          tags: ['auth'],
          summary: 'Sign out (ends the session, clears the cookies)',
          response: { 204: NoContent },
        },
      },
      async (req, reply) => {
        if (req.auth?.sessionToken) {
          await sessions.delete(koe.db, req.auth.sessionToken);
          await audit.log(koe.db, {
            workspaceId: req.auth.agent.workspaceId,
            actor: byAgent(req.auth.agent),
            action: 'auth.logout',
          });
        }
        clearSessionCookies(reply);
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/me',
      {
        preHandler: guard(),
        config: { duringTwoFactorSetup: true },
        schema: { tags: ['auth'], response: { 200: MeSchema } },
      },
      async (req) => {
        const { agent, restricted } = authOf(req);
        const w = (await workspaces.get(koe.db, agent.workspaceId))!;
        return {
          agent: toAgentDto(agent),
          workspace: { id: w.id, name: w.name },
          twoFactorSetupRequired: Boolean(await restricted?.()),
        };
      },
    );

    app.patch(
      '/api/me',
      {
        preHandler: guard(),
        config: { duringTwoFactorSetup: true },
        schema: {
          tags: ['auth'],
          body: MePatchBody,
          response: { 200: MePatchResultSchema },
        },
      },
      async (req) => {
        const { agent } = authOf(req);
        const updated = await agents.update(koe.db, agent.workspaceId, agent.id, { locale: req.body.locale });
        return { agent: toAgentDto(updated!) };
      },
    );
  };
