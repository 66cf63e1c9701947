// Which agent skills serve which triage category. Routing prefers agents
// holding one of these skills; admins may replace the map per workspace, so it
// is data, not code paths.
import type { Category } from '../triage/types';

export type SkillMap = Readonly<Record<string, readonly string[]>>;

export const CATEGORY_SKILLS: Readonly<Record<Category, readonly string[]>> = {
  billing_error: ['billing'],
  outage: ['technical'],
  defect: ['product', 'shipping'],
  safety: ['safety', 'product'],
  backlash: ['pr', 'escalation'],
  purchase_intent: ['sales', 'store'],
  question: ['general'],
  request: ['general'],
  // Praise and spam need no specialist: anyone may thank a customer or flag spam.
  praise: [],
  spam: [],
};

const norm = (s: string) => s.trim().toLowerCase();

/**
 * The agent's skills that serve the conversation, and how many of its categories
 * they cover (a double-charge that is also a defect is best served by someone
 * holding both billing and product).
 */
export function matchSkills(
  agentSkills: readonly string[],
  categories: readonly string[],
  map: SkillMap = CATEGORY_SKILLS,
): { matched: string[]; coveredCategories: number } {
  const held = new Set(agentSkills.map(norm));
  const matched = new Set<string>();
  let coveredCategories = 0;
  for (const category of categories) {
    const hits = (map[category] ?? []).filter((s) => held.has(norm(s)));
    if (hits.length > 0) coveredCategories++;
    for (const h of hits) matched.add(norm(h));
  }
  return { matched: [...matched], coveredCategories };
}
