import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acknowledgeIncident,
  declareIncident,
  incidentDetail,
  linkConversations,
  resolveIncident,
  unlinkConversations,
} from '../../desk/incidents';
import { incidents, spikeAlerts } from '../../store/repositories';
import { URGENT_CATEGORIES } from '../../triage/types';
import { authOf, guard } from '../auth';
import type { Koe } from '../context';
import { IdParams } from './dto';

const UrgentCategory = z.enum([...URGENT_CATEGORIES] as [string, ...string[]]);
const Text = z.string().trim().max(1000).default('');

export const IncidentSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(['open', 'resolved']),
  categories: z.array(z.string()),
  keywords: z.array(z.string()),
  ackJa: z.string(),
  ackEn: z.string(),
  autoAcknowledge: z.boolean(),
  followUpJa: z.string().nullable(),
  followUpEn: z.string().nullable(),
  declaredBy: z.object({ id: z.string(), name: z.string() }),
  declaredAt: z.string(),
  resolvedAt: z.string().nullable(),
  linkedCount: z.number().int(),
  acknowledgedCount: z.number().int().describe('linked conversations whose customer has had a first response'),
});

export const IncidentDetailSchema = IncidentSchema.extend({
  conversations: z.array(
    z.object({
      id: z.string(),
      customerName: z.string(),
      channelType: z.string(),
      status: z.string(),
      preview: z.string(),
      firstResponseAt: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});

export const SpikeAlertSchema = z.object({
  id: z.string(),
  category: z.string(),
  observed: z.number().int(),
  expected: z.number().describe('what the 24-hour baseline predicts for the window'),
  at: z.string(),
  incidentId: z.string().nullable(),
});

const DeclareBody = z
  .object({
    title: z.string().trim().min(1, 'must not be empty').max(120),
    categories: z.array(UrgentCategory).min(1, 'name at least one category').max(URGENT_CATEGORIES.size),
    keywords: z.array(z.string().trim().min(1, 'must not be empty').max(40)).max(20).default([]),
    ackJa: Text,
    ackEn: Text,
    autoAcknowledge: z.boolean().default(true),
    linkSinceMinutes: z.number().int().min(1).max(1440).default(60),
  })
  .refine((b) => b.ackJa !== '' || b.ackEn !== '', {
    message: 'write the acknowledgement in Japanese, English or both',
    path: ['ackJa'],
  });

const ResolveBody = z
  .object({ followUpJa: Text, followUpEn: Text })
  .refine((b) => b.followUpJa !== '' || b.followUpEn !== '', {
    message: 'write the follow-up in Japanese, English or both',
    path: ['followUpJa'],
  });

const LinkBody = z.object({ conversationIds: z.array(z.string().min(1).max(100)).min(1).max(500) });

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
          querystring: z.object({ status: z.enum(['open', 'resolved', 'all']).default('open') }),
          response: { 200: z.object({ items: z.array(IncidentSchema) }) },
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
          querystring: z.object({ sinceHours: z.coerce.number().int().min(1).max(720).default(24) }),
          response: { 200: z.object({ items: z.array(SpikeAlertSchema) }) },
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
          body: DeclareBody,
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
          response: { 200: z.object({ sent: z.number().int(), skipped: z.number().int() }) },
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
          body: ResolveBody,
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
          body: LinkBody,
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
          body: LinkBody,
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
