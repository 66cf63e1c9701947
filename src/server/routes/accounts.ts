import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AccountLinkInfoSchema,
  AccountLinkResultSchema,
  AgentInviteBody,
  InvitationResultSchema,
  LinkTokenParams,
  PasswordChangeBody,
  PasswordResetRequestBody,
  PasswordResetRequestResultSchema,
  RedeemLinkBody,
  RedeemLinkResultSchema,
} from '../../contracts/accounts';
import { IdParams, NoContent } from '../../contracts/common';
import { accountLinkInfo, issueAccountLink, LINK_TTL_MS, redeemAccountLink } from '../../desk/account-links';
import { changePassword } from '../../desk/sign-in';
import { conflict, notFound } from '../../domain/errors';
import { agents, audit, byAgent } from '../../store/repositories';
import { NO_PASSWORD } from '../../store/repositories/agents';
import { authOf, guard } from '../auth';
import type { Koe } from '../context';
import { toAgentDto } from './dto';

/**
 * Agents' own accounts: invitations by link, password resets (by an admin's link or by email), and changing one's
 * password. Setting a password through a link, or changing it, ends the agent's other sessions.
 */
export const accountRoutes =
  (koe: Koe): FastifyPluginAsyncZod =>
  async (app) => {
    const baseUrl = (req: FastifyRequest) => koe.config.publicUrl ?? `${req.protocol}://${req.host}`;
    const deps = { db: koe.db, log: koe.log, config: koe.config };
    // Links are long random tokens; this only keeps one address from hammering the public endpoints.
    const perAddress = (name: string) => ({
      rateLimit: {
        max: koe.config.loginMaxPerMinute,
        timeWindow: 60_000,
        hook: 'preHandler' as const,
        keyGenerator: (req: FastifyRequest) => `${name}|${req.ip}`,
      },
    });

    app.post(
      '/api/agents/invitations',
      {
        preHandler: guard('admin'),
        schema: {
          tags: ['agents'],
          summary: 'Invite an agent: they set their own password from the link (emailed when SMTP is configured)',
          body: AgentInviteBody,
          response: { 201: InvitationResultSchema },
        },
      },
      async (req, reply) => {
        const { actor } = authOf(req);
        if (await agents.byEmail(koe.db, req.body.email)) throw conflict('An agent with this email already exists');
        const agent = await agents.create(koe.db, {
          ...req.body,
          workspaceId: actor.workspaceId,
          passwordHash: NO_PASSWORD,
        });
        const link = await issueAccountLink(deps, {
          agent,
          kind: 'invitation',
          ttlMs: LINK_TTL_MS.invitation,
          baseUrl: baseUrl(req),
          by: actor.agentId,
        });
        await audit.log(koe.db, {
          workspaceId: actor.workspaceId,
          actor: byAgent(actor),
          action: 'auth.invitation_created',
          target: { type: 'agent', id: agent.id },
          detail: { role: agent.role, level: agent.level, emailed: link.emailed },
        });
        return reply.status(201).send({ agent: toAgentDto(agent), link });
      },
    );

    app.post(
      '/api/agents/:id/account-link',
      {
        preHandler: guard('admin'),
        schema: {
          tags: ['agents'],
          summary: 'A new invitation for an agent who has not joined, otherwise a password-reset link (admin)',
          params: IdParams,
          response: { 201: AccountLinkResultSchema },
        },
      },
      async (req, reply) => {
        const { actor } = authOf(req);
        const agent = await agents.get(koe.db, actor.workspaceId, req.params.id);
        if (!agent) throw notFound('Agent');
        if (!agent.active) throw conflict('This agent is deactivated; reactivate them first');
        const kind = agent.invitationPending ? 'invitation' : 'password_reset';
        const link = await issueAccountLink(deps, {
          agent,
          kind,
          ttlMs: kind === 'invitation' ? LINK_TTL_MS.invitation : LINK_TTL_MS.admin_reset,
          baseUrl: baseUrl(req),
          by: actor.agentId,
        });
        await audit.log(koe.db, {
          workspaceId: actor.workspaceId,
          actor: byAgent(actor),
          action: kind === 'invitation' ? 'auth.invitation_created' : 'auth.password_reset_requested',
          target: { type: 'agent', id: agent.id },
          detail: { emailed: link.emailed },
        });
        return reply.status(201).send({ kind, link });
      },
    );

    app.get(
      '/api/auth/links/:token',
      {
        config: perAddress('link'),
        schema: {
          tags: ['auth'],
          summary: 'What an invitation or reset link is for (404 with link_invalid, link_used or link_expired)',
          params: LinkTokenParams,
          response: { 200: AccountLinkInfoSchema },
        },
      },
      async (req) => {
        const { token: _, ...info } = await accountLinkInfo(koe.db, req.params.token);
        return info;
      },
    );

    app.post(
      '/api/auth/links/:token',
      {
        config: perAddress('link'),
        schema: {
          tags: ['auth'],
          summary: 'Set the password an invitation or reset link allows; every session of the agent ends',
          params: LinkTokenParams,
          body: RedeemLinkBody,
          response: { 200: RedeemLinkResultSchema },
        },
      },
      async (req) => redeemAccountLink(koe.db, req.params.token, req.body.password),
    );

    app.post(
      '/api/auth/password-reset',
      {
        config: perAddress('reset'),
        schema: {
          tags: ['auth'],
          summary: 'Email a reset link if the address has an account (the answer never says whether it has)',
          body: PasswordResetRequestBody,
          response: { 202: PasswordResetRequestResultSchema },
        },
      },
      async (req, reply) => {
        const emailConfigured = Boolean(koe.config.mail.smtpUrl);
        const agent = await agents.byEmail(koe.db, req.body.email);
        if (emailConfigured && agent?.active && !agent.invitationPending) {
          // Not awaited: the answer takes as long whether or not the address exists.
          void issueAccountLink(deps, {
            agent,
            kind: 'password_reset',
            ttlMs: LINK_TTL_MS.self_reset,
            baseUrl: baseUrl(req),
            by: null,
          })
            .then(() =>
              audit.log(koe.db, {
                workspaceId: agent.workspaceId,
                actor: { type: 'anonymous', id: null, name: req.body.email },
                action: 'auth.password_reset_requested',
                target: { type: 'agent', id: agent.id },
                detail: { ip: req.ip },
              }),
            )
            .catch((err: unknown) => koe.log.error({ err }, 'password reset link failed'));
        }
        return reply.status(202).send({ emailConfigured });
      },
    );

    app.post(
      '/api/me/password',
      {
        preHandler: guard(),
        config: perAddress('password'),
        schema: {
          tags: ['auth'],
          summary: 'Change your password; your other sessions end (this one stays signed in)',
          body: PasswordChangeBody,
          response: { 204: NoContent },
        },
      },
      async (req, reply) => {
        const { agent, sessionToken } = authOf(req);
        await changePassword(koe.db, agent, req.body, sessionToken, req.ip);
        return reply.status(204).send();
      },
    );
  };
