import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, Items, NoContent } from '../../contracts/common';
import { SavedRepliesQuery, SavedReplyInput, SavedReplySchema, type SavedReply } from '../../contracts/saved-replies';
import { renderFor, replyValues } from '../../desk/saved-replies';
import { DomainError, forbidden, notFound } from '../../domain/errors';
import { hasRole } from '../../domain/permissions';
import { variablesOf } from '../../domain/reply-variables';
import { audit, byAgent, conversations, savedReplies } from '../../store/repositories';
import { langOf } from '../../texts/localized';
import { authOf, guard } from '../auth';
import type { Koe } from '../context';

/** A reply naming a variable Koe does not know would reach a customer with braces in it: refused on save. */
function checkVariables(input: SavedReplyInput) {
  const unknown = [input.bodies.ja, input.bodies.en].flatMap((b) => (b ? variablesOf(b).unknown : []));
  if (unknown.length)
    throw new DomainError(
      'validation',
      `bodies: unknown variable ${unknown.map((u) => `{{${u}}}`).join(', ')}`,
      [{ path: 'bodies', message: `unknown variable ${unknown.map((u) => `{{${u}}}`).join(', ')}` }],
      'unknown_reply_variable',
    );
}

export const savedReplyRoutes =
  (koe: Koe): FastifyPluginAsyncZod =>
  async (app) => {
    const viewerOf = (req: Parameters<typeof authOf>[0]) => {
      const { actor } = authOf(req);
      return { agentId: actor.agentId, canEditShared: hasRole(actor.role, 'supervisor') };
    };
    /** The reply if the asker may change it: shared ones by supervisors and admins, personal ones by their owner. */
    const editable = async (req: Parameters<typeof authOf>[0], id: string) => {
      const found = await savedReplies.visible(koe.db, authOf(req).actor.workspaceId, id, viewerOf(req));
      if (!found) throw notFound('Saved reply');
      if (!found.editable) throw forbidden('Only supervisors and admins change shared replies');
      return found;
    };
    const log = (req: Parameters<typeof authOf>[0], action: string, id: string, detail: Record<string, unknown>) =>
      audit.log(koe.db, {
        workspaceId: authOf(req).actor.workspaceId,
        actor: byAgent(authOf(req).actor),
        action,
        target: { type: 'saved_reply', id },
        detail,
      });

    app.get(
      '/api/saved-replies',
      {
        preHandler: guard(),
        schema: {
          tags: ['saved replies'],
          summary:
            'Shared replies and your own, most used first; with conversationId, each rendered in the customer’s language with its variables filled',
          querystring: SavedRepliesQuery,
          response: { 200: Items(SavedReplySchema) },
        },
      },
      async (req) => {
        const { agent, actor } = authOf(req);
        const items: SavedReply[] = await savedReplies.list(koe.db, actor.workspaceId, viewerOf(req));
        if (!req.query.conversationId) return { items };
        const row = await conversations.row(koe.db, actor.workspaceId, req.query.conversationId);
        if (!row) throw notFound('Conversation');
        const values = await replyValues(koe.db, row, agent.displayName || agent.name);
        const lang = langOf(agent.locale);
        return { items: items.map((r) => ({ ...r, rendered: renderFor(r.bodies, values, lang) })) };
      },
    );

    app.post(
      '/api/saved-replies',
      {
        preHandler: guard(),
        schema: {
          tags: ['saved replies'],
          summary: 'Save a reply: personal, or shared with every agent (supervisors and admins)',
          body: SavedReplyInput,
          response: { 201: SavedReplySchema },
        },
      },
      async (req, reply) => {
        const { actor } = authOf(req);
        if (req.body.shared && !hasRole(actor.role, 'supervisor'))
          throw forbidden('Only supervisors and admins share replies with every agent');
        checkVariables(req.body);
        const id = await savedReplies.create(koe.db, {
          workspaceId: actor.workspaceId,
          ownerId: req.body.shared ? null : actor.agentId,
          title: req.body.title,
          bodies: req.body.bodies,
        });
        await log(req, 'saved_reply.created', id, { title: req.body.title, shared: req.body.shared });
        return reply.status(201).send((await savedReplies.visible(koe.db, actor.workspaceId, id, viewerOf(req)))!);
      },
    );

    app.put(
      '/api/saved-replies/:id',
      {
        preHandler: guard(),
        schema: {
          tags: ['saved replies'],
          summary: 'Edit a saved reply (sharing a personal one needs a supervisor or admin)',
          params: IdParams,
          body: SavedReplyInput,
          response: { 200: SavedReplySchema },
        },
      },
      async (req) => {
        const { actor } = authOf(req);
        const found = await editable(req, req.params.id);
        if (req.body.shared !== found.shared && !hasRole(actor.role, 'supervisor'))
          throw forbidden('Only supervisors and admins share replies with every agent');
        checkVariables(req.body);
        await savedReplies.update(koe.db, actor.workspaceId, found.id, {
          ownerId: req.body.shared ? null : (found.owner?.id ?? actor.agentId),
          title: req.body.title,
          bodies: req.body.bodies,
        });
        await log(req, 'saved_reply.updated', found.id, { title: req.body.title, shared: req.body.shared });
        return (await savedReplies.visible(koe.db, actor.workspaceId, found.id, viewerOf(req)))!;
      },
    );

    app.delete(
      '/api/saved-replies/:id',
      {
        preHandler: guard(),
        schema: { tags: ['saved replies'], params: IdParams, response: { 204: NoContent } },
      },
      async (req, reply) => {
        const found = await editable(req, req.params.id);
        await savedReplies.delete(koe.db, authOf(req).actor.workspaceId, found.id);
        await log(req, 'saved_reply.deleted', found.id, { title: found.title });
        return reply.status(204).send();
      },
    );

    app.post(
      '/api/saved-replies/:id/uses',
      {
        preHandler: guard(),
        schema: {
          tags: ['saved replies'],
          summary: 'Count one use (the composer calls this when a reply is inserted)',
          params: IdParams,
          response: { 204: NoContent },
        },
      },
      async (req, reply) => {
        const { actor } = authOf(req);
        if (!(await savedReplies.visible(koe.db, actor.workspaceId, req.params.id, viewerOf(req))))
          throw notFound('Saved reply');
        await savedReplies.used(koe.db, actor.workspaceId, req.params.id);
        return reply.status(204).send();
      },
    );
  };
