import { newId, nowIso } from '../domain/ids';
import type { JobQueue } from '../jobs/queue';
import { topics, type RealtimeBus } from '../realtime/bus';
import { agents, notifications, type Db, type Notification } from '../store/repositories';
import { langOf, pick, type Localized } from '../texts/localized';
import type { NotificationKind } from '../contracts/routing-values';
import { enqueueExternal, externalKindOf } from './notify-external';
import { deskSettings } from './settings';

export interface NewNotification {
  workspaceId: string;
  agentIds: string[];
  kind: NotificationKind;
  conversationId: string | null;
  /** Written in each receiving agent's language (a plain string is shown as it is to everyone). */
  title: string | Localized;
  body: string | Localized;
  urgent: boolean;
}

export interface NotifyDeps {
  db: Db;
  bus: RealtimeBus;
  jobs: JobQueue;
}

/**
 * Stored (so a signed-out agent sees it later) and pushed at once to the agent's open tabs. When the workspace sends
 * this kind outside Koe, the `notification.deliver` jobs (one webhook per event, one email per agent) are written in
 * the same transaction as the notification rows, so a stored notification is never left undelivered.
 */
export async function notify(deps: NotifyDeps, n: NewNotification): Promise<void> {
  const agentIds = [...new Set(n.agentIds)];
  const external = externalKindOf(n);
  const settings = external ? (await deskSettings.get(deps.db, n.workspaceId)).notifications : null;
  if (!agentIds.length && !(external && settings?.webhook.url && settings.webhook.kinds.includes(external))) return;
  const at = nowIso();
  const locales =
    typeof n.title === 'string' && typeof n.body === 'string'
      ? new Map<string, string>()
      : await agents.localesOf(deps.db, agentIds);
  const rows = agentIds.map((agentId) => ({
    id: newId(),
    workspace_id: n.workspaceId,
    agent_id: agentId,
    kind: n.kind,
    conversation_id: n.conversationId,
    title: pick(n.title, langOf(locales.get(agentId))),
    body: pick(n.body, langOf(locales.get(agentId))),
    urgent: n.urgent ? 1 : 0,
    created_at: at,
    read_at: null,
  }));
  const write = async (tx: Db) => {
    await notifications.insert(tx, rows);
    if (external && settings) {
      await enqueueExternal(deps.jobs, tx, settings, agentIds, {
        id: newId(),
        kind: external,
        workspaceId: n.workspaceId,
        conversationId: n.conversationId,
        title: n.title,
        body: n.body,
        createdAt: at,
      });
    }
  };
  if (deps.db.isTransaction) await write(deps.db);
  else await deps.db.transaction().execute(write);
  for (const row of rows) {
    const data: Notification = {
      id: row.id,
      kind: n.kind,
      conversationId: n.conversationId,
      title: row.title,
      body: row.body,
      urgent: n.urgent,
      createdAt: at,
      readAt: null,
    };
    deps.bus.publish(topics.agent(row.agent_id), { type: 'notification', data });
  }
}
