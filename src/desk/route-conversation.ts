import type { ChannelAdapter } from '../channels/types';
import type { JobQueue } from '../jobs/queue';
import type { RealtimeBus } from '../realtime/bus';
import type { Logger } from 'pino';
import type { Db } from '../store/repositories';
import { runAnswerBot } from './answer-bot';
import { autoAssign } from './assign';
import { runAutomation } from './automation';
import { checkSpikes, handleIncidentForNewConversation } from './incidents';
import { scheduleSlaCheck } from './sla';

/** Queued with every stored customer message (desk/process-inbound.ts), committed with it. */
export const ROUTE_CONVERSATION = 'conversation.route';

export type RoutePayload = {
  workspaceId: string;
  conversationId: string;
  event?: 'conversation.created' | 'message.received';
  text?: string;
};

export interface RouteDeps {
  db: Db;
  bus: RealtimeBus;
  log: Logger;
  jobs: JobQueue;
  adapters: Map<string, ChannelAdapter>;
  /** Where the answer bot links a help article (KOE_HELP_ARTICLE_URL). */
  helpArticleUrl?: string;
  /** KOE_PUBLIC_URL: without a template, the bot links the workspace's own help center. */
  publicUrl?: string;
}

/**
 * After a customer message: the admin's rules first (they may set level, team or owner), then a declared incident
 * (a new conversation it covers is acknowledged and waits on the customer instead of being assigned), the answer bot
 * (a plain question it answers from a published article waits on the customer too; a customer writing again after its
 * answer is handed over), assignment, spike detection for new conversations, and SLA timers.
 */
export function conversationRouter(deps: RouteDeps) {
  return async ({ workspaceId, conversationId, event, text }: RoutePayload): Promise<void> => {
    await runAutomation(deps, workspaceId, conversationId, event ?? 'message.received', text);
    const isNew = event === 'conversation.created';
    const handledByIncident = isNew && (await handleIncidentForNewConversation(deps, workspaceId, conversationId));
    const answeredByBot = !handledByIncident && (await runAnswerBot(deps, workspaceId, conversationId));
    if (!handledByIncident && !answeredByBot) await autoAssign(deps, workspaceId, conversationId);
    if (isNew) await checkSpikes(deps, workspaceId, conversationId);
    await scheduleSlaCheck(deps, workspaceId, conversationId);
  };
}
