import { conflict, invalid } from '../../domain/errors';
import { nowIso } from '../../domain/ids';
import { matchesIncident } from '../../incidents/incident';
import { deskTexts } from '../../texts/desk-texts';
import {
  audit,
  conversations,
  incidents,
  messages,
  spikeAlerts,
  type Incident,
  byAgent,
} from '../../store/repositories';
import { parseJson } from '../../store/repositories/types';
import {
  ALERT_ATTACH_MS,
  firstCustomerMessages,
  openIncidentOrThrow,
  publishConversations,
  publishIncident,
  type IncidentDeps,
  type Sender,
} from './shared';

// ---------------------------------------------------------------------------------------------------------------
// Declaring and linking

export interface DeclareInput {
  title: string;
  categories: string[];
  keywords: string[];
  ackJa: string;
  ackEn: string;
  autoAcknowledge: boolean;
  linkSinceMinutes: number;
}

/**
 * One transaction: the incident, a link (and a system message) for every matching conversation that is still
 * open or pending, was created within `linkSinceMinutes` and belongs to no other open incident, and the audit entry.
 */
export async function declareIncident(deps: IncidentDeps, actor: Sender, declared: DeclareInput): Promise<Incident> {
  const input = {
    ...declared,
    categories: [...new Set(declared.categories)],
    keywords: [...new Set(declared.keywords)],
  };
  const at = nowIso();
  const since = new Date(Date.parse(at) - input.linkSinceMinutes * 60_000).toISOString();
  const matcher = { categories: input.categories, keywords: input.keywords };
  const { id, linked } = await deps.db.transaction().execute(async (tx) => {
    const id = await incidents.create(tx, { workspaceId: actor.workspaceId, ...input, declaredBy: actor.agentId, at });
    const candidates = await conversations.openSince(tx, actor.workspaceId, since);
    const firsts = await firstCustomerMessages(
      tx,
      candidates.map((c) => c.id),
    );
    const linked: string[] = [];
    for (const c of candidates) {
      if (
        !matchesIncident(matcher, {
          categories: parseJson(c.categories, []),
          text: firsts.get(c.id)?.text ?? c.preview,
        })
      )
        continue;
      if (
        !(await incidents.attach(tx, {
          workspaceId: actor.workspaceId,
          incidentId: id,
          conversationId: c.id,
          by: actor.agentId,
          at,
        }))
      )
        continue;
      await messages.system(tx, c.id, deskTexts.linkedToIncident(input.title), at);
      linked.push(c.id);
    }
    await spikeAlerts.attachToIncident(
      tx,
      actor.workspaceId,
      id,
      input.categories,
      new Date(Date.parse(at) - ALERT_ATTACH_MS).toISOString(),
    );
    await audit.log(tx, {
      workspaceId: actor.workspaceId,
      actor: byAgent(actor),
      action: 'incident.declared',
      target: { type: 'incident', id },
      detail: {
        title: input.title,
        categories: input.categories,
        keywords: input.keywords,
        autoAcknowledge: input.autoAcknowledge,
        linked: linked.length,
      },
    });
    return { id, linked };
  });
  await publishConversations(deps, actor.workspaceId, linked);
  await publishIncident(deps, actor.workspaceId, id);
  return (await incidents.get(deps.db, actor.workspaceId, id))!;
}

/** Links conversations a supervisor picked (no matching rule applies); one that belongs to another open incident is refused. */
export async function linkConversations(
  deps: IncidentDeps,
  actor: Sender,
  id: string,
  conversationIds: string[],
): Promise<void> {
  const incident = await openIncidentOrThrow(deps.db, actor.workspaceId, id);
  const at = nowIso();
  const linked = await deps.db.transaction().execute(async (tx) => {
    const linked: string[] = [];
    for (const cid of new Set(conversationIds)) {
      const conv = await conversations.row(tx, actor.workspaceId, cid);
      if (!conv) throw invalid('conversationIds', `${cid} is not a conversation of this workspace`);
      if (conv.incident_id === id) continue;
      if (
        !(await incidents.attach(tx, {
          workspaceId: actor.workspaceId,
          incidentId: id,
          conversationId: cid,
          by: actor.agentId,
          at,
        }))
      ) {
        const other = conv.incident_id ? await incidents.row(tx, actor.workspaceId, conv.incident_id) : undefined;
        throw conflict(
          `Conversation ${cid} belongs to the open incident 「${other?.title ?? conv.incident_id}」; unlink it there first`,
        );
      }
      await messages.system(tx, cid, deskTexts.linkedToIncident(incident.title), at);
      linked.push(cid);
    }
    if (linked.length)
      await audit.log(tx, {
        workspaceId: actor.workspaceId,
        actor: byAgent(actor),
        action: 'incident.linked',
        target: { type: 'incident', id },
        detail: { conversationIds: linked },
      });
    return linked;
  });
  await publishConversations(deps, actor.workspaceId, linked);
  await publishIncident(deps, actor.workspaceId, id);
}

export async function unlinkConversations(
  deps: IncidentDeps,
  actor: Sender,
  id: string,
  conversationIds: string[],
): Promise<void> {
  const incident = await openIncidentOrThrow(deps.db, actor.workspaceId, id);
  const at = nowIso();
  const unlinked = await deps.db.transaction().execute(async (tx) => {
    const unlinked: string[] = [];
    for (const cid of new Set(conversationIds)) {
      if (!(await conversations.row(tx, actor.workspaceId, cid)))
        throw invalid('conversationIds', `${cid} is not a conversation of this workspace`);
      if (!(await incidents.detach(tx, id, cid, at))) continue;
      await messages.system(tx, cid, deskTexts.unlinkedFromIncident(incident.title), at);
      unlinked.push(cid);
    }
    if (unlinked.length)
      await audit.log(tx, {
        workspaceId: actor.workspaceId,
        actor: byAgent(actor),
        action: 'incident.unlinked',
        target: { type: 'incident', id },
        detail: { conversationIds: unlinked },
      });
    return unlinked;
  });
  await publishConversations(deps, actor.workspaceId, unlinked);
  await publishIncident(deps, actor.workspaceId, id);
}
