import { z } from 'zod';
import { ConversationItemSchema } from './conversations';

const Day = z
  .string()
  .regex(/^(19|20|21)\d{2}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
  }, 'is not a date in the calendar');
/** The longest range a report covers (two years). */
export const MAX_REPORT_DAYS = 731;
const DIMENSIONS = ['channel', 'level', 'category', 'sentiment', 'team', 'agent'] as const;
const FRT_BIN_KEYS = ['lt5m', '5to15m', '15to60m', '1to4h', '4to24h', 'gt24h', 'none'] as const;

/** GET /api/reports/*: a range of local days (the desk's time zone), both ends included, and narrowing filters. */
export const ReportQuery = z
  .object({
    /** First and last day of the range; by default the 30 days ending today. */
    from: Day.optional(),
    to: Day.optional(),
    channel: z.string().max(100).optional(),
    level: z.coerce.number().int().min(0).max(3).optional(),
    category: z.string().max(100).optional(),
    sentiment: z.string().max(20).optional(),
    team: z.string().max(100).optional(),
    agent: z.string().max(100).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine((q) => !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) < MAX_REPORT_DAYS * 86_400_000, {
    message: `a report covers at most ${MAX_REPORT_DAYS} days`,
    path: ['to'],
  });
export type ReportParams = z.input<typeof ReportQuery>;

/** The export's range and filters, and the language its headers and cells are written in (default: the agent's). */
export const ExportQuery = ReportQuery.and(
  z.object({
    lang: z
      .enum(['ja', 'en'])
      .optional()
      .describe("Language of the headers and values; by default the signed-in agent's (`locale`)"),
  }),
);
export type ExportParams = z.input<typeof ExportQuery>;

const Rate = z.number().nullable();
const Ms = z.number().nullable();

export const HeadlineSchema = z.object({
  conversations: z.number(),
  owed: z.number(),
  replied: z.number(),
  responseRate: Rate,
  publicPosts: z.number(),
  publicReplied: z.number(),
  publicResponseRate: Rate,
  within5m: Rate,
  within1h: Rate,
  frtMedianMs: Ms,
  frtP90Ms: Ms,
  frtBusinessMedianMs: Ms,
  frtBusinessP90Ms: Ms,
  slaMet: z.number(),
  slaBreached: z.number(),
  slaAttainment: Rate,
  nextResponseMeanMs: Ms,
  resolved: z.number(),
  resolutionMedianMs: Ms,
  resolutionP90Ms: Ms,
  reopenRate: Rate,
  escalations: z.number(),
  handoffMedianMs: Ms,
  csatResponses: z.number(),
  /** Mean CSAT (1–5) of the conversations begun in the range. */
  csatAverage: z.number().nullable(),
  /** Share of CSAT answers of 4 or 5. */
  csatSatisfied: Rate,
  npsResponses: z.number(),
  /** Net promoter score as a share: promoters (9–10) minus detractors (0–6), -1…1. */
  nps: z.number().nullable(),
});

const BreakdownRowSchema = z.object({
  key: z.string(),
  /** What the key is, in words (a channel's, team's or agent's name); the key itself for levels and labels. */
  name: z.string(),
  conversations: z.number(),
  replied: z.number(),
  responseRate: Rate,
  frtMedianMs: Ms,
  slaAttainment: Rate,
  resolutionMedianMs: Ms,
  csatAverage: z.number().nullable(),
});

export const ReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  fromDay: Day,
  toDay: Day,
  previous: z.object({ from: z.string(), to: z.string() }),
  timeZone: z.string(),
  /** Conversations changed in the last moments whose figures are still being brought up to date. */
  pending: z.number(),
  /** The industry baseline shown beside the response rate: share of posts to brands that get any answer. */
  industryResponseRate: z.number(),
  current: HeadlineSchema,
  before: HeadlineSchema,
  /** False when a filter other than channel is set: messages per day are kept by channel only. */
  messagesByDay: z.boolean(),
  days: z.array(
    z.object({
      day: Day,
      conversations: z.number(),
      replied: z.number(),
      customerMessages: z.number(),
      agentMessages: z.number(),
    }),
  ),
  heatmap: z.array(z.array(z.number())),
  frtDistribution: z.array(z.object({ bin: z.enum(FRT_BIN_KEYS), conversations: z.number() })),
  slaByLevel: z.array(z.object({ level: z.number(), met: z.number(), breached: z.number(), due: z.number() })),
  escalationsByLevel: z.array(z.object({ level: z.number(), conversations: z.number() })),
  breakdown: z.object(
    Object.fromEntries(DIMENSIONS.map((d) => [d, z.array(BreakdownRowSchema)])) as Record<
      (typeof DIMENSIONS)[number],
      z.ZodArray<typeof BreakdownRowSchema>
    >,
  ),
  categories: z.array(
    z.object({ category: z.string(), conversations: z.number(), before: z.number(), change: z.number() }),
  ),
});
export type ReportView = z.infer<typeof ReportSchema>;

/** GET /api/reports/conversations: the conversations behind one bar or cell of a chart. */
export const DrillDownQuery = ReportQuery.and(
  z.object({
    /** day=YYYY-MM-DD | hour=<weekday 0-6>-<hour 0-23> | frt=<bin> | sla=<level>-<met|breached|due> | escalated=<level> | <dimension>=<value> | category=<name> */
    cell: z
      .string()
      .max(200)
      .regex(
        /^(all|day|hour|frt|sla|escalated|channel|level|sentiment|team|agent|bycategory|category)(=.*)?$/,
        'unknown cell',
      )
      .default('all'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  }),
);
export type DrillDownParams = z.input<typeof DrillDownQuery>;

export const DrillDownSchema = z.object({
  /** How many conversations are in the cell (the list shows the newest `limit`). */
  total: z.number(),
  items: z.array(
    ConversationItemSchema.extend({
      firstResponseMs: z.number().nullable(),
    }),
  ),
});
export type DrillDownView = z.infer<typeof DrillDownSchema>;
