import type { ChannelAdapter } from '../channels/types';
import { topics } from '../realtime/bus';
import { deskTexts, localTime } from '../texts/desk-texts';
import type { SlaStatus } from '../routing/sla';
import { agents, audit, conversations, bySystem } from '../store/repositories';
import { autoAssign, whyUnassignable } from './assign';
import { runAutomation } from './automation';
import { escalate } from './escalate';
import { notify } from './notifications';
import type { DeskSettings } from './settings';
import type { SlaDeps, SlaEvent, SlaRow } from './sla';

/**
 * What an SLA warning or breach does, once per clock: tell the owner and every supervisor, audit it, apply the breach
 * policy (escalate to L3 or reassign), run the `sla.*` automation rules, and refresh the inbox. Wired into the SLA
 * checker by the composition root (server/context.ts).
 */
export const slaAnnouncer =
  (deps: SlaDeps & { adapters: Map<string, ChannelAdapter> }) =>
  async (row: SlaRow, status: SlaStatus, event: SlaEvent, settings: DeskSettings): Promise<void> => {
    const supervisors = await agents.supervisorIds(deps.db, row.workspace_id);
    const breached = event === 'sla.breached';
    await notify(deps, {
      workspaceId: row.workspace_id,
      agentIds: [...(row.assignee_id ? [row.assignee_id] : []), ...supervisors],
      kind: event,
      conversationId: row.id,
      urgent: breached || row.level >= 3,
      title: breached
        ? deskTexts.slaBreached(status.target, row.preview)
        : deskTexts.slaWarning(status.target, row.preview),
      body: deskTexts.slaDue(row.level, status.dueAt ? localTime(status.dueAt, settings.sla.timeZone) : null),
    });
    await alertIfUnassignable(deps, row, settings);
    await audit.log(deps.db, {
      workspaceId: row.workspace_id,
      actor: bySystem('Koe SLA'),
      action: event,
      target: { type: 'conversation', id: row.id },
      detail: { target: status.target, dueAt: status.dueAt },
    });
    if (breached && settings.sla.onBreach !== 'notify') {
      if (settings.sla.onBreach === 'escalate' && row.level < 3) {
        await escalate(deps, {
          workspaceId: row.workspace_id,
          conversationId: row.id,
          by: null,
          toLevel: 3,
          note: deskTexts.slaEscalationNote(status.target),
        });
      } else if (settings.sla.onBreach === 'reassign' && row.assignee_id) {
        const previousOwner = row.assignee_id;
        await conversations.update(deps.db, row.id, { assignee_id: null });
        const others = await agents.idsExcept(deps.db, row.workspace_id, previousOwner);
        if (!(await autoAssign(deps, row.workspace_id, row.id, { onlyAgentIds: others }))) {
          await conversations.update(deps.db, row.id, { assignee_id: previousOwner });
        }
      }
    }
    await runAutomation(deps, row.workspace_id, row.id, event);
    deps.bus.publish(topics.workspace(row.workspace_id), {
      type: 'conversation.updated',
      data: await conversations.item(deps.db, row.workspace_id, row.id),
    });
  };

/**
 * An urgent (L3) conversation still without an owner when its SLA warns (or breaches): routing could not give it to
 * anyone, so the supervisors are told why (everyone at capacity, offline…), at the warning and again at the breach.
 */
async function alertIfUnassignable(
  deps: SlaDeps & { adapters: Map<string, ChannelAdapter> },
  row: SlaRow,
  settings: DeskSettings,
): Promise<void> {
  if (row.level < 3 || row.assignee_id || row.status !== 'open' || row.flag === 'spam' || row.flag === 'troll') return;
  const why = await whyUnassignable(deps.db, row.workspace_id, row);
  if (!why) return;
  const supervisors = await agents.supervisorIds(deps.db, row.workspace_id);
  await notify(deps, {
    workspaceId: row.workspace_id,
    agentIds: supervisors,
    kind: 'unassigned_urgent',
    conversationId: row.id,
    urgent: true,
    title: deskTexts.urgentUnassignable(row.preview),
    body: why,
  });
  await audit.log(deps.db, {
    workspaceId: row.workspace_id,
    actor: bySystem('Koe routing'),
    action: 'conversation.unassignable',
    target: { type: 'conversation', id: row.id },
    detail: { reason: why.en, reasonJa: why.ja, timeZone: settings.sla.timeZone },
  });
}
