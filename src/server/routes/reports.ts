import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DrillDownQuery, DrillDownSchema, ExportQuery, ReportQuery, ReportSchema } from '../../contracts/reports';
import { invalid } from '../../domain/errors';
import { reportCsv } from '../../desk/reports/export-csv';
import { buildDeskReport, drillDown, exportRows, parseCell } from '../../desk/reports/report';
import { authOf, guard } from '../auth';
import { langOf } from '../../texts/localized';
import type { Koe } from '../context';
import { baseUrl } from './channels';

export const reportRoutes =
  (koe: Koe): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/reports/summary',
      {
        preHandler: guard('supervisor'),
        schema: {
          tags: ['reports'],
          summary:
            'Volume, first response (calendar and business time), response rate, SLA, resolution, escalations and ' +
            'breakdowns for a range of days, with the previous period of the same length',
          querystring: ReportQuery,
          response: { 200: ReportSchema },
        },
      },
      async (req) => buildDeskReport(koe.db, authOf(req).agent.workspaceId, req.query),
    );

    app.get(
      '/api/reports/conversations',
      {
        preHandler: guard('supervisor'),
        schema: {
          tags: ['reports'],
          summary: 'The conversations behind one bar or cell of a report chart, newest first',
          querystring: DrillDownQuery,
          response: { 200: DrillDownSchema },
        },
      },
      async (req) => {
        const { cell, limit, ...range } = req.query;
        const bucket = parseCell(cell);
        if (!bucket) throw invalid('cell', `Unknown chart cell: ${cell}`);
        return drillDown(koe.db, authOf(req).agent.workspaceId, range, bucket, limit);
      },
    );

    app.get(
      '/api/reports/export.csv',
      {
        preHandler: guard('supervisor'),
        schema: {
          tags: ['reports'],
          summary:
            'One CSV row per conversation of the range with every figure of the report (UTF-8 with BOM), in words: ' +
            'headers and values (category, sentiment, status, channel type, SLA outcome, set aside) in Japanese or ' +
            "English (`lang`, by default the signed-in agent's language); each conversation by its reference number " +
            '(#3F2A9C1E) and a link to it (KOE_PUBLIC_URL, else the address the request came to)',
          querystring: ExportQuery,
          response: { 200: z.string().describe('text/csv') },
        },
      },
      async (req, reply) => {
        const { lang, ...q } = req.query;
        const { agent } = authOf(req);
        const now = new Date();
        const rows = await exportRows(koe.db, agent.workspaceId, q, now);
        const csv = reportCsv(rows, { lang: lang ?? langOf(agent.locale), now, baseUrl: baseUrl(koe, req) });
        const range = `${req.query.from ?? ''}_${req.query.to ?? ''}`.replace(/^_$/, 'last-30-days');
        void reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="koe-report-${range}.csv"`);
        return csv;
      },
    );
  };
