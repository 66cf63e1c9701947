import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { RisingPhrasesSchema } from '../../contracts/report-phrases';
import { ReportQuery } from '../../contracts/reports';
import { buildRisingPhrases } from '../../desk/reports/phrases';
import { authOf, guard } from '../auth';
import type { Koe } from '../context';

/** Apart from the summary so the page shows the figures first; reading texts costs more than reading facts. */
export const reportPhraseRoutes =
  (koe: Koe): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/reports/phrases',
      {
        preHandler: guard('supervisor'),
        schema: {
          tags: ['reports'],
          summary:
            'Words and names customers use in more conversations than in the previous period (the range, channel and level of the summary)',
          querystring: ReportQuery,
          response: { 200: RisingPhrasesSchema },
        },
      },
      async (req) => buildRisingPhrases(koe.db, authOf(req).actor.workspaceId, req.query),
    );
  };
