import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { langOf } from '../../texts/localized';
import { assignWaiting } from '../../desk/assign';
import { runAutomation } from '../../desk/automation';
import { escalationBoard } from '../../desk/board';
import { acceptEscalation, escalate, handoffDraft } from '../../desk/escalate';
import { sendTestNotification } from '../../desk/notify-external';
import { deskSettings, mergeDeskSettings, publicDeskSettings, type DeskSettings } from '../../desk/settings';
import { encryptSecret } from '../../security/secrets';
import { invalid } from '../../domain/errors';
import { notifications, agents, audit, teams, byAgent } from '../../store/repositories';
import { authOf, guard } from '../auth';
import type { Koe } from '../context';
import { toAgentDto } from './dto';
import { AgentSchema } from '../../contracts/agents';
import { IdParams, Items, NoContent } from '../../contracts/common';
import {
  AppNotificationSchema,
  CapacityBody,
  DeskSettingsInputSchema,
  DeskSettingsViewSchema,
  EscalateBody,
  EscalationBoardQuery,
  EscalationBoardSchema,
  EscalationCreatedSchema,
  HandoffDraftSchema,
  MarkReadBody,
  NotificationListQuery,
  NotificationTestBody,
  NotificationTestResultSchema,
  PresenceBody,
  PresenceSetSchema,
  TeamBody,
  TeamSchema,
} from '../../contracts/routing';

export const routingRoutes =
  (koe: Koe): FastifyPluginAsyncZod =>
  async (app) => {
    const deps = { db: koe.db, bus: koe.bus, log: koe.log, jobs: koe.jobs };

    app.post(
      '/api/conversations/:id/escalations',
      {
        preHandler: guard(),
        schema: {
          tags: ['routing'],
          summary: 'Escalate (or de-escalate) to a level, team or person with a hand-off note',
          params: IdParams,
          body: EscalateBody,
          response: { 201: EscalationCreatedSchema },
        },
      },
      async (req, reply) => {
        const { actor } = authOf(req);
        const r = await escalate(deps, {
          workspaceId: actor.workspaceId,
          conversationId: req.params.id,
          by: actor,
          ...req.body,
        });
        await runAutomation(
          { ...deps, adapters: koe.adapters },
          actor.workspaceId,
          req.params.id,
          'conversation.escalated',
        );
        return reply.status(201).send(r);
      },
    );

    app.get(
      '/api/conversations/:id/handoff-draft',
      {
        preHandler: guard(),
        schema: {
          tags: ['routing'],
          summary: 'Summary facts to start a hand-off note from',
          params: IdParams,
          response: { 200: HandoffDraftSchema },
        },
      },
      async (req) => ({
        text: await handoffDraft(
          koe.db,
          authOf(req).agent.workspaceId,
          req.params.id,
          langOf(authOf(req).agent.locale),
        ),
      }),
    );

    app.post(
      '/api/escalations/:id/accept',
      {
        preHandler: guard(),
        schema: {
          tags: ['routing'],
          summary: 'Accept an escalation (takes the conversation if unowned)',
          params: IdParams,
          response: { 204: NoContent },
        },
      },
      async (req, reply) => {
        await acceptEscalation(deps, authOf(req).actor, req.params.id);
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/escalations',
      {
        preHandler: guard('supervisor'),
        schema: {
          tags: ['routing'],
          summary:
            'Supervisor board: escalations in flight with age, owner, level and SLA; time to accept/resolve per level',
          querystring: EscalationBoardQuery,
          response: { 200: EscalationBoardSchema },
        },
      },
      async (req) => {
        const ws = authOf(req).agent.workspaceId;
        return escalationBoard(koe.db, ws, await deskSettings.get(koe.db, ws), {
          level: req.query.level,
          status: req.query.status,
          ownerId: req.query.owner,
        });
      },
    );

    app.get(
      '/api/notifications',
      {
        preHandler: guard(),
        schema: {
          tags: ['routing'],
          querystring: NotificationListQuery,
          response: { 200: Items(AppNotificationSchema) },
        },
      },
      async (req) => ({
        items: await notifications.forAgent(koe.db, authOf(req).agent.id, req.query.unread === '1'),
      }),
    );

    app.post(
      '/api/notifications/read',
      {
        preHandler: guard(),
        schema: { tags: ['routing'], body: MarkReadBody, response: { 204: NoContent } },
      },
      async (req, reply) => {
        await notifications.markRead(koe.db, authOf(req).agent.id, req.body.ids ?? 'all');
        return reply.status(204).send();
      },
    );

    app.put(
      '/api/me/presence',
      {
        preHandler: guard(),
        schema: {
          tags: ['routing'],
          summary: 'Set presence; coming online hands you waiting work',
          body: PresenceBody,
          response: { 200: PresenceSetSchema },
        },
      },
      async (req) => {
        const { agent } = authOf(req);
        const updated = (await agents.update(koe.db, agent.workspaceId, agent.id, { presence: req.body.presence }))!;
        if (req.body.presence === 'online') await assignWaiting(deps, agent.workspaceId);
        return { agent: toAgentDto(updated) };
      },
    );

    app.patch(
      '/api/agents/:id/routing',
      {
        preHandler: guard('admin'),
        schema: {
          tags: ['routing'],
          params: IdParams,
          body: CapacityBody,
          response: { 200: AgentSchema },
        },
      },
      async (req) => {
        const { actor } = authOf(req);
        const a = await agents.update(koe.db, actor.workspaceId, req.params.id, { capacity: req.body.capacity });
        if (!a) throw invalid('id', 'is not an agent of this workspace');
        return toAgentDto(a);
      },
    );

    app.get(
      '/api/teams',
      { preHandler: guard(), schema: { tags: ['routing'], response: { 200: Items(TeamSchema) } } },
      async (req) => ({ items: await teams.list(koe.db, authOf(req).agent.workspaceId) }),
    );

    app.post(
      '/api/teams',
      {
        preHandler: guard('admin'),
        schema: {
          tags: ['routing'],
          body: TeamBody,
          response: { 201: TeamSchema },
        },
      },
      async (req, reply) => {
        const { actor } = authOf(req);
        const members = await agents.list(koe.db, actor.workspaceId);
        const unknown = req.body.memberIds.find((id) => !members.some((m) => m.id === id));
        if (unknown) throw invalid('memberIds', `${unknown} is not an agent of this workspace`);
        const team = await teams.create(koe.db, actor.workspaceId, req.body.name, req.body.memberIds);
        await audit.log(koe.db, {
          workspaceId: actor.workspaceId,
          actor: byAgent(actor),
          action: 'team.created',
          target: { type: 'team', id: team.id },
          detail: { name: team.name },
        });
        return reply.status(201).send(team);
      },
    );

    const smtpConfigured = Boolean(koe.config.mail.smtpUrl);
    const shown = (settings: DeskSettings, role: string) =>
      publicDeskSettings(settings, { admin: role === 'admin', smtpConfigured });

    app.get(
      '/api/settings/desk',
      {
        preHandler: guard(),
        schema: {
          tags: ['routing'],
          summary: 'Auto-assignment, SLA and notification settings (the webhook secret is never returned)',
          response: { 200: DeskSettingsViewSchema },
        },
      },
      async (req) => {
        const { agent } = authOf(req);
        return shown(await deskSettings.get(koe.db, agent.workspaceId), agent.role);
      },
    );

    app.put(
      '/api/settings/desk',
      {
        preHandler: guard('admin'),
        schema: { tags: ['routing'], body: DeskSettingsInputSchema, response: { 200: DeskSettingsViewSchema } },
      },
      async (req) => {
        const { actor } = authOf(req);
        const stored = await deskSettings.get(koe.db, actor.workspaceId);
        const next = mergeDeskSettings(stored, req.body, (plain) => encryptSecret(koe.config.secretKey, plain));
        await deskSettings.save(koe.db, actor.workspaceId, next);
        const saved = shown(next, actor.role);
        await audit.log(koe.db, {
          workspaceId: actor.workspaceId,
          actor: byAgent(actor),
          action: 'settings.desk_updated',
          detail: saved,
        });
        return saved;
      },
    );

    app.post(
      '/api/settings/desk/notifications/test',
      {
        preHandler: guard('admin'),
        schema: {
          tags: ['routing'],
          summary: 'Send a test event through the saved webhook (or an email to yourself) now',
          body: NotificationTestBody,
          response: { 200: NotificationTestResultSchema },
        },
      },
      async (req) => {
        const { agent } = authOf(req);
        return sendTestNotification(
          { db: koe.db, log: koe.log, config: koe.config },
          agent.workspaceId,
          req.body.target,
          agent.email,
        );
      },
    );
  };
