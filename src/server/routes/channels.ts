import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { channelPlugins } from '../../channels/registry';
import { DomainError, invalid, notFound } from '../../domain/errors';
import { encryptSecret } from '../../security/secrets';
import { audit, channels, type Channel, type ChannelKind, byAgent } from '../../store/repositories';
import { authOf, guard } from '../auth';
import type { Koe } from '../context';
import { IdParams, Items, NoContent } from '../../contracts/common';
import {
  AnswerBotBody,
  ChannelSchema,
  ChannelTestSchema,
  CredentialsBody,
  NewChannelBody,
} from '../../contracts/channels';
import { botEnabled, setChannelAnswerBot } from '../../desk/answer-bot';

const pluginFor = (kind: string) => channelPlugins.find((p) => p.kinds.includes(kind as ChannelKind));

/** Validates an admin's credentials with the platform plugin's schema and seals them (AES-256-GCM). */
function sealCredentials(koe: Koe, kind: string, credentials: unknown): string {
  const plugin = pluginFor(kind);
  if (!plugin) throw invalid('kind', `${kind} channels are not available in this build`);
  const parsed = plugin.credentialsSchema.safeParse(credentials ?? {});
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({
      path: ['body', 'credentials', ...i.path.map(String)].join('.'),
      message: i.message,
    }));
    throw new DomainError(
      'validation',
      `Invalid credentials: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
      errors,
    );
  }
  return encryptSecret(koe.config.secretKey, JSON.stringify(parsed.data));
}

export const baseUrl = (koe: Koe, req: FastifyRequest) => koe.config.publicUrl ?? `${req.protocol}://${req.host}`;

export const toChannelDto = (c: Channel, base: string) => ({
  id: c.id,
  kind: c.kind,
  name: c.name,
  publicKey: c.publicKey,
  createdAt: c.createdAt,
  greeting: typeof c.settings.greeting === 'string' ? c.settings.greeting : null,
  embedSnippet:
    c.kind === 'webchat' ? `<script src="${base}/widget.js" data-channel="${c.publicKey}" async></script>` : null,
  webhookUrl: c.kind === 'webchat' ? null : `${base}/webhooks/${c.kind}/${c.id}`,
  hasCredentials: c.hasCredentials,
  answerBot: botEnabled(c.settings),
});

export const channelRoutes =
  (koe: Koe): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/channels',
      {
        preHandler: guard(),
        schema: { tags: ['channels'], response: { 200: Items(ChannelSchema) } },
      },
      async (req) => ({
        items: await Promise.all(
          (await channels.list(koe.db, authOf(req).agent.workspaceId)).map(async (c) => ({
            ...toChannelDto(c, baseUrl(koe, req)),
            health: await channels.health(koe.db, c.id),
          })),
        ),
      }),
    );

    app.post(
      '/api/channels',
      {
        preHandler: guard('admin'),
        schema: {
          tags: ['channels'],
          summary: 'Add a channel (admin). Social platforms arrive with their adapters; web chat works now.',
          body: NewChannelBody,
          response: { 201: ChannelSchema },
        },
      },
      async (req, reply) => {
        const { actor } = authOf(req);
        const credentialsEnc =
          req.body.kind === 'webchat' ? undefined : sealCredentials(koe, req.body.kind, req.body.credentials);
        const channel = await channels.create(koe.db, {
          workspaceId: actor.workspaceId,
          kind: req.body.kind,
          name: req.body.name,
          settings: { greeting: req.body.greeting ?? null },
          credentialsEnc,
        });
        await audit.log(koe.db, {
          workspaceId: actor.workspaceId,
          actor: byAgent(actor),
          action: 'channel.created',
          target: { type: 'channel', id: channel.id },
          detail: { kind: channel.kind, name: channel.name },
        });
        return reply.status(201).send(toChannelDto(channel, baseUrl(koe, req)));
      },
    );

    app.put(
      '/api/channels/:id/credentials',
      {
        preHandler: guard('admin'),
        schema: {
          tags: ['channels'],
          summary: "Replace a channel's credentials (stored encrypted)",
          params: IdParams,
          body: CredentialsBody,
          response: { 204: NoContent },
        },
      },
      async (req, reply) => {
        const { actor } = authOf(req);
        const c = await channels.get(koe.db, actor.workspaceId, req.params.id);
        if (!c || c.kind === 'webchat') throw notFound('Channel');
        await channels.setCredentials(koe.db, c.id, sealCredentials(koe, c.kind, req.body.credentials));
        await audit.log(koe.db, {
          workspaceId: actor.workspaceId,
          actor: byAgent(actor),
          action: 'channel.credentials_updated',
          target: { type: 'channel', id: c.id },
        });
        return reply.status(204).send();
      },
    );

    app.put(
      '/api/channels/:id/answer-bot',
      {
        preHandler: guard('admin'),
        schema: {
          tags: ['channels'],
          summary: 'Turn the answer bot on or off for a channel (web chat, LINE, Messenger, Instagram)',
          params: IdParams,
          body: AnswerBotBody,
          response: { 200: ChannelSchema },
        },
      },
      async (req) => {
        const { actor } = authOf(req);
        await setChannelAnswerBot(koe.db, actor, req.params.id, req.body.enabled);
        return toChannelDto((await channels.get(koe.db, actor.workspaceId, req.params.id))!, baseUrl(koe, req));
      },
    );

    app.post(
      '/api/channels/:id/test',
      {
        preHandler: guard('admin'),
        schema: {
          tags: ['channels'],
          summary: 'Test the connection to the platform',
          params: IdParams,
          response: { 200: ChannelTestSchema },
        },
      },
      async (req) => {
        const c = await channels.get(koe.db, authOf(req).agent.workspaceId, req.params.id);
        if (!c) throw notFound('Channel');
        if (c.kind === 'webchat') return { ok: true, detail: 'The web chat channel is served by Koe itself.' };
        const plugin = pluginFor(c.kind);
        if (!plugin?.test) return { ok: false, detail: `No connection test for ${c.kind}` };
        return plugin.test(koe.channelCtx, c);
      },
    );

    app.delete(
      '/api/channels/:id',
      {
        preHandler: guard('admin'),
        schema: {
          tags: ['channels'],
          summary: 'Disconnect a channel (history is kept)',
          params: IdParams,
          response: { 204: NoContent },
        },
      },
      async (req, reply) => {
        const { actor } = authOf(req);
        if (!(await channels.remove(koe.db, actor.workspaceId, req.params.id))) throw notFound('Channel');
        await audit.log(koe.db, {
          workspaceId: actor.workspaceId,
          actor: byAgent(actor),
          action: 'channel.deleted',
          target: { type: 'channel', id: req.params.id },
        });
        return reply.status(204).send();
      },
    );
  };
