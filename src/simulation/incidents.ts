// Incident handling in the simulated desk, with the product's own rules:
// the spike rule of src/incidents/spike.ts raises the alert, a senior agent
// on shift acts on it (reads it, checks the service, edits the pre-filled
// acknowledgement and declares: a task of DECLARE_S seconds, done after the
// reply they are writing), matching is src/incidents/incident.ts, and the
// declaration acknowledges every matching conversation nobody has started
// on, as POST /api/incidents + /acknowledge do. While the incident is open,
// new matching posts are acknowledged on arrival (autoAcknowledge). It ends
// when the matching posts stop for QUIET_S (the service is back); writing the
// follow-up is another task.
import { matchesIncident, type IncidentMatcher } from '../incidents/incident';
import { countsAt, detectSpike } from '../incidents/spike';
import { URGENT_CATEGORIES } from '../triage/types';
import { DAY_START_MS, type AgentRuntime, type Conversation, type Desk } from './desk';

/** Reading the alert, checking the status page, adjusting the pre-filled acknowledgement, declaring. */
export const DECLARE_S = 180;
/** Writing the follow-up when the incident ends. */
export const RESOLVE_S = 120;
/** With no matching post for this long the service is taken to be back. */
export const QUIET_S = 20 * 60;
/** A category that alerted is not alerted again within this window (as in the product). */
const ALERT_SUPPRESS_S = 30 * 60;
/** How far back the declaration links open conversations (the API's default linkSinceMinutes). */
const LINK_SINCE_S = 60 * 60;

export interface IncidentRecord {
  category: string;
  alertS: number;
  declaredS: number | null;
  resolvedS: number | null;
  /** Conversations whose first response was the incident's acknowledgement. */
  acknowledged: number;
  declaredBy: string | null;
}

interface OpenIncident {
  matcher: IncidentMatcher;
  record: IncidentRecord;
  lastMatchS: number;
}

export class IncidentDesk {
  readonly records: IncidentRecord[] = [];
  private readonly seen = new Map<string, number[]>();
  private readonly lastAlertS = new Map<string, number>();
  private readonly open: OpenIncident[] = [];

  constructor(private readonly desk: Desk) {}

  /** Called when a conversation is admitted. Returns true when an open incident acknowledged it. */
  onArrival(c: Conversation): boolean {
    const { desk } = this;
    const incident = this.open.find((i) => this.matches(i, c));
    if (incident) {
      incident.lastMatchS = desk.now;
      this.scheduleQuietCheck(incident);
      if (desk.acknowledge(c)) incident.record.acknowledged++;
      return true;
    }
    for (const category of c.prepared.triage.categories) {
      if (!URGENT_CATEGORIES.has(category)) continue;
      const times = this.seen.get(category) ?? [];
      times.push(DAY_START_MS + desk.now * 1000);
      this.seen.set(category, times);
      const verdict = detectSpike(category, countsAt(times, DAY_START_MS + desk.now * 1000));
      const last = this.lastAlertS.get(category);
      if (!verdict.spike || (last !== undefined && desk.now - last < ALERT_SUPPRESS_S)) continue;
      if (this.open.some((i) => i.matcher.categories.includes(category))) continue;
      this.lastAlertS.set(category, desk.now);
      this.alert(category);
    }
    return false;
  }

  private matches(i: OpenIncident, c: Conversation): boolean {
    return matchesIncident(i.matcher, { categories: c.prepared.triage.categories, text: c.prepared.post.text });
  }

  /** The supervisor on shift: the most senior online agent, least loaded, leads (escalation skill) first. */
  private supervisor(): AgentRuntime | null {
    const online = this.desk.agents.filter((a) => a.presence === 'online');
    const lead = (a: AgentRuntime) => (a.profile.skills.includes('escalation') ? 0 : 1);
    return (
      online.sort(
        (x, y) =>
          y.profile.level - x.profile.level ||
          lead(x) - lead(y) ||
          x.open.size - y.open.size ||
          (x.profile.id < y.profile.id ? -1 : 1),
      )[0] ?? null
    );
  }

  private alert(category: string): void {
    const record: IncidentRecord = {
      category,
      alertS: this.desk.now,
      declaredS: null,
      resolvedS: null,
      acknowledged: 0,
      declaredBy: null,
    };
    this.records.push(record);
    const lead = this.supervisor();
    if (!lead) return;
    this.desk.addTask(lead, {
      label: `declare ${category} incident`,
      seconds: DECLARE_S,
      done: () => this.declare(record, lead),
    });
  }

  private declare(record: IncidentRecord, lead: AgentRuntime): void {
    const { desk } = this;
    const incident: OpenIncident = {
      matcher: { categories: [record.category], keywords: [] },
      record,
      lastMatchS: desk.now,
    };
    record.declaredS = desk.now;
    record.declaredBy = lead.profile.name;
    this.open.push(incident);
    for (const c of desk.conversations) {
      if (c.prepared.post.arrivalS < desk.now - LINK_SINCE_S || !this.matches(incident, c)) continue;
      if (desk.acknowledge(c)) record.acknowledged++;
    }
    this.scheduleQuietCheck(incident);
  }

  private scheduleQuietCheck(incident: OpenIncident): void {
    const { desk } = this;
    desk.sim.schedule(incident.lastMatchS + QUIET_S, () => {
      if (!this.open.includes(incident) || desk.now < incident.lastMatchS + QUIET_S) return;
      this.open.splice(this.open.indexOf(incident), 1);
      const lead = this.supervisor();
      const end = () => {
        incident.record.resolvedS = desk.now;
      };
      if (lead) desk.addTask(lead, { label: 'resolve incident', seconds: RESOLVE_S, done: end });
      else end();
    });
  }
}
