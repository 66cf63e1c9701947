// Incidents and spike alerts: the desk side of src/incidents (pure rules), one file per step.
export { checkSpikes, countArrival, pruneArrivalCounts } from './spikes';
export { incidentDetail, SPIKE_COOLDOWN_MS, type IncidentDeps } from './shared';
export { declareIncident, linkConversations, unlinkConversations, type DeclareInput } from './declare';
export { acknowledgeIncident, handleIncidentForNewConversation } from './acknowledge';
export { resolveIncident } from './resolve';
