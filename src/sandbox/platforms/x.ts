import type { FastifyInstance, FastifyReply } from 'fastify';
import twitterText from 'twitter-text';
import { REACTION_TEXT } from '../transcript';
import type { SandboxWorld, XPost } from '../world';

const POST_LIMIT = 280;
const DM_LIMIT = 10_000;
const MENTIONS_PER_WINDOW = 300;
const WINDOW_MS = 15 * 60_000;

const problem = (reply: FastifyReply, status: number, title: string, detail: string) =>
  reply
    .status(status)
    .send({ title, detail, type: `https://api.x.com/2/problems/${title.toLowerCase().replace(/\s+/g, '-')}`, status });

/** Snowflake ids are longer than a double keeps exactly: compare as strings. */
const newer = (a: string, b: string) => a.length > b.length || (a.length === b.length && a > b);

/** The X API v2 endpoints Koe calls: replies, DMs, the brand's identity, the mentions timeline and recent search. */
export function xApiRoutes(app: FastifyInstance, world: SandboxWorld): void {
  const account = world.accounts.x;
  // The mentions timeline is read-limited like the real one; the remaining count is shown in the headers.
  let window = { resetAt: Date.now() + WINDOW_MS, used: 0 };

  app.addHook('onRequest', async (req, reply) => {
    if (req.headers.authorization !== `Bearer ${account.accessToken}`)
      return problem(reply, 401, 'Unauthorized', 'Unauthorized');
    if (req.method === 'POST' && world.rateLimits.shouldThrottle('x')) {
      // X announces when the window resets rather than sending Retry-After.
      reply
        .header('x-rate-limit-limit', '100')
        .header('x-rate-limit-remaining', '0')
        .header('x-rate-limit-reset', String(Math.ceil(Date.now() / 1000) + 1));
      return problem(reply, 429, 'Too Many Requests', 'Too Many Requests');
    }
  });

  app.post<{ Body: { text?: string; reply?: { in_reply_to_tweet_id?: string } } }>('/2/tweets', async (req, reply) => {
    const text = req.body?.text;
    if (typeof text !== 'string' || !text.trim())
      return problem(
        reply,
        400,
        'Invalid Request',
        'One or more parameters to your request was invalid: text is required.',
      );
    const weighted = twitterText.parseTweet(text).weightedLength;
    if (weighted > POST_LIMIT)
      return problem(
        reply,
        403,
        'Forbidden',
        `Your Tweet text is too long (${weighted} of ${POST_LIMIT} weighted characters).`,
      );
    const target = req.body.reply?.in_reply_to_tweet_id;
    const answered = target ? world.xMentions.find((t) => t.id === target) : undefined;
    if (target && !answered)
      return problem(
        reply,
        400,
        'Invalid Request',
        'The Tweet you are replying to does not exist or has been deleted.',
      );
    const id = world.snowflake();
    if (answered) {
      const customer = world.customers.get('x', answered.authorId)!;
      world.transcript.add({
        platform: 'x',
        customer: { id: customer.id, name: customer.name },
        author: 'brand',
        visibility: 'public',
        text,
        inReplyTo: answered.entryId,
        externalId: id,
      });
    }
    return reply.status(201).send({ data: { id, text, edit_history_tweet_ids: [id] } });
  });

  app.post<{ Params: { participantId: string }; Body: { text?: string } }>(
    '/2/dm_conversations/with/:participantId/messages',
    async (req, reply) => {
      const customer = world.customers.get('x', req.params.participantId);
      if (!customer) return problem(reply, 403, 'Forbidden', 'You cannot send messages to this user.');
      const text = req.body?.text;
      if (typeof text !== 'string' || !text)
        return problem(
          reply,
          400,
          'Invalid Request',
          'One or more parameters to your request was invalid: text is required.',
        );
      if (text.length > DM_LIMIT)
        return problem(reply, 400, 'Invalid Request', `Direct messages are limited to ${DM_LIMIT} characters.`);
      const eventId = world.snowflake();
      world.transcript.add({
        platform: 'x',
        customer: { id: customer.id, name: customer.name },
        author: 'brand',
        visibility: 'private',
        text,
        inReplyTo: world.transcript.lastFrom('x', customer.id)?.id ?? null,
        externalId: eventId,
      });
      const pair = [account.userId, customer.id].sort();
      return reply.status(201).send({ data: { dm_conversation_id: pair.join('-'), dm_event_id: eventId } });
    },
  );

  // Koe's amplify action: the brand likes or reposts a customer's post. Liking twice is a no-op, as on X;
  // reposting twice is refused, as on X.
  for (const [edge, kind] of [
    ['likes', 'like'],
    ['retweets', 'repost'],
  ] as const) {
    app.post<{ Params: { userId: string }; Body: { tweet_id?: unknown } }>(
      `/2/users/:userId/${edge}`,
      async (req, reply) => {
        if (req.params.userId !== account.userId)
          return problem(
            reply,
            403,
            'Forbidden',
            'You are not permitted to perform this action on behalf of another user.',
          );
        const tweetId = req.body?.tweet_id;
        if (typeof tweetId !== 'string' || !/^\d{1,20}$/.test(tweetId))
          return problem(
            reply,
            400,
            'Invalid Request',
            'One or more parameters to your request was invalid: tweet_id is required.',
          );
        const post = world.xMentions.find((t) => t.id === tweetId);
        if (!post) return problem(reply, 404, 'Not Found Error', `Could not find tweet with tweet_id: [${tweetId}].`);
        const done = world.transcript.reactionTo('x', post.entryId, kind);
        if (kind === 'repost' && done)
          return problem(reply, 403, 'Forbidden', 'You have already retweeted this Tweet.');
        const id = kind === 'repost' ? world.snowflake() : `like_${tweetId}`;
        if (!done) {
          const customer = world.customers.get('x', post.authorId)!;
          world.transcript.add({
            platform: 'x',
            customer: { id: customer.id, name: customer.name },
            author: 'brand',
            visibility: 'public',
            text: REACTION_TEXT[kind],
            inReplyTo: post.entryId,
            externalId: id,
            reaction: { kind, by: req.params.userId, target: tweetId },
          });
        }
        return kind === 'like' ? { data: { liked: true } } : { data: { id, rest_id: id, retweeted: true } };
      },
    );
  }

  app.get('/2/users/me', async () => ({ data: { id: account.userId, name: 'Koeマート', username: account.handle } }));

  const page = (reply: FastifyReply, posts: XPost[], query: Record<string, string | undefined>) => {
    if (Date.now() > window.resetAt) window = { resetAt: Date.now() + WINDOW_MS, used: 0 };
    window.used++;
    reply
      .header('x-rate-limit-limit', String(MENTIONS_PER_WINDOW))
      .header('x-rate-limit-remaining', String(Math.max(0, MENTIONS_PER_WINDOW - window.used)))
      .header('x-rate-limit-reset', String(Math.ceil(window.resetAt / 1000)));
    if (window.used > MENTIONS_PER_WINDOW) return problem(reply, 429, 'Too Many Requests', 'Too Many Requests');
    const since = query.since_id;
    const start = query.start_time ? Date.parse(query.start_time) : NaN;
    const max = Math.min(100, Math.max(5, Number(query.max_results) || 10));
    const found = posts
      .filter((t) => (!since || newer(t.id, since)) && (Number.isNaN(start) || Date.parse(t.createdAt) >= start))
      .reverse()
      .slice(0, max);
    const users = [...new Set(found.map((t) => t.authorId))]
      .map((id) => world.customers.get('x', id)!)
      .map((c) => ({ id: c.id, name: c.name, username: c.handle }));
    return {
      ...(found.length
        ? {
            data: found.map((t) => ({
              id: t.id,
              text: t.text,
              author_id: t.authorId,
              conversation_id: t.id,
              created_at: t.createdAt,
              edit_history_tweet_ids: [t.id],
            })),
            includes: { users },
          }
        : {}),
      meta: found.length
        ? { newest_id: found[0].id, oldest_id: found.at(-1)!.id, result_count: found.length }
        : { result_count: 0 },
    };
  };

  app.get<{ Params: { userId: string }; Querystring: Record<string, string | undefined> }>(
    '/2/users/:userId/mentions',
    async (req, reply) => {
      if (req.params.userId !== account.userId)
        return problem(
          reply,
          403,
          'Forbidden',
          'You can only read the mentions of the authenticated user in the sandbox.',
        );
      return page(reply, world.xMentions, req.query);
    },
  );

  // Recent search over every public post, mentions or not: terms joined by OR (parentheses and quotes allowed), -term
  // excludes; operators such as -is:retweet are accepted and ignored. Matching is by substring, without case.
  app.get<{ Querystring: Record<string, string | undefined> }>('/2/tweets/search/recent', async (req, reply) => {
    const { any, none } = parseSearch(req.query.query ?? '');
    if (!any.length) return problem(reply, 400, 'Invalid Request', 'The query parameter can not be empty');
    const all = [...world.xMentions, ...world.xUntagged].sort((a, b) =>
      a.id === b.id ? 0 : newer(a.id, b.id) ? 1 : -1,
    );
    const hit = (t: XPost, term: string) => t.text.toLowerCase().includes(term);
    return page(
      reply,
      all.filter((t) => any.some((term) => hit(t, term)) && !none.some((term) => hit(t, term))),
      req.query,
    );
  });
}

/** The terms of a recent-search expression: `(a OR "b c") -d -is:retweet` → any [a, b c], none [d]. */
export function parseSearch(query: string): { any: string[]; none: string[] } {
  const any: string[] = [];
  const none: string[] = [];
  for (const m of query.matchAll(/(-?)"([^"]*)"|(-?)([^\s()"]+)/g)) {
    const quoted = m[2] !== undefined;
    const negated = (quoted ? m[1] : m[3]) === '-';
    const term = (quoted ? m[2] : m[4]).toLowerCase().trim();
    // Unquoted, OR is the operator and a colon makes an operator such as is:retweet; quoted, both are text.
    if (!term || (!quoted && (term === 'or' || term === 'and' || term.includes(':')))) continue;
    (negated ? none : any).push(term);
  }
  return { any, none };
}
