import { useAgents } from '../../../api/admin';
import { useTemplates } from '../../../api/automation';
import { useTeams } from '../../../api/routing';
import type { RuleNames } from './describe';

/** Names for the ids in rule changes, from the lists the admin pages already load. */
export function useRuleNames(): RuleNames {
  const agents = useAgents().data ?? [];
  const teams = useTeams().data ?? [];
  const templates = useTemplates().data ?? [];
  return {
    agent: (id) => agents.find((a) => a.id === id)?.name,
    team: (id) => teams.find((x) => x.id === id)?.name,
    template: (id) => templates.find((x) => x.id === id)?.name,
  };
}
