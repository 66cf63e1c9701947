import type { Logger } from 'pino';
import type { ChannelAdapter } from '../channels/types';
import { conflict, invalid, notFound } from '../domain/errors';
import { nowIso } from '../domain/ids';
import type { Actor } from '../domain/permissions';
import { incidentReply, matchesIncident, type IncidentTexts } from '../incidents/incident';
import { DEFAULT_SPIKE_RULE, detectSpike, type SpikeRule } from '../incidents/spike';
import type { JobQueue } from '../jobs/queue';
import { writeReply } from './replies';
import { topics, type RealtimeBus } from '../realtime/bus';
import {
  agents,
  customers,
  audit,
  conversations,
  incidents,
  messages,
  spikeAlerts,
  type Db,
  type Incident,
  type IncidentConversation,
  bySystem,
} from '../store/repositories';
import { isPlaceholderName } from '../store/repositories/customers';
import { parseJson } from '../store/repositories/types';
import { detectLang } from '../triage/normalise';
import { URGENT_CATEGORIES, type Category } from '../triage/types';
import { resumeClock } from './clock';
import { resolveEscalations } from './escalate';
import { notify } from './notifications';

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
type Sender = Actor & { displayName: string };

/** No second alert for one category within this time. */
export const SPIKE_COOLDOWN_MS = 30 * 60_000;
/** A worker that claimed an acknowledgement and did not finish within this time is presumed dead (shorter than a job lock). */
const ACK_CLAIM_MS = 30_000;
/** Spike alerts this recent are marked as answered by an incident declared for their category. */
const ALERT_ATTACH_MS = 24 * 3_600_000;

const linkedText = (title: string) => `インシデント「${title}」に紐付けました`;
const unlinkedText = (title: string) => `インシデント「${title}」から外しました`;
const agentOf = (a: Sender) => ({ type: 'agent' as const, id: a.agentId, name: a.name });

// ---------------------------------------------------------------------------------------------------------------
// Spike alerts

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
      title: `急増：${verdict.explanationJa}`,
      body: `「${category}」の問い合わせが通常より大幅に増えています。障害などが原因なら、インシデントを宣言すると該当する問い合わせをまとめ、承認済みの一次回答を各お客様に送れます。`,
    });
    deps.bus.publish(topics.workspace(workspaceId), { type: 'spike.detected', data: alert });
    deps.log.info(
      { workspaceId, category, observed: verdict.observed, expected: verdict.expected },
      'spike alert raised',
    );
  }
}

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

async function publishIncident(deps: IncidentDeps, workspaceId: string, id: string): Promise<void> {
  const data = await incidents.get(deps.db, workspaceId, id);
  if (data) deps.bus.publish(topics.workspace(workspaceId), { type: 'incident.updated', data });
}

async function publishConversations(deps: IncidentDeps, workspaceId: string, ids: Iterable<string>): Promise<void> {
  for (const id of ids)
    deps.bus.publish(topics.workspace(workspaceId), {
      type: 'conversation.updated',
      data: await conversations.item(deps.db, workspaceId, id),
    });
}

/** The first customer message of each conversation: what an incident is matched against and its language. */
async function firstCustomerMessages(
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

// ---------------------------------------------------------------------------------------------------------------
// Declaring and linking

export interface DeclareInput {
  title: string;
  categories: string[];
  keywords: string[];
  ackJa: string;
  ackEn: string;
  autoAcknowledge: boolean;
  linkSinceMinutes: number;
}

/**
 * One transaction: the incident, a link (and a system message) for every matching conversation that is still
 * open or pending, was created within `linkSinceMinutes` and belongs to no other open incident, and the audit entry.
 */
export async function declareIncident(deps: IncidentDeps, actor: Sender, declared: DeclareInput): Promise<Incident> {
  const input = {
    ...declared,
    categories: [...new Set(declared.categories)],
    keywords: [...new Set(declared.keywords)],
  };
  const at = nowIso();
  const since = new Date(Date.parse(at) - input.linkSinceMinutes * 60_000).toISOString();
  const matcher = { categories: input.categories, keywords: input.keywords };
  const { id, linked } = await deps.db.transaction().execute(async (tx) => {
    const id = await incidents.create(tx, { workspaceId: actor.workspaceId, ...input, declaredBy: actor.agentId, at });
    const candidates = await conversations.openSince(tx, actor.workspaceId, since);
    const firsts = await firstCustomerMessages(
      tx,
      candidates.map((c) => c.id),
    );
    const linked: string[] = [];
    for (const c of candidates) {
      if (
        !matchesIncident(matcher, {
          categories: parseJson(c.categories, []),
          text: firsts.get(c.id)?.text ?? c.preview,
        })
      )
        continue;
      if (
        !(await incidents.attach(tx, {
          workspaceId: actor.workspaceId,
          incidentId: id,
          conversationId: c.id,
          by: actor.agentId,
          at,
        }))
      )
        continue;
      await messages.system(tx, c.id, linkedText(input.title), at);
      linked.push(c.id);
    }
    await spikeAlerts.attachToIncident(
      tx,
      actor.workspaceId,
      id,
      input.categories,
      new Date(Date.parse(at) - ALERT_ATTACH_MS).toISOString(),
    );
    await audit.log(tx, {
      workspaceId: actor.workspaceId,
      actor: agentOf(actor),
      action: 'incident.declared',
      target: { type: 'incident', id },
      detail: {
        title: input.title,
        categories: input.categories,
        keywords: input.keywords,
        autoAcknowledge: input.autoAcknowledge,
        linked: linked.length,
      },
    });
    return { id, linked };
  });
  await publishConversations(deps, actor.workspaceId, linked);
  await publishIncident(deps, actor.workspaceId, id);
  return (await incidents.get(deps.db, actor.workspaceId, id))!;
}

async function openIncidentOrThrow(db: Db, workspaceId: string, id: string) {
  const incident = await incidents.row(db, workspaceId, id);
  if (!incident) throw notFound('Incident');
  if (incident.status !== 'open') throw conflict('This incident is resolved');
  return incident;
}

/** Links conversations a supervisor picked (no matching rule applies); one that belongs to another open incident is refused. */
export async function linkConversations(
  deps: IncidentDeps,
  actor: Sender,
  id: string,
  conversationIds: string[],
): Promise<void> {
  const incident = await openIncidentOrThrow(deps.db, actor.workspaceId, id);
  const at = nowIso();
  const linked = await deps.db.transaction().execute(async (tx) => {
    const linked: string[] = [];
    for (const cid of new Set(conversationIds)) {
      const conv = await conversations.row(tx, actor.workspaceId, cid);
      if (!conv) throw invalid('conversationIds', `${cid} is not a conversation of this workspace`);
      if (conv.incident_id === id) continue;
      if (
        !(await incidents.attach(tx, {
          workspaceId: actor.workspaceId,
          incidentId: id,
          conversationId: cid,
          by: actor.agentId,
          at,
        }))
      ) {
        const other = conv.incident_id ? await incidents.row(tx, actor.workspaceId, conv.incident_id) : undefined;
        throw conflict(
          `Conversation ${cid} belongs to the open incident 「${other?.title ?? conv.incident_id}」; unlink it there first`,
        );
      }
      await messages.system(tx, cid, linkedText(incident.title), at);
      linked.push(cid);
    }
    if (linked.length)
      await audit.log(tx, {
        workspaceId: actor.workspaceId,
        actor: agentOf(actor),
        action: 'incident.linked',
        target: { type: 'incident', id },
        detail: { conversationIds: linked },
      });
    return linked;
  });
  await publishConversations(deps, actor.workspaceId, linked);
  await publishIncident(deps, actor.workspaceId, id);
}

export async function unlinkConversations(
  deps: IncidentDeps,
  actor: Sender,
  id: string,
  conversationIds: string[],
): Promise<void> {
  const incident = await openIncidentOrThrow(deps.db, actor.workspaceId, id);
  const at = nowIso();
  const unlinked = await deps.db.transaction().execute(async (tx) => {
    const unlinked: string[] = [];
    for (const cid of new Set(conversationIds)) {
      if (!(await conversations.row(tx, actor.workspaceId, cid)))
        throw invalid('conversationIds', `${cid} is not a conversation of this workspace`);
      if (!(await incidents.detach(tx, id, cid, at))) continue;
      await messages.system(tx, cid, unlinkedText(incident.title), at);
      unlinked.push(cid);
    }
    if (unlinked.length)
      await audit.log(tx, {
        workspaceId: actor.workspaceId,
        actor: agentOf(actor),
        action: 'incident.unlinked',
        target: { type: 'incident', id },
        detail: { conversationIds: unlinked },
      });
    return unlinked;
  });
  await publishConversations(deps, actor.workspaceId, unlinked);
  await publishIncident(deps, actor.workspaceId, id);
}

// ---------------------------------------------------------------------------------------------------------------
// Acknowledging

type IncidentRow = NonNullable<Awaited<ReturnType<typeof incidents.row>>>;
/** sent: this call sent it; answered: nothing to send (already acknowledged or answered); skipped: not sent (closed, busy, failed). */
type AckOutcome = 'sent' | 'answered' | 'skipped';

/** Customer name for the salutation (never a generated guest name) and language (triage of the first post; Japanese when unknown). */
async function addressee(
  db: Db,
  conversationId: string,
  customerId: string,
): Promise<{ name: string | null; lang: 'ja' | 'en' | null }> {
  const customerName = await customers.nameOf(db, customerId);
  const first = (await firstCustomerMessages(db, [conversationId])).get(conversationId);
  const name = customerName && !isPlaceholderName(customerName) ? customerName : null;
  return { name, lang: first?.lang ?? null };
}

/**
 * Sends one conversation's acknowledgement at most once. A claim on the link row keeps two workers (the route
 * job and a supervisor's button) from both sending; a worker that died after sending is recognised by the first
 * response being later than its claim, and the work is completed without sending again.
 */
async function acknowledgeOne(
  deps: IncidentDeps,
  sender: Sender,
  incident: IncidentRow,
  conversationId: string,
): Promise<AckOutcome> {
  const claimAt = nowIso();
  const step = await deps.db.transaction().execute(async (tx) => {
    const link = await incidents.link(tx, incident.id, conversationId);
    if (!link || link.acknowledged_at) return 'answered' as const;
    const conv = await conversations.row(tx, incident.workspace_id, conversationId);
    if (!conv || conv.status === 'closed') return 'skipped' as const;
    if (conv.first_response_at)
      return link.ack_claimed_at && conv.first_response_at >= link.ack_claimed_at
        ? ('finish' as const)
        : ('answered' as const);
    const stale = new Date(Date.parse(claimAt) - ACK_CLAIM_MS).toISOString();
    return (await incidents.claimAck(tx, incident.id, conversationId, claimAt, stale))
      ? { customerId: conv.customer_id }
      : ('skipped' as const);
  });
  if (step === 'answered' || step === 'skipped') return step;
  let messageId: string | null = null;
  if (step !== 'finish') {
    try {
      const text = incidentReply(
        { ackJa: incident.ack_ja, ackEn: incident.ack_en },
        await addressee(deps.db, conversationId, step.customerId),
      );
      messageId = (await writeReply(deps, sender, conversationId, text, false)).id;
    } catch (err) {
      deps.log.warn({ err, incidentId: incident.id, conversationId }, 'incident acknowledgement not sent');
      await incidents.releaseAck(deps.db, incident.id, conversationId);
      return 'skipped';
    }
  }
  const at = nowIso();
  await deps.db.transaction().execute(async (tx) => {
    await incidents.markAcknowledged(tx, incident.id, conversationId, at, messageId);
    // Waiting on the customer now; a message they write meanwhile (waiting_since set again) keeps it open.
    await conversations.pendIfAnswered(tx, conversationId, at);
  });
  deps.bus.publish(topics.workspace(incident.workspace_id), {
    type: 'conversation.updated',
    data: await conversations.item(deps.db, incident.workspace_id, conversationId),
  });
  return step === 'finish' ? 'answered' : 'sent';
}

/** Sends the acknowledgement to every linked conversation whose customer has had no reply yet, as the acting supervisor. */
export async function acknowledgeIncident(
  deps: IncidentDeps,
  actor: Sender,
  id: string,
): Promise<{ sent: number; skipped: number }> {
  const incident = await openIncidentOrThrow(deps.db, actor.workspaceId, id);
  let sent = 0;
  let skipped = 0;
  for (const link of await incidents.links(deps.db, id)) {
    if (link.acknowledged_at) continue;
    const outcome = await acknowledgeOne(deps, actor, incident, link.conversation_id);
    if (outcome === 'sent') sent++;
    else if (outcome === 'skipped') skipped++;
  }
  await audit.log(deps.db, {
    workspaceId: actor.workspaceId,
    actor: agentOf(actor),
    action: 'incident.acknowledged',
    target: { type: 'incident', id },
    detail: { sent, skipped },
  });
  await publishIncident(deps, actor.workspaceId, id);
  return { sent, skipped };
}

/**
 * Route job, before auto-assignment, for a new conversation: when it matches an open incident it is linked, and
 * if the incident acknowledges automatically the customer gets the acknowledgement signed by the declarer and the
 * conversation waits on them. Returns true when the incident took care of it (skip auto-assignment). Safe to run
 * again for the same conversation (the job queue retries).
 */
export async function handleIncidentForNewConversation(
  deps: IncidentDeps,
  workspaceId: string,
  conversationId: string,
): Promise<boolean> {
  const row = await conversations.row(deps.db, workspaceId, conversationId);
  if (!row || row.status === 'closed') return false;
  const open = await incidents.open(deps.db, workspaceId);
  let incident = row.incident_id ? open.find((i) => i.id === row.incident_id) : undefined;
  if (!incident) {
    if (row.first_response_at || row.status !== 'open') return false;
    const text = (await firstCustomerMessages(deps.db, [row.id])).get(row.id)?.text ?? row.preview;
    const categories = parseJson<string[]>(row.categories, []);
    incident = open.find((i) =>
      matchesIncident(
        { categories: parseJson(i.categories, []), keywords: parseJson(i.keywords, []) },
        { categories, text },
      ),
    );
    if (!incident) return false;
    const at = nowIso();
    const chosen = incident;
    const attached = await deps.db.transaction().execute(async (tx) => {
      if (!(await incidents.attach(tx, { workspaceId, incidentId: chosen.id, conversationId: row.id, by: null, at })))
        return false;
      await messages.system(tx, row.id, linkedText(chosen.title), at);
      await audit.log(tx, {
        workspaceId,
        actor: bySystem('Koe incidents'),
        action: 'incident.linked',
        target: { type: 'incident', id: chosen.id },
        detail: { conversationIds: [row.id], automatic: true },
      });
      return true;
    });
    if (!attached && (await conversations.row(deps.db, workspaceId, row.id))?.incident_id !== chosen.id) return false;
    await publishIncident(deps, workspaceId, chosen.id);
  }
  if (!incident.auto_acknowledge) return false;
  const declarer = await agents.get(deps.db, workspaceId, incident.declared_by);
  if (!declarer) return false;
  const sender: Sender = {
    agentId: declarer.id,
    role: declarer.role,
    workspaceId,
    name: declarer.name,
    displayName: declarer.displayName,
  };
  const outcome = await acknowledgeOne(deps, sender, incident, row.id);
  if (outcome === 'sent') await publishIncident(deps, workspaceId, incident.id);
  // 'answered' covers an earlier run of this job that already sent it; 'skipped' means nobody answered: assign as usual.
  return outcome !== 'skipped';
}

// ---------------------------------------------------------------------------------------------------------------
// Resolving

/**
 * Sends the follow-up to every linked conversation whose customer was answered (each at most once, so a call
 * interrupted half-way can be repeated), then resolves the incident and the linked conversations still waiting
 * on the customer. Conversations the customer reopened stay open for their agent.
 */
export async function resolveIncident(
  deps: IncidentDeps,
  actor: Sender,
  id: string,
  texts: { followUpJa: string; followUpEn: string },
): Promise<Incident> {
  const incident = await incidents.row(deps.db, actor.workspaceId, id);
  if (!incident) throw notFound('Incident');
  if (incident.status !== 'open') throw conflict('This incident is already resolved');
  const followUp: IncidentTexts = { ackJa: texts.followUpJa, ackEn: texts.followUpEn };
  let sent = 0;
  for (const link of await incidents.links(deps.db, id)) {
    const conv = await conversations.row(deps.db, actor.workspaceId, link.conversation_id);
    if (!conv || conv.status === 'closed' || !conv.first_response_at) continue;
    if (!(await incidents.claimFollowUp(deps.db, id, conv.id, nowIso()))) continue;
    try {
      await writeReply(
        deps,
        actor,
        conv.id,
        incidentReply(followUp, await addressee(deps.db, conv.id, conv.customer_id)),
        false,
      );
      sent++;
    } catch (err) {
      deps.log.warn({ err, incidentId: id, conversationId: conv.id }, 'incident follow-up not sent');
      await incidents.releaseFollowUp(deps.db, id, conv.id);
    }
  }
  const at = nowIso();
  const resolvedIds = await deps.db.transaction().execute(async (tx) => {
    const resolvedNow = await incidents.resolve(tx, id, {
      by: actor.agentId,
      at,
      followUpJa: texts.followUpJa,
      followUpEn: texts.followUpEn,
    });
    if (!resolvedNow) throw conflict('This incident is already resolved');
    const resolved: string[] = [];
    for (const link of await incidents.links(tx, id)) {
      const conv = await conversations.row(tx, actor.workspaceId, link.conversation_id);
      if (!conv || conv.status !== 'pending') continue;
      const extra = { resolved_at: conv.resolved_at ?? at, ...(await resumeClock(tx, conv, at)) };
      if (!(await conversations.resolveIfPending(tx, conv.id, at, extra))) continue;
      await resolveEscalations(tx, conv.id);
      resolved.push(conv.id);
    }
    await audit.log(tx, {
      workspaceId: actor.workspaceId,
      actor: agentOf(actor),
      action: 'incident.resolved',
      target: { type: 'incident', id },
      detail: { followUpsSent: sent, conversationsResolved: resolved.length },
    });
    return resolved;
  });
  await publishConversations(deps, actor.workspaceId, resolvedIds);
  await publishIncident(deps, actor.workspaceId, id);
  return (await incidents.get(deps.db, actor.workspaceId, id))!;
}
