import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  acknowledgeIncident,
  declareIncident,
  incidentDetail,
  linkConversations,
  resolveIncident,
  unlinkConversations,
} from '../../desk/incidents';
import { incidents, spikeAlerts } from '../../store/repositories';
import { authOf, guard } from '../auth';
import type { Koe } from '../context';
import { IdParams, Items } from '../../contracts/common';
import {
  AcknowledgeResultSchema,
  DeclareIncidentBody,
  IncidentDetailSchema,
  IncidentListQuery,
  IncidentSchema,
  LinkConversationsBody,
  ResolveIncidentBody,
  SpikeAlertSchema,
  SpikeListQuery,
} from '../../contracts/incidents';

export const incidentRoutes =
  (koe: Koe): FastifyPluginAsyncZod =>
  async (app) => {
    const deps = { db: koe.db, bus: koe.bus, log: koe.log, jobs: koe.jobs, adapters: koe.adapters };

    app.get(
      '/api/incidents',
      {
        preHandler: guard(),
        schema: {
          tags: ['incidents'],
          summary: 'Declared incidents, newest first',
          querystring: IncidentListQuery,
          response: { 200: Items(IncidentSchema) },
        },
      },
      async (req) => ({ items: await incidents.list(koe.db, authOf(req).agent.workspaceId, req.query.status) }),
    );

    app.get(
      '/api/incidents/spikes',
      {
        preHandler: guard(),
        schema: {
          tags: ['incidents'],
          summary: 'Spike alerts raised recently, newest first',
          querystring: SpikeListQuery,
          response: { 200: Items(SpikeAlertSchema) },
        },
      },
      async (req) => ({
        items: await spikeAlerts.since(
          koe.db,
          authOf(req).agent.workspaceId,
          new Date(Date.now() - req.query.sinceHours * 3_600_000).toISOString(),
        ),
      }),
    );

    app.get(
      '/api/incidents/:id',
      {
        preHandler: guard(),
        schema: {
          tags: ['incidents'],
          summary: 'An incident with its linked conversations',
          params: IdParams,
          response: { 200: IncidentDetailSchema },
        },
      },
      async (req) => incidentDetail(koe.db, authOf(req).agent.workspaceId, req.params.id),
    );

    app.post(
      '/api/incidents',
      {
        preHandler: guard('supervisor'),
        schema: {
          tags: ['incidents'],
          summary: 'Declare an incident: links the matching open conversations of the last linkSinceMinutes',
          body: DeclareIncidentBody,
          response: { 201: IncidentSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await declareIncident(deps, authOf(req).actor, req.body)),
    );

    app.post(
      '/api/incidents/:id/acknowledge',
      {
        preHandler: guard('supervisor'),
        schema: {
          tags: ['incidents'],
          summary:
            'Send the acknowledgement to every linked conversation not answered yet, signed by you; they then wait on the customer',
          params: IdParams,
          response: { 200: AcknowledgeResultSchema },
        },
      },
      async (req) => acknowledgeIncident(deps, authOf(req).actor, req.params.id),
    );

    app.post(
      '/api/incidents/:id/resolve',
      {
        preHandler: guard('supervisor'),
        schema: {
          tags: ['incidents'],
          summary:
            'Send the follow-up to every answered linked conversation and resolve the incident (409 when already resolved)',
          params: IdParams,
          body: ResolveIncidentBody,
          response: { 200: IncidentSchema },
        },
      },
      async (req) => resolveIncident(deps, authOf(req).actor, req.params.id, req.body),
    );

    app.post(
      '/api/incidents/:id/link',
      {
        preHandler: guard('supervisor'),
        schema: {
          tags: ['incidents'],
          summary: 'Link conversations to an open incident',
          params: IdParams,
          body: LinkConversationsBody,
          response: { 200: IncidentDetailSchema },
        },
      },
      async (req) => {
        const { actor } = authOf(req);
        await linkConversations(deps, actor, req.params.id, req.body.conversationIds);
        return incidentDetail(koe.db, actor.workspaceId, req.params.id);
      },
    );

    app.post(
      '/api/incidents/:id/unlink',
      {
        preHandler: guard('supervisor'),
        schema: {
          tags: ['incidents'],
          summary: 'Remove conversations from an open incident',
          params: IdParams,
          body: LinkConversationsBody,
          response: { 200: IncidentDetailSchema },
        },
      },
      async (req) => {
        const { actor } = authOf(req);
        await unlinkConversations(deps, actor, req.params.id, req.body.conversationIds);
        return incidentDetail(koe.db, actor.workspaceId, req.params.id);
      },
    );
  };
