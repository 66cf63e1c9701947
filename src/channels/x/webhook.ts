import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError, invalid, notFound } from '../../domain/errors';
import type { ChannelContext } from '../plugin';
import type { XCredentials } from './credentials';
import { channels } from '../../store/repositories';
import { parseAccountActivity } from './parse';
import { readSignedJson } from '../schema-reason';
import { crcResponseToken, isCrcToken, isValidXSignature } from './verify';

const rawBodyOf = (req: FastifyRequest) =>
  Buffer.isBuffer(req.body) ? req.body : Buffer.from(typeof req.body === 'string' ? req.body : '');

async function xChannelCredentials(ctx: ChannelContext, channelId: string): Promise<XCredentials> {
  const row = await channels.live(ctx.db, channelId, 'x');
  if (!row) throw notFound('X channel');
  return ctx.credentials<XCredentials>(row.id);
}

/** Account Activity API: the CRC handshake (GET) and signed event deliveries (POST). */
export async function xWebhookRoutes(app: FastifyInstance, ctx: ChannelContext): Promise<void> {
  // X checks the webhook about once an hour; a caller asking more often than this is probing, not X.
  const crcRateLimit = { max: 30, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `x-crc|${req.ip}` };
  app.get<{ Params: { channelId: string }; Querystring: { crc_token?: string } }>(
    '/webhooks/x/:channelId',
    { schema: { hide: true }, config: { rateLimit: crcRateLimit } },
    async (req) => {
      const creds = await xChannelCredentials(ctx, req.params.channelId);
      const crcToken = req.query.crc_token;
      if (typeof crcToken !== 'string' || !crcToken) throw invalid('crc_token', 'is required');
      // Signing anything else would make this route a signing oracle for forged deliveries (see verify.ts).
      if (!isCrcToken(crcToken)) throw invalid('crc_token', 'is not a CRC token (8–128 letters, digits and -_.~+/=)');
      if (!creds.consumerSecret) throw notFound('X webhook secret for this channel');
      return { response_token: crcResponseToken(creds.consumerSecret, crcToken) };
    },
  );

  app.post<{ Params: { channelId: string } }>(
    '/webhooks/x/:channelId',
    { schema: { hide: true } },
    async (req, reply) => {
      const channelId = req.params.channelId;
      const creds = await xChannelCredentials(ctx, channelId);
      const raw = rawBodyOf(req);
      if (
        !creds.consumerSecret ||
        !isValidXSignature(raw, creds.consumerSecret, req.headers['x-twitter-webhooks-signature'])
      ) {
        req.log.warn(
          { channelId, hasSignature: Boolean(req.headers['x-twitter-webhooks-signature']) },
          'X webhook rejected: bad signature',
        );
        throw new DomainError('unauthenticated', 'Missing or invalid x-twitter-webhooks-signature');
      }
      // Signed by X but unreadable: kept with the reason for admins and acknowledged, since X disables webhooks that fail.
      const parsed = readSignedJson(raw, (body) =>
        parseAccountActivity(channelId, body, { userId: creds.userId, handle: creds.handle }),
      );
      if ('invalid' in parsed) {
        await ctx.reject(channelId, parsed.payload, parsed.invalid);
        return reply.status(200).send({ ok: true, recorded: 0, rejected: 1 });
      }
      for (const part of parsed.rejected) await ctx.reject(channelId, part.payload, part.reason);
      // Other activity (likes, follows, deletions…) is acknowledged and ignored.
      let recorded = 0;
      for (const event of parsed.events) {
        if (!(await ctx.record(event)).duplicate) recorded++;
      }
      return reply
        .status(200)
        .send({ ok: true, recorded, ...(parsed.rejected.length ? { rejected: parsed.rejected.length } : {}) });
    },
  );
}
