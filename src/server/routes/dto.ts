import type { Agent as AgentRow } from '../../store/repositories';
import type { Agent } from '../../contracts/agents';

export const toAgentDto = (a: AgentRow): Agent => ({
  id: a.id,
  email: a.email,
  name: a.name,
  displayName: a.displayName,
  role: a.role,
  level: a.level,
  skills: a.skills,
  active: a.active,
  locale: a.locale,
  createdAt: a.createdAt,
  capacity: a.capacity,
  presence: a.presence,
  twoFactor: a.totpEnabled,
  invitationPending: a.invitationPending,
});
