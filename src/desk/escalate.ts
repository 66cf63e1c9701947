import type { Logger } from 'pino';
import { deskTexts } from '../texts/desk-texts';
import type { Lang, Localized } from '../texts/localized';
import { DomainError, invalid, notFound } from '../domain/errors';
import { newId, nowIso } from '../domain/ids';
import type { Actor } from '../domain/permissions';
import type { JobQueue } from '../jobs/queue';
import { topics, type RealtimeBus } from '../realtime/bus';
import {
  escalations,
  agents,
  audit,
  conversations,
  customers,
  messages,
  teams,
  type Db,
  byAgent,
  bySystem,
} from '../store/repositories';
import { parseJson } from '../store/repositories/types';
import { autoAssign } from './assign';
import { notify } from './notifications';
import { scheduleSlaCheck } from './sla';

export interface EscalateDeps {
  db: Db;
  bus: RealtimeBus;
  log: Logger;
  jobs: JobQueue;
}

export interface EscalationRequest {
  workspaceId: string;
  conversationId: string;
  by: Actor | null;
  toLevel?: 1 | 2 | 3;
  toAgentId?: string;
  toTeamId?: string;
  /** An agent's own words, or Koe's in both languages (an automatic escalation). */
  note: string | Localized;
}

const MIN_NOTE = 10;

/**
 * Hands a conversation to a higher (or back to a lower) level, a team or a person, with a written hand-off
 * note. The receiver is notified at once and sees the note at the top of the conversation.
 */
export async function escalate(
  deps: EscalateDeps,
  req: EscalationRequest,
): Promise<{ id: string; assigneeId: string | null }> {
  const noteText: Localized =
    typeof req.note === 'string'
      ? { ja: req.note.trim(), en: req.note.trim() }
      : { ja: req.note.ja.trim(), en: req.note.en.trim() };
  const note = noteText.ja;
  if (note.length < MIN_NOTE)
    throw new DomainError(
      'validation',
      `note: a hand-off note of at least ${MIN_NOTE} characters is required (what the customer needs, what was tried, what was promised)`,
      [{ path: 'note', message: `at least ${MIN_NOTE} characters` }],
      'handoff_note_too_short',
    );
  const row = await conversations.row(deps.db, req.workspaceId, req.conversationId);
  if (!row) throw notFound('Conversation');
  const toLevel = req.toLevel ?? Math.max(1, row.level);
  const target = req.toAgentId ? await agents.get(deps.db, req.workspaceId, req.toAgentId) : undefined;
  if (req.toAgentId && (!target || !target.active))
    throw invalid('toAgentId', 'is not an active agent of this workspace');
  if (target && target.level < toLevel)
    throw invalid('toAgentId', `is L${target.level}, below the requested L${toLevel}`);
  const team = req.toTeamId
    ? (await teams.list(deps.db, req.workspaceId)).find((t) => t.id === req.toTeamId)
    : undefined;
  if (req.toTeamId && !team) throw invalid('toTeamId', 'is not a team of this workspace');

  const at = nowIso();
  const id = newId();
  const direction = toLevel < row.level ? 'down' : 'up';
  const byName = req.by?.name ?? 'Koe';
  await deps.db.transaction().execute(async (tx) => {
    await escalations.create(tx, {
      id,
      workspace_id: req.workspaceId,
      conversation_id: row.id,
      direction,
      from_agent_id: req.by?.agentId ?? null,
      from_level: row.level,
      to_level: toLevel,
      to_team_id: req.toTeamId ?? null,
      to_agent_id: req.toAgentId ?? null,
      note,
      created_at: at,
    });
    await conversations.update(tx, row.id, {
      level: toLevel,
      team_id: req.toTeamId ?? row.team_id,
      assignee_id: req.toAgentId ?? null,
      first_responder_id: null,
      status: row.status === 'closed' ? row.status : 'open',
    });
    const to = target?.name ?? team?.name ?? `L${toLevel}`;
    await messages.system(tx, row.id, deskTexts.escalationLine(direction === 'up', row.level, toLevel, to, byName), at);
    await messages.create(tx, {
      conversationId: row.id,
      kind: 'note',
      text: `${deskTexts.handoffNoteHeader.ja}\n${noteText.ja}`,
      meta: {
        localized: {
          ja: `${deskTexts.handoffNoteHeader.ja}\n${noteText.ja}`,
          en: `${deskTexts.handoffNoteHeader.en}\n${noteText.en}`,
        },
      },
      authorType: req.by ? 'agent' : 'system',
      authorId: req.by?.agentId ?? null,
      authorName: byName,
      createdAt: at,
    });
    await audit.log(tx, {
      workspaceId: req.workspaceId,
      actor: req.by ? byAgent(req.by) : bySystem('Koe'),
      action: direction === 'up' ? 'conversation.escalated' : 'conversation.deescalated',
      target: { type: 'conversation', id: row.id },
      detail: {
        escalationId: id,
        fromLevel: row.level,
        toLevel,
        toAgentId: req.toAgentId ?? null,
        toTeamId: req.toTeamId ?? null,
      },
    });
  });

  let assigneeId = req.toAgentId ?? null;
  if (!assigneeId)
    assigneeId = await autoAssign(deps, req.workspaceId, row.id, { minLevel: toLevel, onlyAgentIds: team?.memberIds });
  // Who must act: the person, else the new owner, else everyone able to take it (team members or agents at that level).
  let receivers = assigneeId ? [assigneeId] : [];
  if (!receivers.length) {
    receivers = team ? team.memberIds : await agents.activeIdsAtLevel(deps.db, req.workspaceId, toLevel);
  }
  const supervisors = await agents.supervisorIds(deps.db, req.workspaceId);
  await notify(deps, {
    workspaceId: req.workspaceId,
    agentIds: [...receivers, ...supervisors].filter((a) => a !== req.by?.agentId),
    kind: 'escalated',
    conversationId: row.id,
    urgent: toLevel >= 3,
    title: deskTexts.escalationNotified(direction === 'up', toLevel, row.preview),
    body: { ja: noteText.ja.slice(0, 200), en: noteText.en.slice(0, 200) },
  });
  deps.bus.publish(topics.workspace(req.workspaceId), {
    type: 'conversation.updated',
    data: await conversations.item(deps.db, req.workspaceId, row.id),
  });
  await scheduleSlaCheck(deps, req.workspaceId, row.id);
  return { id, assigneeId };
}

/** The facts a hand-off note starts from, so the sender only adds what was tried and promised. */
export async function handoffDraft(
  db: Db,
  workspaceId: string,
  conversationId: string,
  lang: Lang = 'ja',
): Promise<string> {
  const item = await conversations.item(db, workspaceId, conversationId);
  if (!item) throw notFound('Conversation');
  const customer = await customers.get(db, workspaceId, item.customer.id);
  const thread = await messages.forConversation(db, conversationId, { includeNotes: false });
  const fromCustomer = thread.filter((m) => m.kind === 'customer');
  return deskTexts.handoffDraft({
    customer: customer?.name ?? item.customer.name,
    channelName: item.channel.name,
    channelKind: item.channel.kind,
    categories: item.categories,
    level: item.level,
    priority: item.priority,
    sentiment: item.sentiment,
    fromCustomer: fromCustomer.length,
    replies: thread.length - fromCustomer.length,
    lastWords: fromCustomer.slice(-3).map((m) => m.text.slice(0, 120)),
  })[lang];
}

export async function acceptEscalation(deps: EscalateDeps, actor: Actor, escalationId: string): Promise<void> {
  const e = await escalations.get(deps.db, actor.workspaceId, escalationId);
  if (!e) throw notFound('Escalation');
  if (e.status !== 'open') return;
  const at = nowIso();
  await deps.db.transaction().execute(async (tx) => {
    await escalations.accept(tx, { id: e.id, conversationId: e.conversation_id }, actor.agentId, at);
    await audit.log(tx, {
      workspaceId: actor.workspaceId,
      actor: byAgent(actor),
      action: 'escalation.accepted',
      target: { type: 'conversation', id: e.conversation_id },
      detail: { escalationId: e.id },
    });
  });
  deps.bus.publish(topics.workspace(actor.workspaceId), {
    type: 'conversation.updated',
    data: await conversations.item(deps.db, actor.workspaceId, e.conversation_id),
  });
}

export const categoriesOf = (raw: string) => parseJson<string[]>(raw, []);
