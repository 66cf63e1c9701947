import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  mergeSecuritySettings,
  securitySettings,
  publicSecuritySettings,
  requiresTwoFactor,
} from '../../desk/security-settings';
import {
  confirmTwoFactorSetup,
  disableTwoFactor,
  regenerateRecoveryCodes,
  startTwoFactorSetup,
} from '../../desk/sign-in';
import { notFound } from '../../domain/errors';
import { encryptSecret } from '../../security/secrets';
import { agents, audit, sessions, signIns, byAgent } from '../../store/repositories';
import { authOf, guard, ssoCallbackUrl } from '../auth';
import type { Koe } from '../context';
import { toAgentDto } from './dto';
import { AgentSchema } from '../../contracts/agents';
import { IdParams, NoContent } from '../../contracts/common';
import {
  DisableTwoFactorBody,
  RecoveryCodesSchema,
  SecuritySettingsInputSchema,
  SecuritySettingsSchema,
  TwoFactorCodeBody,
  TwoFactorEnrolmentSchema,
  TwoFactorStatusSchema,
} from '../../contracts/security';

/** Two-factor sign-in for the signed-in agent, the workspace's security settings, and admins' account actions. */
export const securityRoutes =
  (koe: Koe): FastifyPluginAsyncZod =>
  async (app) => {
    const duringSetup = { duringTwoFactorSetup: true as const };

    app.get(
      '/api/me/two-factor',
      {
        preHandler: guard(),
        config: duringSetup,
        schema: {
          tags: ['auth'],
          summary: 'Two-factor sign-in: on or off, recovery codes left, whether the workspace requires it',
          response: { 200: TwoFactorStatusSchema },
        },
      },
      async (req) => {
        const { agent } = authOf(req);
        const found = (await signIns.byAgentId(koe.db, agent.id))!;
        return {
          enabled: agent.totpEnabled,
          recoveryCodesLeft: found.recoveryCodes.length,
          required: requiresTwoFactor(await securitySettings.get(koe.db, agent.workspaceId), agent.role),
        };
      },
    );

    app.post(
      '/api/me/two-factor/setup',
      {
        preHandler: guard(),
        config: duringSetup,
        schema: {
          tags: ['auth'],
          summary: 'Start setting up two-factor sign-in: a new secret and its QR code for the authenticator app',
          response: { 200: TwoFactorEnrolmentSchema },
        },
      },
      async (req) => startTwoFactorSetup(koe, authOf(req).agent),
    );

    app.post(
      '/api/me/two-factor/confirm',
      {
        preHandler: guard(),
        config: duringSetup,
        schema: {
          tags: ['auth'],
          summary: 'Confirm the set-up with a code from the app; returns the recovery codes (shown once)',
          body: TwoFactorCodeBody,
          response: { 200: RecoveryCodesSchema },
        },
      },
      async (req) => {
        const { agent, sessionToken } = authOf(req);
        const result = await confirmTwoFactorSetup(koe, agent, req.body.code);
        // Other sessions were opened with the password alone; they must sign in again with the second factor.
        await sessions.deleteForAgent(koe.db, agent.id, sessionToken);
        return result;
      },
    );

    app.post(
      '/api/me/two-factor/disable',
      {
        preHandler: guard(),
        schema: {
          tags: ['auth'],
          summary: 'Turn two-factor sign-in off (needs the password)',
          body: DisableTwoFactorBody,
          response: { 204: NoContent },
        },
      },
      async (req, reply) => {
        await disableTwoFactor(koe, authOf(req).agent, req.body.password);
        return reply.status(204).send();
      },
    );

    app.post(
      '/api/me/two-factor/recovery-codes',
      {
        preHandler: guard(),
        schema: {
          tags: ['auth'],
          summary: 'Replace the recovery codes (needs a code from the app); the old ones stop working',
          body: TwoFactorCodeBody,
          response: { 200: RecoveryCodesSchema },
        },
      },
      async (req) => regenerateRecoveryCodes(koe, authOf(req).agent, req.body.code),
    );

    app.get(
      '/api/settings/security',
      {
        preHandler: guard('admin'),
        schema: {
          tags: ['admin'],
          summary: 'Sign-in security: required two-factor sign-in per role, single sign-on (OpenID Connect)',
          response: { 200: SecuritySettingsSchema },
        },
      },
      async (req) => ({
        ...publicSecuritySettings(await securitySettings.get(koe.db, authOf(req).agent.workspaceId)),
        callbackUrl: ssoCallbackUrl(koe, req),
      }),
    );

    app.put(
      '/api/settings/security',
      {
        preHandler: guard('admin'),
        schema: {
          tags: ['admin'],
          summary: 'Change sign-in security (the client secret is write-only)',
          body: SecuritySettingsInputSchema,
          response: { 200: SecuritySettingsSchema },
        },
      },
      async (req) => {
        const { actor } = authOf(req);
        const before = await securitySettings.get(koe.db, actor.workspaceId);
        const next = mergeSecuritySettings(before, req.body, (plain) => encryptSecret(koe.config.secretKey, plain));
        await securitySettings.save(koe.db, actor.workspaceId, next);
        await audit.log(koe.db, {
          workspaceId: actor.workspaceId,
          actor: byAgent(actor),
          action: 'security.updated',
          detail: {
            requireTwoFactorFor: next.requireTwoFactorFor,
            sso: {
              enabled: next.sso.enabled,
              issuer: next.sso.issuer,
              passwordSignIn: next.sso.passwordSignIn,
              secretChanged: req.body.sso.clientSecret !== undefined,
            },
          },
        });
        return { ...publicSecuritySettings(next), callbackUrl: ssoCallbackUrl(koe, req) };
      },
    );

    app.post(
      '/api/agents/:id/unlock-sign-in',
      {
        preHandler: guard('admin'),
        schema: {
          tags: ['agents'],
          summary: 'End a sign-in lock now (after repeated wrong passwords)',
          params: IdParams,
          response: { 204: NoContent },
        },
      },
      async (req, reply) => {
        const { actor } = authOf(req);
        const agent = await agents.get(koe.db, actor.workspaceId, req.params.id);
        if (!agent) throw notFound('Agent');
        await signIns.unlock(koe.db, agent.id);
        await audit.log(koe.db, {
          workspaceId: actor.workspaceId,
          actor: byAgent(actor),
          action: 'auth.unlocked',
          target: { type: 'agent', id: agent.id },
        });
        return reply.status(204).send();
      },
    );

    app.delete(
      '/api/agents/:id/two-factor',
      {
        preHandler: guard('admin'),
        schema: {
          tags: ['agents'],
          summary: "Reset an agent's two-factor sign-in (lost phone and recovery codes); signs them out everywhere",
          params: IdParams,
          response: { 200: AgentSchema },
        },
      },
      async (req) => {
        const { actor } = authOf(req);
        const agent = await agents.get(koe.db, actor.workspaceId, req.params.id);
        if (!agent) throw notFound('Agent');
        await signIns.disableTotp(koe.db, agent.id);
        await sessions.deleteForAgent(koe.db, agent.id);
        await audit.log(koe.db, {
          workspaceId: actor.workspaceId,
          actor: byAgent(actor),
          action: 'auth.two_factor_reset',
          target: { type: 'agent', id: agent.id },
        });
        return toAgentDto((await agents.get(koe.db, actor.workspaceId, agent.id))!);
      },
    );
  };
