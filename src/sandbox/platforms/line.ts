import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxWorld } from '../world';

const TEXT_LIMIT = 5_000;
const MAX_MESSAGES = 5;
/** LINE documents one minute for a reply token. */
const REPLY_TOKEN_TTL_MS = 60_000;

interface LineMessage {
  type?: string;
  text?: string;
  quickReply?: { items?: { type?: string; action?: { type?: string; label?: string; data?: string } }[] };
}
/** LINE allows up to 13 quick-reply buttons, each an action with a label of at most 20 characters. */
const QUICK_REPLY_MAX = 13;
const lineError = (
  reply: FastifyReply,
  status: number,
  message: string,
  details?: { message: string; property: string }[],
) => reply.status(status).send({ message, ...(details ? { details } : {}) });

/** The checks LINE makes on a message list; returns the error to answer, or null. */
function invalidMessages(
  messages: unknown,
): { message: string; details?: { message: string; property: string }[] } | null {
  if (!Array.isArray(messages) || messages.length < 1 || messages.length > MAX_MESSAGES) {
    return {
      message: 'The request body has 1 error(s)',
      details: [{ message: `Size must be between 1 and ${MAX_MESSAGES}`, property: 'messages' }],
    };
  }
  for (const [i, m] of (messages as LineMessage[]).entries()) {
    if (m?.type !== 'text' || typeof m.text !== 'string')
      return {
        message: 'The request body has 1 error(s)',
        details: [{ message: 'Only text messages are simulated', property: `messages[${i}].type` }],
      };
    if (m.text.length > TEXT_LIMIT)
      return {
        message: 'The request body has 1 error(s)',
        details: [{ message: `Length must be between 0 and ${TEXT_LIMIT}`, property: `messages[${i}].text` }],
      };
    const items = m.quickReply?.items;
    if (m.quickReply !== undefined) {
      const bad =
        !Array.isArray(items) ||
        items.length < 1 ||
        items.length > QUICK_REPLY_MAX ||
        items.some(
          (it) =>
            it?.type !== 'action' ||
            !it.action?.label ||
            it.action.label.length > 20 ||
            (it.action.type === 'postback' && !it.action.data),
        );
      if (bad)
        return {
          message: 'The request body has 1 error(s)',
          details: [{ message: 'Invalid quick reply', property: `messages[${i}].quickReply` }],
        };
    }
  }
  return null;
}

const choicesOf = (m: LineMessage) =>
  m.quickReply?.items?.map((it) => ({ label: it.action!.label!, data: it.action!.data ?? it.action!.label! }));

/** The LINE Messaging API endpoints Koe calls: reply, push, profile and bot info. */
export function lineApiRoutes(app: FastifyInstance, world: SandboxWorld): void {
  const account = world.accounts.line;
  const authorised = (req: FastifyRequest) => req.headers.authorization === `Bearer ${account.channelAccessToken}`;
  const sent = (reply: FastifyReply) =>
    reply.send({ sentMessages: [{ id: String(world.snowflake()), quoteToken: randomUUID() }] });

  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/v2/bot/')) return;
    if (!authorised(req))
      return lineError(
        reply,
        401,
        'Authentication failed. Confirm that the access token in the authorization header is valid.',
      );
    if (req.method === 'POST' && world.rateLimits.shouldThrottle('line')) {
      return reply.status(429).header('retry-after', '1').send({ message: 'Too Many Requests' });
    }
  });

  const record = (userId: string, m: LineMessage, inReplyTo: string | null) => {
    const customer = world.customers.get('line', userId);
    world.transcript.add({
      platform: 'line',
      customer: { id: userId, name: customer?.name ?? userId },
      author: 'brand',
      visibility: 'private',
      text: m.text!,
      inReplyTo,
      externalId: String(world.nextSeq()),
      ...(m.quickReply ? { choices: choicesOf(m) } : {}),
    });
  };

  app.post<{ Body: { replyToken?: string; messages?: unknown } }>('/v2/bot/message/reply', async (req, reply) => {
    const invalid = invalidMessages(req.body?.messages);
    if (invalid) return lineError(reply, 400, invalid.message, invalid.details);
    const token = world.lineReplyTokens.get(String(req.body?.replyToken));
    if (!token || token.used || Date.now() - token.issuedAt > REPLY_TOKEN_TTL_MS)
      return lineError(reply, 400, 'Invalid reply token');
    token.used = true;
    for (const m of req.body.messages as LineMessage[]) record(token.userId, m, token.entryId);
    return sent(reply);
  });

  app.post<{ Body: { to?: string; messages?: unknown } }>('/v2/bot/message/push', async (req, reply) => {
    const invalid = invalidMessages(req.body?.messages);
    if (invalid) return lineError(reply, 400, invalid.message, invalid.details);
    const to = String(req.body?.to ?? '');
    if (!world.customers.get('line', to))
      return lineError(reply, 400, 'The request body has 1 error(s)', [
        { message: 'Failed to send messages', property: 'to' },
      ]);
    // The retry key makes a retried push idempotent: LINE answers 409 instead of sending it twice.
    const retryKey = req.headers['x-line-retry-key'];
    if (typeof retryKey === 'string') {
      const accepted = world.lineRetryKeys.get(retryKey);
      if (accepted)
        return reply
          .status(409)
          .header('x-line-accepted-request-id', accepted)
          .send({ message: 'The retry key is already accepted' });
      world.lineRetryKeys.set(retryKey, randomUUID());
    }
    for (const m of req.body.messages as LineMessage[])
      record(to, m, world.transcript.lastFrom('line', to)?.id ?? null);
    return sent(reply);
  });

  app.get<{ Params: { userId: string } }>('/v2/bot/profile/:userId', async (req, reply) => {
    const customer = world.customers.get('line', req.params.userId);
    if (!customer) return lineError(reply, 404, 'Not found');
    return { userId: customer.id, displayName: customer.name, language: customer.lang };
  });

  app.get('/v2/bot/info', async () => ({
    userId: account.botUserId,
    basicId: '@koemart',
    displayName: 'Koeマート（サンドボックス）',
    chatMode: 'chat',
    markAsReadMode: 'manual',
  }));
}
