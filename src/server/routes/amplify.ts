import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AmplifyBody, AmplifySchema } from '../../contracts/amplify';
import { AmplifyFailed, amplifyMessage } from '../../desk/amplify';
import { authOf, guard } from '../auth';
import type { Koe } from '../context';
import { problem } from '../problems';
import { IdParams, ProblemSchema } from '../../contracts/common';

/** Liking or reposting a customer's public post: an explicit, immediate agent action (the inbox offers it on praise). */
export const amplifyRoutes =
  (koe: Koe): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/messages/:id/amplify',
      {
        preHandler: guard(),
        schema: {
          tags: ['conversations'],
          params: IdParams,
          summary: "Like or repost a customer's public post on its platform (X: like, repost; Facebook comments: like)",
          body: AmplifyBody,
          response: { 200: AmplifySchema, 409: ProblemSchema, 429: ProblemSchema, 502: ProblemSchema },
        },
      },
      async (req, reply) => {
        try {
          return await amplifyMessage(
            { db: koe.db, adapters: koe.adapters },
            authOf(req).actor,
            req.params.id,
            req.body.action,
          );
        } catch (err) {
          if (!(err instanceof AmplifyFailed)) throw err;
          if (err.retryAfterSeconds !== undefined) void reply.header('retry-after', String(err.retryAfterSeconds));
          const p = problem(err.status, err.message);
          return reply
            .status(err.status)
            .type('application/problem+json')
            .send(err.status === 502 ? { ...p, title: 'Bad Gateway' } : p);
        }
      },
    );
  };
