import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { REACTION_TEXT } from '../transcript';
import type { SandboxWorld } from '../world';

const MESSENGER_MAX_CHARS = 2_000; // text must be shorter than this
const INSTAGRAM_MAX_BYTES = 1_000;

type Params = { version: string; node: string };
interface QuickReply {
  content_type?: string;
  title?: string;
  payload?: string | number;
}
interface SendBody {
  recipient?: { id?: string; comment_id?: string };
  message?: { text?: string; quick_replies?: QuickReply[] };
}
/** Send API quick replies: at most 13, each a text button with a title of ≤ 20 characters and a payload ≤ 1,000. */
const QUICK_REPLY_MAX = 13;

/** The Graph error a malformed `quick_replies` earns, or null when it is fine (or absent). */
function invalidQuickReplies(items: unknown): string | null {
  if (items === undefined) return null;
  if (!Array.isArray(items) || items.length < 1 || items.length > QUICK_REPLY_MAX)
    return `(#100) param message[quick_replies] must have between 1 and ${QUICK_REPLY_MAX} elements`;
  for (const [i, q] of (items as QuickReply[]).entries()) {
    if (q?.content_type !== 'text')
      return `(#100) Only text quick replies are simulated (message[quick_replies][${i}])`;
    if (typeof q.title !== 'string' || !q.title || [...q.title].length > 20)
      return `(#100) param message[quick_replies][${i}][title] must be 1 to 20 characters`;
    const payload = q.payload === undefined ? '' : String(q.payload);
    if (!payload || payload.length > 1000)
      return `(#100) param message[quick_replies][${i}][payload] must be 1 to 1000 characters`;
  }
  return null;
}

const graphError = (reply: FastifyReply, status: number, code: number, message: string, subcode?: number) =>
  reply.status(status).send({
    error: {
      message,
      type: 'OAuthException',
      code,
      ...(subcode ? { error_subcode: subcode } : {}),
      fbtrace_id: 'AsandboxTrace',
    },
  });

/** Graph takes parameters from the query string or the body; Koe sends JSON, the docs show `?message=`. */
const textOf = (req: FastifyRequest) => {
  const body = (req.body ?? {}) as { message?: unknown };
  const query = req.query as { message?: unknown };
  const m = typeof body.message === 'string' ? body.message : query.message;
  return typeof m === 'string' ? m : undefined;
};

/** The Graph API endpoints Koe calls for Messenger, Page comments and Instagram. */
export function metaGraphRoutes(app: FastifyInstance, world: SandboxWorld): void {
  const account = world.accounts.meta;
  const proof = createHmac('sha256', account.appSecret).update(account.pageAccessToken).digest('hex');

  /** Which app a write belongs to, so a 429 can be aimed at Facebook or Instagram. */
  const platformOf = (req: FastifyRequest): 'facebook' | 'instagram' => {
    if (req.url.includes('/replies')) return 'instagram';
    const recipient = (req.body as SendBody | undefined)?.recipient;
    if (recipient?.comment_id) return world.metaComments.get(recipient.comment_id)?.platform ?? 'facebook';
    return recipient?.id && world.customers.get('instagram', recipient.id) ? 'instagram' : 'facebook';
  };

  app.addHook('onRequest', async (req, reply) => {
    const query = new URL(req.url, 'http://sandbox').searchParams;
    if (req.headers.authorization !== `Bearer ${account.pageAccessToken}`)
      return graphError(reply, 401, 190, 'Invalid OAuth access token - Cannot parse access token');
    // The page requires appsecret_proof, so a leaked token alone is useless.
    if (query.get('appsecret_proof') !== proof)
      return graphError(reply, 400, 100, 'Invalid appsecret_proof provided in the API argument');
  });
  app.addHook('preHandler', async (req, reply) => {
    if (req.method === 'POST' && world.rateLimits.shouldThrottle(platformOf(req))) {
      reply.header('retry-after', '1');
      return graphError(reply, 429, 613, 'Calls to this api have exceeded the rate limit.');
    }
  });

  const checkLength = (reply: FastifyReply, platform: 'facebook' | 'instagram', text: string | undefined) => {
    if (!text) return graphError(reply, 400, 100, '(#100) The parameter message is required');
    if (platform === 'instagram' && Buffer.byteLength(text) > INSTAGRAM_MAX_BYTES)
      return graphError(
        reply,
        400,
        100,
        `(#100) Length of param message[text] must be at most ${INSTAGRAM_MAX_BYTES} bytes`,
      );
    if (platform === 'facebook' && [...text].length >= MESSENGER_MAX_CHARS)
      return graphError(
        reply,
        400,
        100,
        `(#100) Length of param message[text] must be less than ${MESSENGER_MAX_CHARS} characters`,
      );
    return null;
  };

  app.post<{ Params: Params; Body: SendBody }>('/:version/:node/messages', async (req, reply) => {
    if (req.params.node !== account.pageId && req.params.node !== account.igAccountId && req.params.node !== 'me')
      return graphError(reply, 400, 100, '(#100) Unsupported post request');
    const text = req.body?.message?.text;
    const recipient = req.body?.recipient ?? {};
    // A private reply to a comment: once per comment, and it lands in the commenter's DMs.
    if (recipient.comment_id) {
      const comment = world.metaComments.get(recipient.comment_id);
      if (!comment) return graphError(reply, 400, 100, '(#100) No matching comment found');
      if (comment.privatelyAnswered) return graphError(reply, 400, 10900, '(#10900) Activity already replied to');
      const tooLong = checkLength(reply, comment.platform, text);
      if (tooLong) return tooLong;
      comment.privatelyAnswered = true;
      const customer = world.customers.get(comment.platform, comment.customerId)!;
      world.transcript.add({
        platform: comment.platform,
        customer: { id: customer.id, name: customer.name },
        author: 'brand',
        visibility: 'private',
        text: text!,
        inReplyTo: comment.entryId,
        externalId: `m_${world.snowflake()}`,
      });
      return { recipient_id: customer.id, message_id: `m_${world.snowflake()}` };
    }
    const platform = world.customers.get('facebook', String(recipient.id))
      ? 'facebook'
      : world.customers.get('instagram', String(recipient.id))
        ? 'instagram'
        : null;
    if (!platform) return graphError(reply, 400, 100, '(#100) No matching user found', 2018001);
    const tooLong = checkLength(reply, platform, text);
    if (tooLong) return tooLong;
    const quickReplies = req.body?.message?.quick_replies;
    const badQuickReplies = invalidQuickReplies(quickReplies);
    if (badQuickReplies) return graphError(reply, 400, 100, badQuickReplies);
    const customer = world.customers.get(platform, String(recipient.id))!;
    const answered = world.transcript.lastFrom(platform, customer.id);
    const externalId = `m_${world.snowflake()}`;
    world.transcript.add({
      platform,
      customer: { id: customer.id, name: customer.name },
      author: 'brand',
      visibility: 'private',
      text: text!,
      inReplyTo: answered?.id ?? null,
      externalId,
      ...(quickReplies ? { choices: quickReplies.map((q) => ({ label: q.title!, data: String(q.payload) })) } : {}),
    });
    return { recipient_id: customer.id, message_id: externalId };
  });

  // A public reply under a comment: `/comments` on Facebook, `/replies` on Instagram.
  for (const [edge, platform] of [
    ['comments', 'facebook'],
    ['replies', 'instagram'],
  ] as const) {
    app.post<{ Params: Params }>(`/:version/:node/${edge}`, async (req, reply) => {
      const comment = world.metaComments.get(req.params.node);
      if (!comment || comment.platform !== platform)
        return graphError(
          reply,
          400,
          100,
          `(#100) Object with ID '${req.params.node}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
          33,
        );
      const text = textOf(req);
      if (!text) return graphError(reply, 400, 100, '(#100) The parameter message is required');
      const customer = world.customers.get(platform, comment.customerId)!;
      const id = platform === 'facebook' ? `${req.params.node.split('_')[0]}_${world.snowflake()}` : world.snowflake();
      world.transcript.add({
        platform,
        customer: { id: customer.id, name: customer.name },
        author: 'brand',
        visibility: 'public',
        text,
        inReplyTo: comment.entryId,
        externalId: id,
      });
      return { id };
    });
  }

  // Koe's amplify action: the page likes a customer's Facebook comment. Instagram has no such edge for comments.
  app.post<{ Params: Params }>('/:version/:node/likes', async (req, reply) => {
    const comment = world.metaComments.get(req.params.node);
    if (!comment || comment.platform !== 'facebook')
      return graphError(
        reply,
        400,
        100,
        `(#100) Object with ID '${req.params.node}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
        33,
      );
    if (!world.transcript.reactionTo('facebook', comment.entryId, 'like')) {
      const customer = world.customers.get('facebook', comment.customerId)!;
      world.transcript.add({
        platform: 'facebook',
        customer: { id: customer.id, name: customer.name },
        author: 'brand',
        visibility: 'public',
        text: REACTION_TEXT.like,
        inReplyTo: comment.entryId,
        externalId: `like_${req.params.node}`,
        reaction: { kind: 'like', by: account.pageId, target: req.params.node },
      });
    }
    return { success: true };
  });

  app.get<{ Params: Params }>('/:version/:node', async (req, reply) => {
    if (req.params.node === account.pageId) return { id: account.pageId, name: 'Koeマート（サンドボックス）' };
    if (req.params.node === account.igAccountId) return { id: account.igAccountId, username: 'koemart_sandbox' };
    return graphError(reply, 400, 100, `(#100) Object with ID '${req.params.node}' does not exist`, 33);
  });
}
