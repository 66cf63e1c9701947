import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { mergeCustomers, mergeSuggestions, undoMerge } from '../../desk/customer-merge';
import { notFound } from '../../domain/errors';
import { conversations, customerMerges, customers } from '../../store/repositories';
import { authOf, guard } from '../auth';
import type { Koe } from '../context';
import { IdParams, Items, NoContent } from '../../contracts/common';
import { CustomerSchema, MergeBody, MergeResultSchema, MergeSuggestionSchema } from '../../contracts/customers';

/** Customers: one person across channels (history, merge suggestions, merging and its undo). */
export const customerRoutes =
  (koe: Koe): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/customers/:id/merge-suggestions',
      {
        preHandler: guard(),
        schema: {
          tags: ['customers'],
          summary: 'Other customers who are probably the same person (same email, or same name on another channel)',
          params: IdParams,
          response: { 200: Items(MergeSuggestionSchema) },
        },
      },
      async (req) => ({
        items: await mergeSuggestions(koe.db, authOf(req).agent.workspaceId, req.params.id),
      }),
    );

    app.post(
      '/api/customers/:id/merge',
      {
        preHandler: guard(),
        schema: {
          tags: ['customers'],
          summary: 'Merge another customer (identities and conversations) into this one; undoable',
          params: IdParams,
          body: MergeBody,
          response: { 201: MergeResultSchema },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await mergeCustomers(koe.db, authOf(req).actor, req.params.id, req.body.sourceId)),
    );

    app.post(
      '/api/customer-merges/:id/undo',
      {
        preHandler: guard(),
        schema: {
          tags: ['customers'],
          summary: 'Undo a customer merge',
          params: IdParams,
          response: { 204: NoContent },
        },
      },
      async (req, reply) => {
        await undoMerge(koe.db, authOf(req).actor, req.params.id);
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/customers/:id',
      {
        preHandler: guard(),
        schema: {
          tags: ['customers'],
          summary: 'A customer with identities on every channel and their conversations',
          params: IdParams,
          response: { 200: CustomerSchema },
        },
      },
      async (req) => {
        const { agent } = authOf(req);
        const c = await customers.get(koe.db, agent.workspaceId, req.params.id);
        if (!c) throw notFound('Customer');
        const convs = await conversations.forCustomer(koe.db, agent.workspaceId, c.id);
        return {
          id: c.id,
          name: c.name,
          email: c.email,
          identities: await customers.identities(koe.db, c.id),
          conversations: convs.map((v) => ({
            id: v.id,
            status: v.status,
            firstResponseAt: v.firstResponseAt,
            channel: v.channel,
            lastMessageAt: v.lastMessageAt,
            preview: v.preview,
          })),
          merges: await customerMerges.into(koe.db, c.id),
        };
      },
    );
  };
