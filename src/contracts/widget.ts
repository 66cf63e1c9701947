import { z } from 'zod';

export const WidgetKeyParams = z.object({ publicKey: z.string().min(1).max(100) });
/** Kept in the visitor's browser; proves who they are (the widget uses no cookies). */
const VisitorToken = z.string().min(16).max(200);
export const VisitorQuery = z.object({ visitorToken: VisitorToken });

export const WidgetMessageSchema = z.object({
  id: z.string(),
  from: z.enum(['customer', 'agent']),
  text: z.string(),
  authorName: z.string(),
  createdAt: z.string(),
  /** The widget's own id for a message it sent, to match its echo. */
  clientMessageId: z.string().nullable(),
  /** Buttons under a reply (the answer bot's "talk to a person"); a tap sends the label as the visitor's message. */
  choices: z.array(z.object({ label: z.string(), data: z.string() })).optional(),
});
export type WidgetMessage = z.infer<typeof WidgetMessageSchema>;

export const WidgetSessionBody = z.object({
  visitorToken: VisitorToken.optional(),
  name: z.string().trim().max(100).optional(),
  locale: z.string().max(20).optional(),
});
/** What the widget promises: a quick reply (someone online), a later one (open, nobody online), or after opening. */
export const WidgetAvailabilitySchema = z.object({
  state: z.enum(['online', 'busy', 'closed']),
  /** When the desk opens next (closed only). */
  opensAt: z.string().nullable(),
  /** The desk's time zone, for showing `opensAt` in the desk's local time. */
  timeZone: z.string(),
});
export type WidgetAvailability = z.infer<typeof WidgetAvailabilitySchema>;

/** A satisfaction question the visitor is asked after a resolution (and their answer, once given). */
export const SurveyViewSchema = z.object({
  id: z.string(),
  kind: z.enum(['csat', 'nps']),
  question: z.string(),
  thanks: z.string(),
  score: z.number().nullable(),
  comment: z.string().nullable(),
  /** Still answerable (a survey closes a week after it was asked). */
  open: z.boolean(),
});
export const SurveyAnswerBody = z.object({
  score: z.number().int().min(0).max(10),
  comment: z.string().max(2000).optional(),
});
export const WidgetSurveyBody = SurveyAnswerBody.extend({ visitorToken: VisitorToken, surveyId: z.string().max(100) });

export const WidgetSessionSchema = z.object({
  visitorToken: z.string(),
  channelName: z.string(),
  greeting: z.string().nullable(),
  availability: WidgetAvailabilitySchema,
  messages: z.array(WidgetMessageSchema),
  /** The latest satisfaction question asked of this visitor in the past week, else null. */
  survey: SurveyViewSchema.nullable(),
});

export const WidgetPostBody = z.object({
  visitorToken: VisitorToken,
  clientMessageId: z.string().min(8).max(100),
  text: z.string().trim().min(1, 'must not be empty').max(5000),
  name: z.string().trim().max(100).optional(),
  locale: z.string().max(20).optional(),
});
/** Recorded (id null when this clientMessageId was already recorded). */
export const WidgetPostSchema = z.object({ id: z.string().nullable(), accepted: z.literal(true) });
