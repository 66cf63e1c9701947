import { topics, type RealtimeBus } from '../realtime/bus';
import { conversations, type Db } from '../store/repositories';

/** Tells every open inbox of the workspace that these conversations changed (their rows as the list shows them). */
export async function publishConversations(
  deps: { db: Db; bus: RealtimeBus },
  workspaceId: string,
  ids: Iterable<string>,
): Promise<void> {
  for (const id of ids)
    deps.bus.publish(topics.workspace(workspaceId), {
      type: 'conversation.updated',
      data: await conversations.item(deps.db, workspaceId, id),
    });
}
