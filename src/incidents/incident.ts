// Incidents: one outage (or recall, or flame) that many customers write about.
// A supervisor declares it with an approved acknowledgement; every matching
// conversation gets that acknowledgement on its own channel, addressed to the
// customer by name and signed by the supervisor, and a follow-up when it ends.
// Pure helpers shared by the desk and the FRT simulation.

export interface IncidentMatcher {
  /** Triage categories the incident is about (any of them matches). */
  categories: readonly string[];
  /** Optional words of which at least one must appear (case- and width-insensitive). */
  keywords: readonly string[];
}

export interface MatchCandidate {
  categories: readonly string[];
  text: string;
}

const fold = (s: string): string => s.normalize('NFKC').toLowerCase();

export function matchesIncident(incident: IncidentMatcher, c: MatchCandidate): boolean {
  if (!incident.categories.some((cat) => c.categories.includes(cat))) return false;
  if (incident.keywords.length === 0) return true;
  const text = fold(c.text);
  return incident.keywords.some((k) => k.trim() !== '' && text.includes(fold(k.trim())));
}

export interface IncidentTexts {
  /** Acknowledgement in Japanese and English; the customer's language picks one (Japanese when unknown). */
  ackJa: string;
  ackEn: string;
}

/**
 * The acknowledgement one customer receives: addressed by name when known
 * (「山田さん、」 / "Hi Alex —") so it reads as a reply to them, not a broadcast.
 */
export function incidentReply(
  texts: IncidentTexts,
  customer: { name: string | null; lang: 'ja' | 'en' | null },
): string {
  const en = customer.lang === 'en';
  const body = (en ? texts.ackEn : texts.ackJa).trim() || (en ? texts.ackJa : texts.ackEn).trim();
  const name = customer.name?.trim();
  if (!name) return body;
  return en ? `Hi ${name} — ${body}` : `${name}さん、${body}`;
}
