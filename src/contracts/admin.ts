import { z } from 'zod';
import { ChannelRefSchema } from './conversations';

/** One line of the audit log: who did what to which record, with details (secrets never appear). */
export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ type: z.enum(['agent', 'system', 'anonymous']), id: z.string().nullable(), name: z.string() }),
  /** A dotted action code, e.g. `conversation.assigned`. */
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string().nullable() }).nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export const AuditQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

export const NewTokenBody = z.object({ name: z.string().trim().min(1).max(100) });
/** The token itself is shown in this answer only; Koe keeps its hash. */
export const NewTokenSchema = z.object({ id: z.string(), name: z.string(), token: z.string() });

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export const JobsQuery = z.object({
  status: z.enum(JOB_STATUSES).default('failed'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const JobsSchema = z.object({
  /** Jobs per status. */
  counts: z.record(z.string(), z.number().int()),
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      status: z.enum(JOB_STATUSES),
      attempts: z.number().int(),
      maxAttempts: z.number().int(),
      lastError: z.string().nullable(),
      runAt: z.string(),
      updatedAt: z.string(),
      payload: z.unknown(),
    }),
  ),
});
export const JobRetrySchema = z.object({ id: z.string(), status: z.literal('queued') });

export const INBOUND_EVENT_STATUSES = ['received', 'processed', 'failed'] as const;
export const InboundEventsQuery = z.object({
  status: z.enum(INBOUND_EVENT_STATUSES).default('failed'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const InboundEventSchema = z.object({
  id: z.string(),
  channel: ChannelRefSchema,
  /** The platform's id for the event (deduplication key per channel). */
  externalId: z.string(),
  status: z.enum(INBOUND_EVENT_STATUSES),
  error: z.string().nullable(),
  receivedAt: z.string(),
  processedAt: z.string().nullable(),
});

/** Server-Sent Events (`text/event-stream`): conversation.updated, message.created, message.updated, notifications. */
export const EventStream = z.string().describe('text/event-stream');
