import { forbidden } from './errors';

export const ROLES = ['agent', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const rank: Record<Role, number> = { agent: 0, supervisor: 1, admin: 2 };

export function hasRole(actual: Role, required: Role): boolean {
  return rank[actual] >= rank[required];
}

export function requireRole(actual: Role, required: Role): void {
  if (!hasRole(actual, required)) throw forbidden(`This requires the ${required} role`);
}

export interface Actor {
  agentId: string;
  role: Role;
  workspaceId: string;
  name: string;
}

/**
 * Assignment: anyone may take a conversation or release their own; assigning it to someone else or
 * taking it from a colleague is a supervisor's decision.
 */
export function canAssign(actor: Actor, currentAssignee: string | null, newAssignee: string | null): boolean {
  if (hasRole(actor.role, 'supervisor')) return true;
  if (newAssignee === actor.agentId) return currentAssignee === null || currentAssignee === actor.agentId;
  if (newAssignee === null) return currentAssignee === actor.agentId;
  return false;
}
