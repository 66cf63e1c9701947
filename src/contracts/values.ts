// The enumerations of the HTTP API as plain values, without zod: the web app imports these at run time (select
// options, filters), the schemas in this folder build their enums from them, and both come from the domain modules.
export { ROLES, type Role } from '../domain/permissions';
export { CONVERSATION_STATUSES, type ConversationStatus } from '../domain/conversation-status';
export { CHANNEL_KINDS, type ChannelKind } from '../domain/channel-kinds';
export { CATEGORIES, URGENT_CATEGORIES, type Category, type Sentiment } from '../triage/types';

export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export const PRESENCES = ['online', 'away', 'offline'] as const;
export type Presence = (typeof PRESENCES)[number];
export const AGENT_LEVELS = [1, 2, 3] as const;
export type AgentLevel = (typeof AGENT_LEVELS)[number];
export const CONVERSATION_LEVELS = [0, 1, 2, 3] as const;
export type ConversationLevel = (typeof CONVERSATION_LEVELS)[number];
export const INBOX_VIEWS = ['all_open', 'mine', 'unassigned', 'flagged'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];
/** Why triage set a conversation aside in the flagged view (never hidden or deleted). */
export const CONVERSATION_FLAGS = ['spam', 'troll'] as const;
export type ConversationFlag = (typeof CONVERSATION_FLAGS)[number];
/** Triage's mark on a conversation: unsure, shown between level 2 and level 3 / names a competitor, no issue of ours. */
export const TRIAGE_MARKS = ['needs_look', 'competitor'] as const;
export type TriageMark = (typeof TRIAGE_MARKS)[number];
export const AMPLIFY_ACTIONS = ['like', 'repost'] as const;
export type AmplifyAction = (typeof AMPLIFY_ACTIONS)[number];
/** Passwords people set (setup, new agents, reset); strength is the server's check (security/password-strength). */
export const MIN_PASSWORD_LENGTH = 10;
/** Why a platform did not answer a listening query (shown to admins in words). */
export const LISTEN_ERRORS = [
  'rate_limited',
  'not_authorised',
  'unavailable',
  'hashtag_limit',
  'not_supported',
] as const;
export type ListenErrorCode = (typeof LISTEN_ERRORS)[number];
/** The platforms whose public posts Koe can search. */
export const LISTENING_KINDS = ['x', 'instagram'] as const;
export type ListeningKind = (typeof LISTENING_KINDS)[number];
