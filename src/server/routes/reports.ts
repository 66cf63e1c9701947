import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DrillDownQuery, DrillDownSchema, ReportQuery, ReportSchema } from '../../contracts/reports';
import { invalid } from '../../domain/errors';
import { localDays } from '../../desk/reports/facts';
import { slaNow } from '../../desk/reports/figures';
import { buildDeskReport, drillDown, exportRows, parseCell } from '../../desk/reports/report';
import { authOf, guard } from '../auth';
import type { Koe } from '../context';

/** One CSV field: quoted when it holds a comma, quote or line break; a leading formula character is defused. */
function csvField(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
const minutes = (v: number | string | null) => (v === null ? null : Math.round((Number(v) / 60_000) * 10) / 10);

export const CSV_COLUMNS = [
  'conversation_id',
  'created_local',
  'channel',
  'channel_kind',
  'level',
  'category',
  'sentiment',
  'team',
  'agent',
  'status',
  'set_aside',
  'public_post',
  'customer_messages',
  'agent_replies',
  'first_response_min',
  'first_response_business_min',
  'sla_target_min',
  'sla',
  'next_responses',
  'next_response_mean_min',
  'resolution_min',
  'reopens',
  'escalated_to_level',
  'handoff_min',
  'csat',
  'nps',
] as const;

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
          summary: 'One CSV row per conversation of the range with every figure of the report (UTF-8 with BOM)',
          querystring: ReportQuery,
          response: { 200: z.string().describe('text/csv') },
        },
      },
      async (req, reply) => {
        const now = new Date();
        const { facts, name, timeZone } = await exportRows(koe.db, authOf(req).agent.workspaceId, req.query, now);
        const local = localDays(timeZone);
        const lines = [CSV_COLUMNS.join(',')];
        for (const f of facts) {
          const at = local(Date.parse(f.created_at));
          const row = [
            f.conversation_id,
            `${at.day} ${String(at.hour).padStart(2, '0')}:${String(at.minute).padStart(2, '0')}`,
            name('channel', f.channel_id),
            f.channel_kind,
            Number(f.level),
            f.category,
            f.sentiment,
            f.team_id ? name('team', f.team_id) : '',
            f.agent_id ? name('agent', f.agent_id) : '',
            f.status,
            f.flag === 'spam' || f.flag === 'troll' ? f.flag : '',
            Number(f.public),
            Number(f.customer_messages),
            Number(f.agent_replies),
            minutes(f.first_response_ms),
            minutes(f.first_response_business_ms),
            minutes(f.sla_target_ms),
            slaNow(f, now),
            Number(f.next_responses),
            Number(f.next_responses) ? minutes(Number(f.next_response_ms_total) / Number(f.next_responses)) : null,
            minutes(f.resolution_ms),
            Number(f.reopens),
            Number(f.escalated_to),
            minutes(f.handoff_ms),
            f.csat === null ? null : Number(f.csat),
            f.nps === null ? null : Number(f.nps),
          ];
          lines.push(row.map(csvField).join(','));
        }
        const range = `${req.query.from ?? ''}_${req.query.to ?? ''}`.replace(/^_$/, 'last-30-days');
        void reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="koe-report-${range}.csv"`);
        // A BOM so spreadsheet programs read the Japanese as UTF-8.
        return `\uFEFF${lines.join('\r\n')}\r\n`;
      },
    );
  };
