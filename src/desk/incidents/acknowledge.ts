import { nowIso } from '../../domain/ids';
import { incidentReply, matchesIncident } from '../../incidents/incident';
import { writeReply } from '../replies';
import { topics } from '../../realtime/bus';
import { deskTexts } from '../../texts/desk-texts';
import {
  agents,
  customers,
  audit,
  conversations,
  incidents,
  messages,
  type Db,
  byAgent,
  bySystem,
} from '../../store/repositories';
import { isPlaceholderName } from '../../store/repositories/customers';
import { parseJson } from '../../store/repositories/types';
import {
  ACK_CLAIM_MS,
  firstCustomerMessages,
  publishIncident,
  type IncidentDeps,
  type Sender,
  openIncidentOrThrow,
} from './shared';

// ---------------------------------------------------------------------------------------------------------------
// Acknowledging

type IncidentRow = NonNullable<Awaited<ReturnType<typeof incidents.row>>>;
/** sent: this call sent it; answered: nothing to send (already acknowledged or answered); skipped: not sent (closed, busy, failed). */
type AckOutcome = 'sent' | 'answered' | 'skipped';

/** Customer name for the salutation (never a generated guest name) and language (triage of the first post; Japanese when unknown). */
export async function addressee(
  db: Db,
  conversationId: string,
  customerId: string,
): Promise<{ name: string | null; lang: 'ja' | 'en' | null }> {
  const customerName = await customers.nameOf(db, customerId);
  const first = (await firstCustomerMessages(db, [conversationId])).get(conversationId);
  const name = customerName && !isPlaceholderName(customerName) ? customerName : null;
  return { name, lang: first?.lang ?? null };
}

/**
 * Sends one conversation's acknowledgement at most once. A claim on the link row keeps two workers (the route
 * job and a supervisor's button) from both sending; a worker that died after sending is recognised by the first
 * response being later than its claim, and the work is completed without sending again.
 */
async function acknowledgeOne(
  deps: IncidentDeps,
  sender: Sender,
  incident: IncidentRow,
  conversationId: string,
): Promise<AckOutcome> {
  const claimAt = nowIso();
  const step = await deps.db.transaction().execute(async (tx) => {
    const link = await incidents.link(tx, incident.id, conversationId);
    if (!link || link.acknowledged_at) return 'answered' as const;
    const conv = await conversations.row(tx, incident.workspace_id, conversationId);
    if (!conv || conv.status === 'closed') return 'skipped' as const;
    if (conv.first_response_at)
      return link.ack_claimed_at && conv.first_response_at >= link.ack_claimed_at
        ? ('finish' as const)
        : ('answered' as const);
    const stale = new Date(Date.parse(claimAt) - ACK_CLAIM_MS).toISOString();
    return (await incidents.claimAck(tx, incident.id, conversationId, claimAt, stale))
      ? { customerId: conv.customer_id }
      : ('skipped' as const);
  });
  if (step === 'answered' || step === 'skipped') return step;
  let messageId: string | null = null;
  if (step !== 'finish') {
    try {
      const text = incidentReply(
        { ackJa: incident.ack_ja, ackEn: incident.ack_en },
        await addressee(deps.db, conversationId, step.customerId),
      );
      messageId = (await writeReply(deps, sender, conversationId, text, false)).id;
    } catch (err) {
      deps.log.warn({ err, incidentId: incident.id, conversationId }, 'incident acknowledgement not sent');
      await incidents.releaseAck(deps.db, incident.id, conversationId);
      return 'skipped';
    }
  }
  const at = nowIso();
  await deps.db.transaction().execute(async (tx) => {
    await incidents.markAcknowledged(tx, incident.id, conversationId, at, messageId);
    // Waiting on the customer now; a message they write meanwhile (waiting_since set again) keeps it open.
    await conversations.pendIfAnswered(tx, conversationId, at);
  });
  deps.bus.publish(topics.workspace(incident.workspace_id), {
    type: 'conversation.updated',
    data: await conversations.item(deps.db, incident.workspace_id, conversationId),
  });
  return step === 'finish' ? 'answered' : 'sent';
}

/** Sends the acknowledgement to every linked conversation whose customer has had no reply yet, as the acting supervisor. */
export async function acknowledgeIncident(
  deps: IncidentDeps,
  actor: Sender,
  id: string,
): Promise<{ sent: number; skipped: number }> {
  const incident = await openIncidentOrThrow(deps.db, actor.workspaceId, id);
  let sent = 0;
  let skipped = 0;
  for (const link of await incidents.links(deps.db, id)) {
    if (link.acknowledged_at) continue;
    const outcome = await acknowledgeOne(deps, actor, incident, link.conversation_id);
    if (outcome === 'sent') sent++;
    else if (outcome === 'skipped') skipped++;
  }
  await audit.log(deps.db, {
    workspaceId: actor.workspaceId,
    actor: byAgent(actor),
    action: 'incident.acknowledged',
    target: { type: 'incident', id },
    detail: { sent, skipped },
  });
  await publishIncident(deps, actor.workspaceId, id);
  return { sent, skipped };
}

/**
 * Route job, before auto-assignment, for a new conversation: when it matches an open incident it is linked, and
 * if the incident acknowledges automatically the customer gets the acknowledgement signed by the declarer and the
 * conversation waits on them. Returns true when the incident took care of it (skip auto-assignment). Safe to run
 * again for the same conversation (the job queue retries).
 */
export async function handleIncidentForNewConversation(
  deps: IncidentDeps,
  workspaceId: string,
  conversationId: string,
): Promise<boolean> {
  const row = await conversations.row(deps.db, workspaceId, conversationId);
  if (!row || row.status === 'closed') return false;
  const open = await incidents.open(deps.db, workspaceId);
  let incident = row.incident_id ? open.find((i) => i.id === row.incident_id) : undefined;
  if (!incident) {
    if (row.first_response_at || row.status !== 'open') return false;
    const text = (await firstCustomerMessages(deps.db, [row.id])).get(row.id)?.text ?? row.preview;
    const categories = parseJson<string[]>(row.categories, []);
    incident = open.find((i) =>
      matchesIncident(
        { categories: parseJson(i.categories, []), keywords: parseJson(i.keywords, []) },
        { categories, text },
      ),
    );
    if (!incident) return false;
    const at = nowIso();
    const chosen = incident;
    const attached = await deps.db.transaction().execute(async (tx) => {
      if (!(await incidents.attach(tx, { workspaceId, incidentId: chosen.id, conversationId: row.id, by: null, at })))
        return false;
      await messages.system(tx, row.id, deskTexts.linkedToIncident(chosen.title), at);
      await audit.log(tx, {
        workspaceId,
        actor: bySystem('Koe incidents'),
        action: 'incident.linked',
        target: { type: 'incident', id: chosen.id },
        detail: { conversationIds: [row.id], automatic: true },
      });
      return true;
    });
    if (!attached && (await conversations.row(deps.db, workspaceId, row.id))?.incident_id !== chosen.id) return false;
    await publishIncident(deps, workspaceId, chosen.id);
  }
  if (!incident.auto_acknowledge) return false;
  const declarer = await agents.get(deps.db, workspaceId, incident.declared_by);
  if (!declarer) return false;
  const sender: Sender = {
    agentId: declarer.id,
    role: declarer.role,
    workspaceId,
    name: declarer.name,
    displayName: declarer.displayName,
  };
  const outcome = await acknowledgeOne(deps, sender, incident, row.id);
  if (outcome === 'sent') await publishIncident(deps, workspaceId, incident.id);
  // 'answered' covers an earlier run of this job that already sent it; 'skipped' means nobody answered: assign as usual.
  return outcome !== 'skipped';
}
