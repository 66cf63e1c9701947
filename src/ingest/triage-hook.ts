/** What the ingest pipeline needs from triage; `src/triage` provides the real analyser. */
export interface TriageVerdict { level: 0 | 1 | 2 | 3; priority: number; sentiment: 'negative' | 'neutral' | 'positive'; categories: string[] }
export type ConversationTriage = (text: string, context: { recentPostsByCustomer: number; waitingMinutes: number }) => TriageVerdict | null;

/** Merges a new message's verdict into the conversation: urgency only rises until an agent changes it. */
export function mergeVerdict(
  current: { level: number; priority: number; categories: string[] },
  v: TriageVerdict,
): { level: number; priority: number; sentiment: string; categories: string[] } {
  return {
    level: Math.max(current.level, v.level),
    priority: Math.max(current.priority, Math.round(v.priority)),
    sentiment: v.sentiment,
    categories: [...new Set([...current.categories, ...v.categories])],
  };
}
