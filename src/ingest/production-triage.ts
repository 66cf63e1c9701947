import type { ConversationTriage } from './triage-hook';
import type { WorkspaceTriage } from './workspace-triage';

/** The ingest pipeline's triage: the analyser with the workspace's phrases and learned model. */
export function productionTriage(engine: WorkspaceTriage): ConversationTriage {
  return async ({ workspaceId, text, context, db }) => {
    const r = await engine.analyse(workspaceId, text, context, db);
    return {
      level: r.level,
      priority: r.priority,
      sentiment: r.sentiment,
      categories: r.categories,
      reasons: r.reasons,
      flags: r.flags,
    };
  };
}
