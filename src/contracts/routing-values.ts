// The enumerations of the routing contract (src/contracts/routing) as plain values, without zod: the web app imports
// these at run time (checkboxes, select options), and the schemas build their enums from them.

/**
 * What can be sent outside Koe (email, outgoing webhook); `assigned_urgent` is an assignment of urgent work,
 * `unassigned_urgent` an L3 conversation routing could not give to anyone by its SLA warning.
 */
export const EXTERNAL_KINDS = [
  'assigned_urgent',
  'unassigned_urgent',
  'escalated',
  'sla.warning',
  'sla.breached',
  'spike',
] as const;
export type ExternalKind = (typeof EXTERNAL_KINDS)[number];

/**
 * What an agent's bell shows: an assignment, an urgent conversation nobody can take (to supervisors), an escalation,
 * an SLA warning or breach, a spike, a security event.
 */
export const NOTIFICATION_KINDS = [
  'assigned',
  'unassigned_urgent',
  'escalated',
  'sla.warning',
  'sla.breached',
  'spike',
  'security',
  'approval_requested',
  'approval_decided',
  'low_satisfaction',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const ASSIGN_STRATEGIES = ['least_loaded', 'round_robin'] as const;
export type AssignStrategy = (typeof ASSIGN_STRATEGIES)[number];

/** What an SLA breach does besides notifying the owner and supervisors. */
export const BREACH_ACTIONS = ['notify', 'escalate', 'reassign'] as const;
export type BreachAction = (typeof BREACH_ACTIONS)[number];
