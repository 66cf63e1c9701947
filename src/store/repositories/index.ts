export { agents, normaliseEmail, type Agent } from './agents';
export { apiTokens } from './api-tokens';
export { audit, byAgent, byAnonymous, bySystem } from './audit';
export { channels, CHANNEL_KINDS, type Channel, type ChannelKind } from './channels';
export { conversations, type ConversationItem } from './conversations';
export { customers } from './customers';
export { inboundEvents } from './inbound-events';
export { messages, outbox, type Message } from './messages';
export { sessions } from './sessions';
export { teams } from './teams';
export { workspaces } from './workspaces';
export type { Db } from './types';
export { triageSettings } from './triage-settings';
export { automationRules } from './automation';
export { replyTemplates, savedReplies } from './saved-replies';
export {
  incidents,
  spikeAlerts,
  type Incident,
  type IncidentConversation,
  type IncidentStatus,
  type SpikeAlert,
} from './incidents';
export { signIns, type SignInRecord } from './sign-in';
export { escalations } from './escalations';
export { accountTokens, type AccountTokenKind } from './account-tokens';
export { approvals } from './approvals';
export { customerMerges } from './customer-merges';
export { jobRows } from './jobs';
export { deskSettingsDocument, retentionSettingsDocument, securitySettingsDocument } from './settings';
export { retention } from './retention';
export { notifications, type Notification } from './notifications';
export { reports } from './reports';
export { history, type PastConversation } from './history';
export { surveys, type SurveyRow, type SurveyKind } from './surveys';
export { listening, type DueQuery, type ListeningShow } from './listening';
export { reportTexts } from './report-texts';
export { knowledgeBase } from './knowledge-base';
export { helpCenters, type HelpCenterRow, type PublishedArticleRow } from './help-center';
export { answerBot } from './answer-bot';
