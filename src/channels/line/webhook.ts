import { channels } from '../../store/repositories';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError, notFound } from '../../domain/errors';
import type { ChannelContext } from '../plugin';
import type { LineCredentials } from './credentials';
import { customerIdOf, parseLineBody, readLineEvent, toInboundEvent } from './parse';
import { isValidLineSignature } from './verify';

const rawBodyOf = (req: FastifyRequest) =>
  Buffer.isBuffer(req.body) ? req.body : Buffer.from(typeof req.body === 'string' ? req.body : '');

/** A connected (not deleted) LINE channel; its id is the last segment of the webhook URL. */
async function lineChannel(ctx: ChannelContext, channelId: string) {
  return (await channels.live(ctx.db, channelId, 'line'))?.id;
}

export async function lineWebhookRoutes(app: FastifyInstance, ctx: ChannelContext): Promise<void> {
  app.post<{ Params: { channelId: string } }>(
    '/webhooks/line/:channelId',
    { schema: { hide: true } },
    async (req, reply) => {
      const channelId = await lineChannel(ctx, req.params.channelId);
      if (!channelId) throw notFound('LINE channel');
      const creds = await ctx.credentials<LineCredentials>(channelId);
      const raw = rawBodyOf(req);
      // Verify the exact bytes before reading anything from them.
      if (!creds.channelSecret || !isValidLineSignature(raw, creds.channelSecret, req.headers['x-line-signature'])) {
        req.log.warn(
          { channelId, hasSignature: Boolean(req.headers['x-line-signature']) },
          'LINE webhook rejected: bad signature',
        );
        throw new DomainError('unauthenticated', 'Missing or invalid x-line-signature');
      }
      const body = parseLineBody(raw);
      // Signed by LINE but unreadable: kept with the reason for admins and acknowledged, so LINE does not retry it forever.
      if ('invalid' in body) {
        await ctx.reject(channelId, raw.toString('utf8'), body.invalid);
        return reply.status(200).send({ ok: true, recorded: 0, rejected: 1 });
      }

      // Events are recorded in delivery order; the ack waits for all of them so a failure makes LINE redeliver.
      let recorded = 0;
      let rejected = 0;
      for (const rawEvent of body.events) {
        const item = readLineEvent(rawEvent);
        if (item.kind === 'invalid') {
          await ctx.reject(channelId, rawEvent, item.reason);
          rejected++;
        } else if (item.kind === 'message') {
          // Recorded under a placeholder name: the processing job reads the sender's profile (the plugin's enrich), so
          // LINE's profile API never delays the acknowledgement.
          const r = await ctx.record(toInboundEvent(channelId, item.event, item.origin));
          if (r.rejected) rejected++;
          else if (!r.duplicate) recorded++;
        } else if (item.kind === 'postback') {
          // A tapped quick-reply button (a survey score): the desk checks it is this customer's own survey.
          const taken = await ctx.choiceTapped(channelId, customerIdOf(item.origin), item.data);
          if (!taken) req.log.info({ channelId }, 'LINE postback not for Koe, or no longer answerable; ignored');
        } else if (item.kind === 'follow') {
          req.log.info({ channelId }, 'LINE follow');
        } else if (item.kind === 'unfollow') {
          req.log.info({ channelId }, 'LINE unfollow: pushes to this user will no longer be delivered');
        } else {
          req.log.debug({ channelId, type: item.type }, 'LINE event ignored');
        }
      }
      return reply.status(200).send({ ok: true, recorded, ...(rejected ? { rejected } : {}) });
    },
  );
}
