import type { Logger } from 'pino';
import type { ChannelAdapter } from '../../channels/types';
import { conflict, notFound } from '../../domain/errors';
import type { Actor } from '../../domain/permissions';
import type { JobQueue } from '../../jobs/queue';
import { topics, type RealtimeBus } from '../../realtime/bus';
import { incidents, messages, type Db, type Incident, type IncidentConversation } from '../../store/repositories';
import { parseJson } from '../../store/repositories/types';
export { publishConversations } from '../publish';
import { detectLang } from '../../triage/normalise';

// Incidents and spike alerts: the desk side of src/incidents (pure rules). A spike of one urgent category
// alerts supervisors; a declared incident groups the matching conversations, answers each customer on
// their own channel with the approved acknowledgement, and sends a follow-up when it is resolved.

export interface IncidentDeps {
  db: Db;
  bus: RealtimeBus;
  log: Logger;
  jobs: JobQueue;
  adapters: Map<string, ChannelAdapter>;
}
export type Sender = Actor & { displayName: string };

/** No second alert for one category within this time. */
export const SPIKE_COOLDOWN_MS = 30 * 60_000;
/** A worker that claimed an acknowledgement and did not finish within this time is presumed dead (shorter than a job lock). */
export const ACK_CLAIM_MS = 30_000;
/** Spike alerts this recent are marked as answered by an incident declared for their category. */
export const ALERT_ATTACH_MS = 24 * 3_600_000;

// ---------------------------------------------------------------------------------------------------------------
// Reading

export async function incidentDetail(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<Incident & { conversations: IncidentConversation[] }> {
  const incident = await incidents.get(db, workspaceId, id);
  if (!incident) throw notFound('Incident');
  return { ...incident, conversations: await incidents.conversations(db, id) };
}

export async function publishIncident(deps: IncidentDeps, workspaceId: string, id: string): Promise<void> {
  const data = await incidents.get(deps.db, workspaceId, id);
  if (data) deps.bus.publish(topics.workspace(workspaceId), { type: 'incident.updated', data });
}

/** The first customer message of each conversation: what an incident is matched against and its language. */
export async function firstCustomerMessages(
  db: Db,
  conversationIds: string[],
): Promise<Map<string, { text: string; lang: 'ja' | 'en' | null }>> {
  const out = new Map<string, { text: string; lang: 'ja' | 'en' | null }>();
  for (const r of await messages.customerTextsOf(db, conversationIds)) {
    if (out.has(r.conversation_id)) continue;
    // The language triage stored with the message when it has one, else the analyser's own detection.
    const stored = parseJson<{ lang?: string } | null>(r.triage, null)?.lang;
    const lang = stored === 'ja' || stored === 'en' ? stored : /[\p{L}]/u.test(r.text) ? detectLang(r.text) : null;
    out.set(r.conversation_id, { text: r.text, lang });
  }
  return out;
}

export async function openIncidentOrThrow(db: Db, workspaceId: string, id: string) {
  const incident = await incidents.row(db, workspaceId, id);
  if (!incident) throw notFound('Incident');
  if (incident.status !== 'open') throw conflict('This incident is resolved');
  return incident;
}
