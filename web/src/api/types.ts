// Shapes of the Koe HTTP API: inferred from the server's own schemas (src/contracts), never written twice.
// Type-only imports keep zod out of the bundle; run-time values come from the zod-free contracts/values.
import type { Role } from '@contracts/values';

export type { Agent, Workspace } from '@contracts/agents';
export type { AuditEntry } from '@contracts/admin';
export type { Me } from '@contracts/auth';
export type { Channel } from '@contracts/channels';
export type {
  ChannelRef,
  ComposeCheck,
  Conversation,
  ConversationCounts,
  ConversationEvent,
  ConversationItem,
  DeliveryStatus,
  Escalation,
  Identity,
  Message,
  MessageKind,
  ReplyContext,
  Sla,
  SlaState,
  SlaTarget,
  TriageReason,
} from '@contracts/conversations';
export type { Page } from '@contracts/common';
export type { Customer, CustomerMerge, MergeSuggestion } from '@contracts/customers';
export type { BrandProfile, TriageSettings } from '@contracts/triage';
export {
  CATEGORIES,
  CHANNEL_KINDS,
  CONVERSATION_LEVELS,
  CONVERSATION_STATUSES,
  PRESENCES,
  SENTIMENTS,
  URGENT_CATEGORIES,
  type AgentLevel,
  type AmplifyAction,
  type Category,
  type ChannelKind,
  type ConversationFlag,
  type ConversationLevel,
  type ConversationStatus,
  type InboxView,
  type Presence,
  type Role,
  type Sentiment,
  type TriageMark,
} from '@contracts/values';
export type TriageReasonKind = import('@contracts/conversations').TriageReason['kind'];

/** The roles in the order the admin pages list them (most rights first). */
export const ROLES: readonly Role[] = ['admin', 'supervisor', 'agent'];
