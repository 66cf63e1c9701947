import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../domain/errors';
import { audit, channels, type Channel } from '../../store/repositories';
import { authOf, guard } from '../auth';
import type { Koe } from '../context';
import { IdParams } from './dto';

const ChannelSchema = z.object({
  id: z.string(), kind: z.string(), name: z.string(), publicKey: z.string(), createdAt: z.string(),
  greeting: z.string().nullable(), embedSnippet: z.string().nullable(),
});

export const baseUrl = (koe: Koe, req: FastifyRequest) => koe.config.publicUrl ?? `${req.protocol}://${req.host}`;

export const toChannelDto = (c: Channel, base: string) => ({
  id: c.id, kind: c.kind, name: c.name, publicKey: c.publicKey, createdAt: c.createdAt,
  greeting: typeof c.settings.greeting === 'string' ? c.settings.greeting : null,
  embedSnippet: c.kind === 'webchat' ? `<script src="${base}/widget.js" data-channel="${c.publicKey}" async></script>` : null,
});

export const channelRoutes = (koe: Koe): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/channels', { preHandler: guard(), schema: { tags: ['channels'], response: { 200: z.object({ items: z.array(ChannelSchema) }) } } }, async (req) => ({
    items: (await channels.list(koe.db, authOf(req).agent.workspaceId)).map((c) => toChannelDto(c, baseUrl(koe, req))),
  }));

  app.post('/api/channels', {
    preHandler: guard('admin'),
    schema: {
      tags: ['channels'], summary: 'Add a channel (admin). Social platforms arrive with their adapters; web chat works now.',
      body: z.object({ kind: z.literal('webchat'), name: z.string().trim().min(1).max(100), greeting: z.string().trim().max(500).optional() }),
      response: { 201: ChannelSchema },
    },
  }, async (req, reply) => {
    const { actor } = authOf(req);
    const channel = await channels.create(koe.db, { workspaceId: actor.workspaceId, kind: req.body.kind, name: req.body.name, settings: { greeting: req.body.greeting ?? null } });
    await audit.log(koe.db, { workspaceId: actor.workspaceId, actor: { type: 'agent', id: actor.agentId, name: actor.name }, action: 'channel.created', target: { type: 'channel', id: channel.id }, detail: { kind: channel.kind, name: channel.name } });
    return reply.status(201).send(toChannelDto(channel, baseUrl(koe, req)));
  });

  app.delete('/api/channels/:id', { preHandler: guard('admin'), schema: { tags: ['channels'], summary: 'Disconnect a channel (history is kept)', params: IdParams } }, async (req, reply) => {
    const { actor } = authOf(req);
    if (!(await channels.remove(koe.db, actor.workspaceId, req.params.id))) throw notFound('Channel');
    await audit.log(koe.db, { workspaceId: actor.workspaceId, actor: { type: 'agent', id: actor.agentId, name: actor.name }, action: 'channel.deleted', target: { type: 'channel', id: req.params.id } });
    return reply.status(204).send();
  });
};
