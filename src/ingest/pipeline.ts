import type { Logger } from 'pino';
import { createHash } from 'node:crypto';
import { InboundEventSchema, type InboundEvent } from '../channels/types';
import { cleanDeep, cleanText } from '../domain/clean-text';
import type { JobQueue } from '../jobs/queue';
import type { RealtimeBus } from '../realtime/bus';
import { inboundEvents, type Db } from '../store/repositories';
import { zodReason } from '../channels/schema-reason';
import type { ConversationTriage } from './triage-hook';

/**
 * The ingest seam: a verified platform event is recorded durably with its processing job, in one transaction, before
 * the platform is acknowledged. Processing the event (customer, conversation, triage) is the desk service
 * desk/process-inbound.ts, run by the `inbound.process` job.
 */
export const PROCESS_INBOUND = 'inbound.process';

export interface IngestDeps {
  db: Db;
  jobs: JobQueue;
  bus: RealtimeBus;
  log: Logger;
  triage?: ConversationTriage;
  /** The channel plugin's enrichment of a recorded event (ChannelPlugin.enrich), run by the processing job. */
  enrich?: (event: InboundEvent) => Promise<InboundEvent>;
}

/**
 * Step 1, inside the request: record the raw event and its processing job in one transaction, then the
 * caller may acknowledge. A re-delivered event (same channel + external id) is recorded once.
 */
export async function recordInbound(
  deps: IngestDeps,
  raw: InboundEvent,
): Promise<{ eventId: string | null; duplicate: boolean; rejected?: string }> {
  // Text is cleaned here, once for every channel, so the same message is stored on both dialects (see clean-text).
  const event = cleanDeep(raw);
  const checked = InboundEventSchema.safeParse(event);
  if (!checked.success) {
    const reason = `not a valid message: ${zodReason(checked.error)}`;
    const r = await recordRejected(deps, String(event?.channelId ?? ''), event, reason);
    return { ...r, rejected: reason };
  }
  return deps.db.transaction().execute(async (tx) => {
    const eventId = await inboundEvents.record(tx, {
      channelId: event.channelId,
      externalId: event.externalId,
      kind: event.kind,
      payload: event,
    });
    if (!eventId) return { eventId: null, duplicate: true };
    await deps.jobs.enqueue(PROCESS_INBOUND, { eventId }, { maxAttempts: 10 }, tx);
    return { eventId, duplicate: false };
  });
}

/**
 * A signed delivery (or one event in it) that cannot be understood: acknowledged to the platform, kept as a failed
 * inbound event with the reason (admins see it under 受信イベント), never queued. Recorded once per distinct content.
 */
export async function recordRejected(
  deps: Pick<IngestDeps, 'db' | 'log'>,
  channelId: string,
  payload: unknown,
  reason: string,
): Promise<{ eventId: string | null; duplicate: boolean }> {
  const body = JSON.stringify(cleanDeep(payload) ?? null) ?? 'null';
  const externalId = `rejected:${createHash('sha256').update(body).digest('hex').slice(0, 40)}`;
  const eventId = await inboundEvents.recordFailed(deps.db, {
    channelId,
    externalId,
    payload: body.length > 65_536 ? `${body.slice(0, 65_536)}…` : body,
    // A reason can quote the payload (an unexpected `object` value), so it is cleaned like the payload.
    error: cleanText(reason).slice(0, 1000),
  });
  deps.log.warn({ channelId, reason, duplicate: !eventId }, 'inbound event rejected');
  return { eventId, duplicate: !eventId };
}
