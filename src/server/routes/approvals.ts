import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApprovalSchema, ApprovalsQuery, ApproveBody, RejectBody } from '../../contracts/approvals';
import { IdParams, Items, NoContent } from '../../contracts/common';
import { approveReply, rejectReply, withdrawReply } from '../../desk/approvals';
import { approvals } from '../../store/repositories';
import { authOf, guard } from '../auth';
import type { Koe } from '../context';

/** Public replies held for a supervisor (desk setting approvals): the queue, approve (or edit and approve), send back. */
export const approvalRoutes =
  (koe: Koe): FastifyPluginAsyncZod =>
  async (app) => {
    const deps = koe.conversationDeps;
    app.get(
      '/api/approvals',
      {
        preHandler: guard('supervisor'),
        schema: {
          tags: ['conversations'],
          summary: 'Replies waiting for approval (oldest first), or decided ones (newest first)',
          querystring: ApprovalsQuery,
          response: { 200: Items(ApprovalSchema) },
        },
      },
      async (req) => ({ items: await approvals.list(koe.db, authOf(req).actor.workspaceId, req.query.status) }),
    );

    app.post(
      '/api/approvals/:id/approve',
      {
        preHandler: guard('supervisor'),
        schema: {
          tags: ['conversations'],
          summary: 'Approve a held reply, optionally edited: it is sent as the author’s reply',
          params: IdParams,
          body: ApproveBody,
          response: { 200: ApprovalSchema },
        },
      },
      async (req) => approveReply(deps, authOf(req).actor, req.params.id, req.body.text),
    );

    app.post(
      '/api/approvals/:id/reject',
      {
        preHandler: guard('supervisor'),
        schema: {
          tags: ['conversations'],
          summary: 'Send a held reply back to its author with a note (nothing reaches the customer)',
          params: IdParams,
          body: RejectBody,
          response: { 200: ApprovalSchema },
        },
      },
      async (req) => rejectReply(deps, authOf(req).actor, req.params.id, req.body.note),
    );

    app.delete(
      '/api/approvals/:id',
      {
        preHandler: guard(),
        schema: {
          tags: ['conversations'],
          summary: 'The author withdraws a held reply',
          params: IdParams,
          response: { 204: NoContent },
        },
      },
      async (req, reply) => {
        await withdrawReply(deps, authOf(req).actor, req.params.id);
        return reply.status(204).send();
      },
    );
  };
