import type { Db } from '../store/repositories';
import type { Reason, TriageContext } from '../triage';

/** What the ingest pipeline needs from triage; `WorkspaceTriage` provides it with each workspace's tuning. */
export interface TriageVerdict {
  level: 0 | 1 | 2 | 3;
  priority: number;
  sentiment: 'negative' | 'neutral' | 'positive';
  categories: string[];
  reasons: Reason[];
  flags: { spam: boolean; troll: boolean; needsLook?: boolean; competitor?: boolean };
}
export type ConversationTriage = (input: {
  workspaceId: string;
  text: string;
  context: TriageContext;
  db: Db;
}) => Promise<TriageVerdict | null>;

const MAX_REASONS = 24;

/**
 * Merges a new message's verdict into the conversation: urgency only rises until an agent changes it, the
 * newest reasons come first, and a flag an agent cleared is never set again in that conversation.
 */
export function mergeVerdict(
  current: {
    level: number;
    priority: number;
    categories: string[];
    reasons: Reason[];
    flag: string | null;
    mark?: string | null;
  },
  v: TriageVerdict,
): {
  level: number;
  priority: number;
  sentiment: string;
  categories: string[];
  reasons: Reason[];
  flag: string | null;
  mark: string | null;
} {
  const seen = new Set<string>();
  const reasons = [...v.reasons, ...current.reasons]
    .filter((r) => {
      const key = `${r.kind}|${r.code}|${r.evidence}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, MAX_REASONS);
  const raised = v.flags.spam ? 'spam' : v.flags.troll ? 'troll' : null;
  const level = Math.max(current.level, v.level);
  return {
    level,
    priority: Math.max(current.priority, Math.round(v.priority)),
    sentiment: v.sentiment,
    categories: [...new Set([...current.categories, ...v.categories])],
    reasons,
    // Flags are per message: the conversation carries its newest customer message's, so a genuine message after a
    // spam one takes it out of the flagged view (the earlier message keeps its own flag). An agent's "not spam" stays.
    flag: current.flag === 'cleared' ? 'cleared' : raised,
    // The newest message's mark, like the flag; a conversation at level 3 needs no "look" and is ours.
    mark: level >= 3 ? null : v.flags.needsLook ? 'needs_look' : v.flags.competitor ? 'competitor' : null,
  };
}
