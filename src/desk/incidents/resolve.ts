import { queueSurvey } from '../satisfaction';
import { conflict, notFound } from '../../domain/errors';
import { nowIso } from '../../domain/ids';
import { incidentReply, type IncidentTexts } from '../../incidents/incident';
import { writeReply } from '../replies';
import { audit, byAgent, conversations, escalations, incidents, type Incident } from '../../store/repositories';
import { resumeClock } from '../clock';
import { publishConversations, publishIncident, type IncidentDeps, type Sender } from './shared';
import { addressee } from './acknowledge';

// ---------------------------------------------------------------------------------------------------------------
// Resolving

/**
 * Sends the follow-up to every linked conversation whose customer was answered (each at most once, so a call
 * interrupted half-way can be repeated), then resolves the incident and the linked conversations still waiting
 * on the customer. Conversations the customer reopened stay open for their agent.
 */
export async function resolveIncident(
  deps: IncidentDeps,
  actor: Sender,
  id: string,
  texts: { followUpJa: string; followUpEn: string },
): Promise<Incident> {
  const incident = await incidents.row(deps.db, actor.workspaceId, id);
  if (!incident) throw notFound('Incident');
  if (incident.status !== 'open') throw conflict('This incident is already resolved');
  const followUp: IncidentTexts = { ackJa: texts.followUpJa, ackEn: texts.followUpEn };
  let sent = 0;
  for (const link of await incidents.links(deps.db, id)) {
    const conv = await conversations.row(deps.db, actor.workspaceId, link.conversation_id);
    if (!conv || conv.status === 'closed' || !conv.first_response_at) continue;
    if (!(await incidents.claimFollowUp(deps.db, id, conv.id, nowIso()))) continue;
    try {
      await writeReply(
        deps,
        actor,
        conv.id,
        incidentReply(followUp, await addressee(deps.db, conv.id, conv.customer_id)),
        false,
      );
      sent++;
    } catch (err) {
      deps.log.warn({ err, incidentId: id, conversationId: conv.id }, 'incident follow-up not sent');
      await incidents.releaseFollowUp(deps.db, id, conv.id);
    }
  }
  const at = nowIso();
  const resolvedIds = await deps.db.transaction().execute(async (tx) => {
    const resolvedNow = await incidents.resolve(tx, id, {
      by: actor.agentId,
      at,
      followUpJa: texts.followUpJa,
      followUpEn: texts.followUpEn,
    });
    if (!resolvedNow) throw conflict('This incident is already resolved');
    const resolved: string[] = [];
    for (const link of await incidents.links(tx, id)) {
      const conv = await conversations.row(tx, actor.workspaceId, link.conversation_id);
      if (!conv || conv.status !== 'pending') continue;
      const extra = { resolved_at: conv.resolved_at ?? at, ...(await resumeClock(tx, conv, at)) };
      if (!(await conversations.resolveIfPending(tx, conv.id, at, extra))) continue;
      await escalations.resolveFor(tx, conv.id);
      await queueSurvey(deps.jobs, conv.id, tx);
      resolved.push(conv.id);
    }
    await audit.log(tx, {
      workspaceId: actor.workspaceId,
      actor: byAgent(actor),
      action: 'incident.resolved',
      target: { type: 'incident', id },
      detail: { followUpsSent: sent, conversationsResolved: resolved.length },
    });
    return resolved;
  });
  await publishConversations(deps, actor.workspaceId, resolvedIds);
  await publishIncident(deps, actor.workspaceId, id);
  return (await incidents.get(deps.db, actor.workspaceId, id))!;
}
