import type { InboundEvent } from '../channels/types';
import { statusOnCustomerMessage, type ConversationStatus } from '../domain/conversation-status';
import type { IngestDeps } from '../ingest/pipeline';
import { mergeVerdict } from '../ingest/triage-hook';
import { topics } from '../realtime/bus';
import { channels, conversations, customers, inboundEvents, listening, messages, type Db } from '../store/repositories';
import { parseJson } from '../store/repositories/types';
import { resumeClock } from './clock';
import { countArrival } from './incidents';
import { ROUTE_CONVERSATION } from './route-conversation';

/** Step 2, in a job: identify the customer, thread into a conversation, triage, then tell the agents. */
export function inboundProcessor(deps: IngestDeps) {
  return async ({ eventId }: { eventId: string }, ctx: { isFinalAttempt: boolean }) => {
    const stored = await inboundEvents.get(deps.db, eventId);
    if (!stored || stored.status === 'processed') return;
    try {
      const recorded = JSON.parse(stored.payload) as InboundEvent;
      // Platform look-ups (a LINE profile) happen here, not in the webhook, and outside the transaction: on SQLite a
      // transaction holds the only connection, and every acknowledgement would wait behind the platform's answer.
      const event = deps.enrich ? await deps.enrich(recorded) : recorded;
      const result = await deps.db.transaction().execute(async (tx) => processEvent(tx, deps, eventId, event));
      if (!result) return;
      const item = await conversations.item(deps.db, result.workspaceId, result.conversationId);
      const message = await messages.get(deps.db, result.messageId);
      deps.bus.publish(topics.workspace(result.workspaceId), { type: 'message.created', data: message });
      deps.bus.publish(topics.workspace(result.workspaceId), { type: 'conversation.updated', data: item });
    } catch (err) {
      // A poison event stays recorded with its error for admins to see; the job runner keeps the retry history.
      if (ctx.isFinalAttempt)
        await inboundEvents.mark(deps.db, eventId, 'failed', err instanceof Error ? err.message : String(err));
      throw err;
    }
  };
}

/** How many of a conversation's latest customer messages triage reads. */
const RECENT_LIMIT = 100;

/** The listening query that found the post, when the event came from listening (desk/listening.ts). */
const listeningQueryOf = (event: InboundEvent): string | null =>
  typeof event.meta?.listeningQueryId === 'string' ? event.meta.listeningQueryId : null;

async function processEvent(tx: Db, deps: IngestDeps, eventId: string, event: InboundEvent) {
  const channel = await channels.byId(tx, event.channelId);
  if (!channel) throw new Error(`Channel ${event.channelId} no longer exists`);
  if (await messages.byInboundEvent(tx, eventId)) {
    await inboundEvents.mark(tx, eventId, 'processed');
    return null;
  }

  const customer = await customers.identify(tx, {
    workspaceId: channel.workspaceId,
    channelId: channel.id,
    externalId: event.customer.externalId,
    name: event.customer.name,
    handle: event.customer.handle,
    email: event.customer.email,
  });
  const at = event.occurredAt;
  let conv = await conversations.latestForCustomerOnChannel(tx, customer.id, channel.id);
  const created = !conv || statusOnCustomerMessage(conv.status as ConversationStatus) === 'new_conversation';
  if (!conv || created) {
    const id = await conversations.create(tx, {
      workspaceId: channel.workspaceId,
      channelId: channel.id,
      customerId: customer.id,
      at,
      listeningQueryId: listeningQueryOf(event),
    });
    conv = (await conversations.row(tx, channel.workspaceId, id))!;
  }
  const messageId = await messages.create(tx, {
    conversationId: conv.id,
    kind: 'customer',
    text: event.text,
    authorType: 'customer',
    authorId: customer.id,
    authorName: customer.name,
    createdAt: at,
    inboundEventId: eventId,
    clientMessageId: event.clientMessageId ?? null,
    meta: event.meta ?? null,
  });

  const waitingSince = conv.waiting_since ?? at;
  let triaged: ReturnType<typeof mergeVerdict> | null = null;
  if (deps.triage) {
    // The thread's latest customer messages (bounded: a conversation can run to thousands), newest first; posts in the
    // last day are counted up to RECENT_LIMIT, which is far past where the repeat signal stops growing (triage/priority).
    const recent = await messages.recentCustomerTexts(tx, conv.id, RECENT_LIMIT);
    const dayBefore = Date.parse(at) - 86_400_000;
    const verdict = await deps.triage({
      workspaceId: channel.workspaceId,
      text: event.text,
      db: tx,
      context: {
        recentPostsByCustomer: recent.filter((m) => Date.parse(m.created_at) > dayBefore).length,
        waitingMinutes: Math.max(0, (Date.now() - Date.parse(waitingSince)) / 60_000),
        recentTexts: recent
          .filter((m) => m.id !== messageId)
          .slice(0, 10)
          .map((m) => m.text),
      },
    });
    if (verdict) {
      await messages.setTriage(tx, messageId, verdict);
      // A new conversation takes its first verdict as is (spam can be L0); later messages only raise urgency.
      triaged = mergeVerdict(
        {
          level: created ? 0 : conv.level,
          priority: created ? 0 : conv.priority,
          categories: parseJson(conv.categories, []),
          reasons: parseJson(conv.triage_reasons, []),
          flag: conv.flag,
        },
        verdict,
      );
    }
  }
  await conversations.update(tx, conv.id, {
    status: 'open',
    last_message_at: at > conv.last_message_at ? at : conv.last_message_at,
    waiting_since: waitingSince,
    preview: event.text.slice(0, 140),
    resolved_at: null,
    last_customer_message_at: at,
    ...(await resumeClock(tx, conv, at)),
    ...(triaged
      ? {
          level: triaged.level,
          priority: triaged.priority,
          sentiment: triaged.sentiment,
          categories: JSON.stringify(triaged.categories),
          triage_reasons: JSON.stringify(triaged.reasons),
          flag: triaged.flag,
          triage_mark: triaged.mark,
        }
      : {}),
  });
  // Spike detection counts what arrives: a new conversation under its first verdict's urgent categories.
  if (created && triaged) await countArrival(tx, channel.workspaceId, triaged.categories, conv.created_at);
  // A post found by listening: the Listening view links it to the conversation it began or joined.
  if (listeningQueryOf(event)) await listening.linkConversation(tx, channel.id, event.externalId, conv.id);
  await inboundEvents.mark(tx, eventId, 'processed');
  // Routing (assignment, SLA timers) runs as its own job, committed with this message.
  await deps.jobs.enqueue(
    ROUTE_CONVERSATION,
    {
      workspaceId: channel.workspaceId,
      conversationId: conv.id,
      event: created ? 'conversation.created' : 'message.received',
      text: event.text,
    },
    { maxAttempts: 5 },
    tx,
  );
  return { workspaceId: channel.workspaceId, conversationId: conv.id, messageId };
}
