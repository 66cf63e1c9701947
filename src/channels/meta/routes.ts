import { channels } from '../../store/repositories';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { DomainError } from '../../domain/errors';
import type { ChannelContext } from '../plugin';
import { readMetaCredentials, type MetaCredentials } from './credentials';
import { parseMetaWebhook } from './parse';
import { readSignedJson } from '../schema-reason';
import { hubChallenge, isValidHubSignature } from './verify';

type Params = { channelId: string };

/** The channel behind a webhook URL, only while it exists, has this kind and has credentials. */
async function channelCredentials(ctx: ChannelContext, kind: string, channelId: string): Promise<MetaCredentials> {
  const row = await channels.live(ctx.db, channelId, kind as 'facebook' | 'instagram');
  if (!row?.hasCredentials) throw new DomainError('not_found', 'Channel not found');
  return readMetaCredentials(await ctx.credentials(channelId));
}

const unauthorized = () => new DomainError('unauthenticated', 'Invalid or missing X-Hub-Signature-256');

/** GET answers Meta's subscription handshake; POST takes signed events, records them, then acknowledges. */
export async function metaWebhookRoutes(app: FastifyInstance, ctx: ChannelContext): Promise<void> {
  for (const kind of ['facebook', 'instagram'] as const) {
    app.get<{ Params: Params; Querystring: Record<string, unknown> }>(
      `/webhooks/${kind}/:channelId`,
      { schema: { hide: true } },
      async (req, reply: FastifyReply) => {
        const creds = await channelCredentials(ctx, kind, req.params.channelId);
        const challenge = hubChallenge(req.query, creds.verifyToken);
        if (challenge === null) throw new DomainError('forbidden', 'The verify token does not match this channel');
        return reply.type('text/plain').send(challenge);
      },
    );

    app.post<{ Params: Params }>(`/webhooks/${kind}/:channelId`, { schema: { hide: true } }, async (req, reply) => {
      const { channelId } = req.params;
      const creds = await channelCredentials(ctx, kind, channelId);
      const raw = Buffer.isBuffer(req.body) ? req.body : null;
      if (!raw) throw unauthorized();
      const header = req.headers['x-hub-signature-256'];
      if (!isValidHubSignature(creds.appSecret, raw, Array.isArray(header) ? header[0] : header)) {
        req.log.warn({ channelId }, 'meta webhook rejected: bad signature');
        throw unauthorized();
      }
      // Signed by Meta but unreadable: kept with the reason for admins and acknowledged (Meta disables failing webhooks).
      const parsed = readSignedJson(raw, (body) =>
        parseMetaWebhook(body, { channelId, pageId: creds.pageId, igAccountId: creds.igAccountId }, kind),
      );
      if ('invalid' in parsed) {
        await ctx.reject(channelId, parsed.payload, parsed.invalid);
        return reply.type('text/plain').send('EVENT_RECEIVED');
      }
      if (parsed.ignored.length)
        ctx.log.info({ channelId, ignored: parsed.ignored }, 'meta webhook: events Koe does not handle');
      for (const part of parsed.rejected) await ctx.reject(channelId, part.payload, part.reason);
      // In order, so messages of one delivery keep their order; duplicates are absorbed by record().
      for (const event of parsed.events) {
        // A tapped quick reply (a survey score) is an answer when the desk takes it as this customer's; otherwise
        // it is what it also is on the platform, a message with the button's title.
        const payload = parsed.quickReplies.get(event.externalId);
        if (payload !== undefined && (await ctx.choiceTapped(channelId, event.customer.externalId, payload))) continue;
        await ctx.record(event);
      }
      return reply.type('text/plain').send('EVENT_RECEIVED');
    });
  }
}
