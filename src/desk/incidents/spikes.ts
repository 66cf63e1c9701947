import { DEFAULT_SPIKE_RULE, detectSpike, type SpikeRule } from '../../incidents/spike';
import { categoryName, deskTexts } from '../../texts/desk-texts';
import { topics } from '../../realtime/bus';
import { agents, conversations, incidents, spikeAlerts, type Db } from '../../store/repositories';
import { parseJson } from '../../store/repositories/types';
import { URGENT_CATEGORIES, type Category } from '../../triage/types';
import { notify } from '../notifications';
import { SPIKE_COOLDOWN_MS, type IncidentDeps } from './shared';

// ---------------------------------------------------------------------------------------------------------------
// Spike alerts

/** Arrival counts are read back this far at most (the default rule's day of baseline and its window); kept twice that. */
const ARRIVALS_KEPT_MS = 2 * (DEFAULT_SPIKE_RULE.baselineHours * 3_600_000 + DEFAULT_SPIKE_RULE.windowMinutes * 60_000);

/**
 * Counts a new conversation's urgent categories for spike detection; called in the transaction that creates it
 * (desk/process-inbound.ts), so each conversation is counted once however often its jobs run.
 */
export async function countArrival(
  db: Db,
  workspaceId: string,
  categories: readonly string[],
  at: string,
): Promise<void> {
  const urgent = categories.filter((c) => URGENT_CATEGORIES.has(c as Category));
  if (urgent.length) await spikeAlerts.countArrival(db, workspaceId, urgent, at);
}

/** Hourly upkeep: forgets arrival counts no spike check reads any more. */
export function pruneArrivalCounts(db: Db, now = new Date()): Promise<void> {
  return spikeAlerts.pruneArrivals(db, new Date(now.getTime() - ARRIVALS_KEPT_MS).toISOString());
}

/**
 * Called by the route job for a new conversation: for each of its urgent categories not covered by an open
 * incident, counts the category's recent conversations and raises at most one alert per cool-down.
 */
export async function checkSpikes(
  deps: IncidentDeps,
  workspaceId: string,
  conversationId: string,
  opts: { now?: Date; rule?: SpikeRule } = {},
): Promise<void> {
  const row = await conversations.row(deps.db, workspaceId, conversationId);
  if (!row) return;
  const urgent = parseJson<string[]>(row.categories, []).filter((c) => URGENT_CATEGORIES.has(c as Category));
  if (!urgent.length) return;
  const rule = opts.rule ?? DEFAULT_SPIKE_RULE;
  const now = opts.now ?? new Date();
  const covered = new Set(
    (await incidents.open(deps.db, workspaceId)).flatMap((i) => parseJson<string[]>(i.categories, [])),
  );
  const windowStart = new Date(now.getTime() - rule.windowMinutes * 60_000).toISOString();
  const baselineStart = new Date(Date.parse(windowStart) - rule.baselineHours * 3_600_000).toISOString();
  for (const category of urgent) {
    if (covered.has(category)) continue;
    const verdict = detectSpike(
      category,
      {
        inWindow: await spikeAlerts.countCategory(deps.db, workspaceId, category, windowStart, now.toISOString()),
        inBaseline: await spikeAlerts.countCategory(deps.db, workspaceId, category, baselineStart, windowStart),
      },
      rule,
    );
    if (!verdict.spike) continue;
    const at = now.toISOString();
    const alert = await deps.db.transaction().execute(async (tx) =>
      (await spikeAlerts.claimCooldown(tx, workspaceId, category, at, SPIKE_COOLDOWN_MS))
        ? spikeAlerts.create(tx, {
            workspaceId,
            category,
            observed: verdict.observed,
            expected: verdict.expected,
            at,
          })
        : null,
    );
    if (!alert) continue;
    const supervisors = await agents.supervisorIds(deps.db, workspaceId);
    await notify(deps, {
      workspaceId,
      agentIds: supervisors,
      kind: 'spike',
      conversationId: null,
      urgent: true,
      // Category labels, never the internal code (billing_error), in each supervisor's language.
      title: deskTexts.spikeTitle(categoryName(category), verdict.observed, rule.windowMinutes, verdict.expected),
      body: deskTexts.spikeBody(categoryName(category)),
    });
    deps.bus.publish(topics.workspace(workspaceId), { type: 'spike.detected', data: alert });
    deps.log.info(
      { workspaceId, category, observed: verdict.observed, expected: verdict.expected },
      'spike alert raised',
    );
  }
}
