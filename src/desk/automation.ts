import type { Logger } from 'pino';
import { deskTexts } from '../texts/desk-texts';
import {
  evaluateRules,
  eventsCausedBy,
  followUpOptions,
  type Action,
  type EvaluationOptions,
  type RuleEvent,
  type RuleFacts,
} from '../automation/rules';
import type { ChannelAdapter } from '../channels/types';
import type { ConversationStatus } from '../domain/conversation-status';
import { nowIso } from '../domain/ids';
import type { JobQueue } from '../jobs/queue';
import { writeAutomatedReply } from './replies';
import { topics, type RealtimeBus } from '../realtime/bus';
import { isOpen, type BusinessCalendar } from '../routing/business-hours';
import {
  customers,
  agents,
  audit,
  automationRules,
  channels,
  conversations,
  messages,
  replyTemplates,
  teams,
  type Db,
} from '../store/repositories';
import { parseJson } from '../store/repositories/types';
import { autoAssign } from './assign';
import { notify } from './notifications';
import { deskSettings, type DeskSettings } from './settings';
import { escalate } from './escalate';
import { renderFor, replyValues } from './saved-replies';

export interface AutomationDeps {
  db: Db;
  bus: RealtimeBus;
  log: Logger;
  jobs: JobQueue;
  adapters: Map<string, ChannelAdapter>;
}

/** Channels whose conversations are private (DM-like); public posts are never auto-answered. */
const PRIVATE_KINDS = new Set(['webchat', 'email', 'line']);

export async function ruleFacts(
  db: Db,
  workspaceId: string,
  conversationId: string,
  settings: DeskSettings,
  messageText?: string | null,
): Promise<RuleFacts | null> {
  const row = await conversations.row(db, workspaceId, conversationId);
  if (!row) return null;
  const channel = await channels.byId(db, row.channel_id);
  const customer = await customers.ruleFacts(db, row.customer_id);
  return {
    conversation: {
      id: row.id,
      channel: channel?.kind ?? 'webchat',
      status: row.status as ConversationStatus,
      level: row.level as 0 | 1 | 2 | 3,
      priority: row.priority,
      sentiment: row.sentiment,
      categories: parseJson(row.categories, []),
      tags: parseJson(row.tags, []),
      assigneeId: row.assignee_id,
      teamId: row.team_id,
    },
    message: messageText ? { text: messageText } : null,
    customer: { id: row.customer_id, tags: parseJson(customer?.tags, []), vip: Boolean(customer?.vip) },
    withinBusinessHours: isOpen(settings.businessHours as BusinessCalendar, new Date()),
  };
}

/**
 * Runs the workspace's rules for an event on a conversation and carries out their actions. Events the
 * actions cause are evaluated one level deeper; rules that already fired in the chain do not fire again,
 * and past the depth limit nothing fires (loop guard).
 */
export async function runAutomation(
  deps: AutomationDeps,
  workspaceId: string,
  conversationId: string,
  event: RuleEvent,
  messageText?: string | null,
  opts?: EvaluationOptions,
): Promise<void> {
  const rules = await automationRules.list(deps.db, workspaceId);
  if (!rules.some((r) => r.enabled && r.event === event)) return;
  const settings = await deskSettings.get(deps.db, workspaceId);
  const facts = await ruleFacts(deps.db, workspaceId, conversationId, settings, messageText);
  if (!facts) return;
  const options: EvaluationOptions = opts ?? {
    allowTemplateReplies: settings.automation.allowTemplateReplies,
    channelIsPrivate: PRIVATE_KINDS.has(facts.conversation.channel),
    depth: 0,
  };
  const evaluation = evaluateRules(rules, event, facts, options);
  for (const fired of evaluation.fired) {
    for (const action of fired.actions) await perform(deps, workspaceId, conversationId, action, fired.ruleName);
    await audit.log(deps.db, {
      workspaceId,
      actor: { type: 'system', id: null, name: `automation: ${fired.ruleName}` },
      action: 'automation.fired',
      target: { type: 'conversation', id: conversationId },
      detail: { ruleId: fired.ruleId, event, changes: fired.changes, edits: fired.edits, depth: options.depth },
    });
  }
  if (evaluation.fired.length) {
    deps.bus.publish(topics.workspace(workspaceId), {
      type: 'conversation.updated',
      data: await conversations.item(deps.db, workspaceId, conversationId),
    });
    for (const next of eventsCausedBy(evaluation.actions))
      await runAutomation(deps, workspaceId, conversationId, next, messageText, followUpOptions(options, evaluation));
  }
}

async function perform(
  deps: AutomationDeps,
  workspaceId: string,
  conversationId: string,
  a: Action,
  ruleName: string,
): Promise<void> {
  const row = (await conversations.row(deps.db, workspaceId, conversationId))!;
  switch (a.type) {
    case 'set_level':
      return conversations.update(deps.db, row.id, { level: a.level });
    case 'set_priority':
      return conversations.update(deps.db, row.id, { priority: Math.max(0, Math.min(100, Math.round(a.priority))) });
    case 'add_tag':
      return conversations.update(deps.db, row.id, {
        tags: JSON.stringify([...new Set([...parseJson<string[]>(row.tags, []), a.tag])]),
      });
    case 'assign_agent':
      return conversations.update(deps.db, row.id, { assignee_id: a.agentId, first_responder_id: null });
    case 'assign_team': {
      await conversations.update(deps.db, row.id, { team_id: a.teamId });
      const team = (await teams.list(deps.db, workspaceId)).find((t) => t.id === a.teamId);
      if (team && !row.assignee_id) await autoAssign(deps, workspaceId, row.id, { onlyAgentIds: team.memberIds });
      return;
    }
    case 'escalate': {
      await escalate(deps, {
        workspaceId,
        conversationId: row.id,
        by: null,
        toLevel: a.toLevel ?? (Math.min(3, row.level + 1) as 1 | 2 | 3),
        toTeamId: a.teamId,
        toAgentId: a.agentId,
        note: a.note,
      });
      return;
    }
    case 'notify': {
      const who =
        a.target === 'assignee'
          ? row.assignee_id
            ? [row.assignee_id]
            : []
          : a.target === 'agent'
            ? a.agentId
              ? [a.agentId]
              : []
            : a.target === 'team'
              ? ((await teams.list(deps.db, workspaceId)).find((t) => t.id === a.teamId)?.memberIds ?? [])
              : await agents.supervisorIds(deps.db, workspaceId);
      await notify(deps, {
        workspaceId,
        agentIds: who,
        kind: 'assigned',
        conversationId: row.id,
        urgent: row.level >= 3,
        title: a.message ?? deskTexts.ruleNotification(ruleName, row.preview),
        body: row.preview.slice(0, 200),
      });
      return;
    }
    case 'add_note': {
      await messages.create(deps.db, {
        conversationId: row.id,
        kind: 'note',
        text: a.text,
        authorType: 'system',
        authorId: null,
        authorName: `Koe（${ruleName}）`,
        createdAt: nowIso(),
      });
      return;
    }
    case 'send_template': {
      const template = await replyTemplates.get(deps.db, workspaceId, a.templateId);
      if (!template) return;
      // The customer's language, the thread's facts; a variable only an agent can fill (their name, a prompt) means
      // the reply is not sent: a note tells the agents instead, so no customer ever gets a blank or a brace.
      const rendered = renderFor(template.bodies, await replyValues(deps.db, row, null), 'ja');
      if (rendered.prompts.length)
        await messages.system(
          deps.db,
          row.id,
          deskTexts.templateNeedsAgent(
            ruleName,
            template.name,
            rendered.prompts.map((p) => p.key),
          ),
          nowIso(),
        );
      else await writeAutomatedReply(deps, workspaceId, row.id, rendered.text, `Koe（${ruleName}）`);
      return;
    }
  }
}
