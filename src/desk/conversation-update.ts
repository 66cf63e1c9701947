import type { Updateable } from 'kysely';
import { deskTexts } from '../texts/desk-texts';
import type { Logger } from 'pino';
import type { ChannelAdapter } from '../channels/types';
import { assertTransition, type ConversationStatus } from '../domain/conversation-status';
import { forbidden, invalid, notFound } from '../domain/errors';
import { nowIso } from '../domain/ids';
import { canAssign, type Actor } from '../domain/permissions';
import type { JobQueue } from '../jobs/queue';
import type { RealtimeBus } from '../realtime/bus';
import {
  agents,
  audit,
  byAgent,
  conversations,
  escalations,
  messages,
  triageSettings,
  type Db,
} from '../store/repositories';
import { parseJson } from '../store/repositories/types';
import type { ConversationTable } from '../store/schema';
import type { Category } from '../triage/types';
import type { ConversationChange } from '../contracts/conversations';
import { capacityFreed } from './assign';
import { runAutomation } from './automation';
import { resumeClock } from './clock';
import { notify } from './notifications';
import { queueSurvey } from './satisfaction';
import { scheduleSlaCheck } from './sla';

export interface ConversationUpdateDeps {
  db: Db;
  bus: RealtimeBus;
  log: Logger;
  jobs: JobQueue;
  adapters: Map<string, ChannelAdapter>;
  /** Teaches the workspace's learned triage model an agent's correction. */
  learn(workspaceId: string, text: string, labels: Learned['labels']): Promise<void>;
}

type Learned = {
  text: string;
  labels: { sentiment?: 'negative' | 'neutral' | 'positive'; categories?: Category[]; level?: 0 | 1 | 2 | 3 };
};

/**
 * An agent changes a conversation: status (with the SLA clock and escalations), owner (who may assign whom), tags,
 * level and priority, a cleared spam flag, and triage corrections that the workspace model learns. Each change is
 * audited; then automation rules, the SLA timer and waiting work follow. Returns whether anything changed.
 */
export async function updateConversation(
  deps: ConversationUpdateDeps,
  actor: Actor,
  conversationId: string,
  b: ConversationChange,
): Promise<boolean> {
  // Assigned inside the transaction, learned after it commits.
  let learn = null as Learned | null;
  const changes = await deps.db.transaction().execute(async (tx) => {
    const row = await conversations.row(tx, actor.workspaceId, conversationId);
    if (!row) throw notFound('Conversation');
    const set: Updateable<ConversationTable> = {};
    const logged: { action: string; detail: Record<string, unknown> }[] = [];
    if (b.status && b.status !== row.status) {
      assertTransition(row.status as ConversationStatus, b.status);
      set.status = b.status;
      if (b.status === 'resolved' || b.status === 'closed') {
        set.resolved_at = row.resolved_at ?? nowIso();
        set.waiting_since = null;
        await escalations.resolveFor(tx, row.id);
      }
      if (b.status === 'open') set.resolved_at = null;
      // Waiting on the customer pauses the SLA clock; leaving pending adds the pause to paused_ms.
      if (b.status === 'pending') set.pending_since = nowIso();
      else Object.assign(set, await resumeClock(tx, row, nowIso()));
      logged.push({ action: 'conversation.status_changed', detail: { from: row.status, to: b.status } });
    }
    if (b.assigneeId !== undefined && b.assigneeId !== row.assignee_id) {
      if (!canAssign(actor, row.assignee_id, b.assigneeId))
        throw forbidden('Only a supervisor can assign a conversation to someone else or take it from a colleague');
      if (b.assigneeId) {
        const target = await agents.get(tx, actor.workspaceId, b.assigneeId);
        if (!target || !target.active) throw invalid('assigneeId', 'is not an active agent of this workspace');
      }
      set.assignee_id = b.assigneeId;
      // Assigning by hand ends a first-responder assignment (the new owner owns the conversation outright).
      if (row.first_responder_id) set.first_responder_id = null;
      logged.push({ action: 'conversation.assigned', detail: { from: row.assignee_id, to: b.assigneeId } });
    }
    if (b.tags) set.tags = JSON.stringify([...new Set(b.tags)]);
    if (b.level !== undefined && b.level !== row.level) {
      set.level = b.level;
      logged.push({ action: 'conversation.level_changed', detail: { from: row.level, to: b.level } });
    }
    if (b.priority !== undefined) set.priority = b.priority;
    if (b.flag === null && (row.flag === 'spam' || row.flag === 'troll')) {
      set.flag = 'cleared';
      logged.push({ action: 'conversation.flag_cleared', detail: { flag: row.flag } });
    }
    const before = {
      sentiment: row.sentiment,
      categories: parseJson<string[]>(row.categories, []),
      level: row.level,
    };
    // Labels an agent sets are training examples even when triage already agreed: confirmations teach too.
    const corrected = {
      ...(b.sentiment ? { sentiment: b.sentiment } : {}),
      ...(b.categories ? { categories: [...new Set(b.categories)] } : {}),
      ...(b.level !== undefined ? { level: b.level as 0 | 1 | 2 | 3 } : {}),
    };
    if (corrected.sentiment && corrected.sentiment !== before.sentiment) set.sentiment = corrected.sentiment;
    if (corrected.categories && [...corrected.categories].sort().join() !== [...before.categories].sort().join())
      set.categories = JSON.stringify(corrected.categories);
    if (b.sentiment || b.categories || (b.level !== undefined && b.level !== before.level)) {
      const texts = (await messages.forConversation(tx, row.id, { includeNotes: false }))
        .filter((m) => m.kind === 'customer')
        .map((m) => m.text);
      const text = texts.join('\n').slice(-2000);
      await triageSettings.recordCorrection(tx, {
        workspaceId: actor.workspaceId,
        conversationId: row.id,
        agentId: actor.agentId,
        text,
        before,
        after: corrected,
      });
      learn = { text, labels: corrected };
      // The agent's judgement replaces the analyser's reasons for what was corrected.
      const replaced = new Set<string>([
        ...(corrected.categories ? ['category'] : []),
        ...(corrected.sentiment ? ['sentiment'] : []),
        ...(corrected.level !== undefined ? ['level'] : []),
      ]);
      // Stored in Japanese (reasons are shown as written); the English is kept beside it for English readers.
      const correctionReason = deskTexts.triageCorrected(actor.name, corrected);
      set.triage_reasons = JSON.stringify([
        {
          kind: 'level',
          code: 'agent_correction',
          evidence: actor.name,
          message: correctionReason.ja,
          messageEn: correctionReason.en,
        },
        ...parseJson<{ kind: string }[]>(row.triage_reasons, []).filter((r) => !replaced.has(r.kind)),
      ]);
      // An agent looked: the "needs a look" mark is settled (either way); a competitor mark stays unless it is now urgent.
      if (row.triage_mark === 'needs_look' || (row.triage_mark && corrected.level === 3)) set.triage_mark = null;
      logged.push({ action: 'triage.corrected', detail: { before, after: corrected } });
    }
    if (Object.keys(set).length) await conversations.update(tx, row.id, set);
    // Resolved: the customer is asked how it went, once the change commits (desk/satisfaction.ts).
    if (set.status === 'resolved') await queueSurvey(deps.jobs, row.id, tx);
    for (const l of logged)
      await audit.log(tx, {
        workspaceId: actor.workspaceId,
        actor: byAgent(actor),
        action: l.action,
        target: { type: 'conversation', id: row.id },
        detail: l.detail,
      });
    return Object.keys(set).length;
  });
  if (learn) await deps.learn(actor.workspaceId, learn.text, learn.labels);
  if (b.assigneeId && b.assigneeId !== actor.agentId && changes) {
    const c = (await conversations.row(deps.db, actor.workspaceId, conversationId))!;
    await notify(deps, {
      workspaceId: actor.workspaceId,
      agentIds: [b.assigneeId],
      kind: 'assigned',
      conversationId: c.id,
      urgent: c.level >= 3,
      title: deskTexts.assigned(c.preview),
      body: deskTexts.assignedBy(actor.name),
    });
  }
  if (changes) {
    await runAutomation(deps, actor.workspaceId, conversationId, 'conversation.updated');
    await scheduleSlaCheck(deps, actor.workspaceId, conversationId);
    // Leaving "open" or changing hands frees someone's capacity: waiting conversations may be routed now.
    if ((b.status && b.status !== 'open') || b.assigneeId !== undefined)
      await capacityFreed(deps.jobs, actor.workspaceId);
  }
  return Boolean(changes);
}
