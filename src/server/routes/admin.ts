import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { conflict } from '../../domain/errors';
import { apiTokens, audit, byAgent, inboundEvents, jobRows } from '../../store/repositories';
import { IdParams, Items } from '../../contracts/common';
import {
  AuditEntrySchema,
  AuditQuery,
  EventStream,
  INBOUND_EVENT_STATUSES,
  InboundEventSchema,
  JOB_STATUSES,
  InboundEventsQuery,
  JobRetrySchema,
  JobsQuery,
  JobsSchema,
  NewTokenBody,
  NewTokenSchema,
} from '../../contracts/admin';
import { authOf, guard } from '../auth';
import type { Koe } from '../context';
import { streamTopic } from '../sse';
import { topics } from '../../realtime/bus';
import type { ChannelKind } from '../../domain/channel-kinds';

export const adminRoutes =
  (koe: Koe): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/audit',
      {
        preHandler: guard('supervisor'),
        schema: {
          tags: ['admin'],
          summary: 'Audit log, newest first',
          querystring: AuditQuery,
          response: { 200: Items(AuditEntrySchema) },
        },
      },
      async (req) => ({
        items: await audit.list(koe.db, authOf(req).agent.workspaceId, req.query.limit),
      }),
    );

    app.post(
      '/api/tokens',
      {
        preHandler: guard('admin'),
        schema: {
          tags: ['admin'],
          summary: 'Create an API token for machine clients (shown once)',
          body: NewTokenBody,
          response: { 201: NewTokenSchema },
        },
      },
      async (req, reply) => {
        const { actor } = authOf(req);
        const t = await apiTokens.create(koe.db, actor.workspaceId, actor.agentId, req.body.name);
        await audit.log(koe.db, {
          workspaceId: actor.workspaceId,
          actor: byAgent(actor),
          action: 'api_token.created',
          target: { type: 'api_token', id: t.id },
          detail: { name: t.name },
        });
        return reply.status(201).send(t);
      },
    );

    // Failures stay visible: jobs that exhausted their retries and inbound events that could not be processed.
    app.get(
      '/api/admin/jobs',
      {
        preHandler: guard('admin'),
        schema: {
          tags: ['admin'],
          summary: 'Background jobs by status (failed ones keep their last error)',
          querystring: JobsQuery,
          response: { 200: JobsSchema },
        },
      },
      async (req) => {
        const { rows, counts } = await jobRows.list(koe.db, req.query.status, req.query.limit);
        return {
          counts,
          items: rows.map((r) => ({
            id: r.id,
            name: r.name,
            status: r.status as (typeof JOB_STATUSES)[number],
            attempts: Number(r.attempts),
            maxAttempts: Number(r.max_attempts),
            lastError: r.last_error,
            runAt: r.run_at,
            updatedAt: r.updated_at,
            payload: JSON.parse(r.payload),
          })),
        };
      },
    );

    app.post(
      '/api/admin/jobs/:id/retry',
      {
        preHandler: guard('admin'),
        schema: {
          tags: ['admin'],
          summary: 'Run a failed job again',
          params: IdParams,
          response: { 202: JobRetrySchema },
        },
      },
      async (req, reply) => {
        if (!(await jobRows.retryFailed(koe.db, req.params.id, new Date().toISOString()))) {
          throw conflict('Only a failed job can be retried');
        }
        const { actor } = authOf(req);
        await audit.log(koe.db, {
          workspaceId: actor.workspaceId,
          actor: byAgent(actor),
          action: 'job.retried',
          target: { type: 'job', id: req.params.id },
        });
        return reply.status(202).send({ id: req.params.id, status: 'queued' });
      },
    );

    app.get(
      '/api/admin/inbound-events',
      {
        preHandler: guard('admin'),
        schema: {
          tags: ['admin'],
          summary: 'Inbound events (failed ones are parked with their error, never dropped)',
          querystring: InboundEventsQuery,
          response: { 200: Items(InboundEventSchema) },
        },
      },
      async (req) => {
        const ws = authOf(req).agent.workspaceId;
        const rows = await inboundEvents.forWorkspace(koe.db, ws, req.query.status, req.query.limit);
        return {
          items: rows.map((r) => ({
            id: r.id,
            channel: { id: r.channel_id, kind: r.kind as ChannelKind, name: r.name },
            externalId: r.external_id,
            status: r.status as (typeof INBOUND_EVENT_STATUSES)[number],
            error: r.error,
            receivedAt: r.received_at,
            processedAt: r.processed_at,
          })),
        };
      },
    );

    app.get(
      '/api/events',
      {
        preHandler: guard(),
        schema: {
          tags: ['realtime'],
          summary: 'Server-Sent Events: conversation.updated, message.created, message.updated',
          response: { 200: { content: { 'text/event-stream': { schema: EventStream } } } },
        },
      },
      async (req, reply) => {
        const { agent } = authOf(req);
        // The workspace's inbox events, plus notifications addressed to this agent.
        streamTopic(req, reply, koe.bus, [topics.workspace(agent.workspaceId), topics.agent(agent.id)]);
      },
    );
  };
