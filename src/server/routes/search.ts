import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SearchQuery, SearchResultSchema } from '../../contracts/search';
import { searchDesk } from '../../desk/search';
import { authOf, guard } from '../auth';
import type { Koe } from '../context';

export const searchRoutes =
  (koe: Koe): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/search',
      {
        preHandler: guard(),
        schema: {
          tags: ['conversations'],
          summary: 'Search conversations, customers and message text (Japanese-aware), newest first',
          querystring: SearchQuery,
          response: { 200: SearchResultSchema },
        },
      },
      async (req) => {
        const { q, limit, channel, assignee, ...rest } = req.query;
        const items = await searchDesk(
          koe.db,
          authOf(req).agent.workspaceId,
          q,
          { ...rest, channelId: channel, assigneeId: assignee },
          limit,
        );
        return { items };
      },
    );
  };
