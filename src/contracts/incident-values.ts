// The incident enumerations and the spike rule as plain values, without zod: the web app imports these at run time
// (the banner's "N in 10 minutes", filters); the schemas in incidents.ts build their enums from them.
export { DEFAULT_SPIKE_RULE, type SpikeRule } from '../incidents/spike';
/** The acknowledgement a customer receives, previewed in the web app exactly as the desk will write it. */
export { incidentReply } from '../incidents/incident';

export const INCIDENT_STATUSES = ['open', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
/** The incident list's filter: a status, or every incident. */
export const INCIDENT_FILTERS = ['open', 'resolved', 'all'] as const;
export type IncidentFilter = (typeof INCIDENT_FILTERS)[number];
