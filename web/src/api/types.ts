// Shapes of the Koe HTTP API, mirrored by hand from docs/api.md.

export type Role = 'admin' | 'supervisor' | 'agent';
export type AgentLevel = 1 | 2 | 3;
export type ConversationLevel = 0 | 1 | 2 | 3;
export type ConversationStatus = 'open' | 'pending' | 'resolved' | 'closed';
export const CHANNEL_KINDS = ['webchat', 'line', 'facebook', 'instagram', 'x', 'email'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
export type Sentiment = 'negative' | 'neutral' | 'positive';
export type InboxView = 'all_open' | 'mine' | 'unassigned' | 'flagged';

/** Triage categories: the analyser's own list. */
export { CATEGORIES } from '../../../src/triage/types';
import type { CATEGORIES } from '../../../src/triage/types';
export type Category = (typeof CATEGORIES)[number];
export const SENTIMENTS: Sentiment[] = ['negative', 'neutral', 'positive'];
export const CONVERSATION_LEVELS: ConversationLevel[] = [0, 1, 2, 3];
/** Why triage set a conversation aside in the flagged view (never hidden or deleted). */
export type ConversationFlag = 'spam' | 'troll';

export const CONVERSATION_STATUSES: ConversationStatus[] = ['open', 'pending', 'resolved', 'closed'];
export const ROLES: Role[] = ['admin', 'supervisor', 'agent'];

export interface Agent {
  id: string;
  email: string;
  name: string;
  displayName: string;
  role: Role;
  level: AgentLevel;
  skills: string[];
  active: boolean;
  createdAt: string;
  /** Open conversations at once (routing). */
  capacity: number;
  presence: Presence;
  /** Two-factor sign-in is set up. */
  twoFactor: boolean;
}

export type Presence = 'online' | 'away' | 'offline';
export const PRESENCES: Presence[] = ['online', 'away', 'offline'];

export type SlaState = 'ok' | 'warning' | 'breached' | 'paused' | 'met';
export type SlaTarget = 'first_response' | 'next_response' | 'resolution';

/** The SLA clock of a conversation, computed by the server from stored timestamps. */
export interface Sla {
  target: SlaTarget | null;
  dueAt: string | null;
  remainingMs: number | null;
  state: SlaState;
  warnAt: string | null;
}

export interface Workspace {
  id: string;
  name: string;
}

export interface Me {
  agent: Agent;
  workspace: Workspace;
  /** Signed in by password, but the workspace requires two-factor sign-in for this role and it is not set up. */
  twoFactorSetupRequired: boolean;
}

export interface Channel {
  id: string;
  kind: ChannelKind;
  name: string;
  publicKey: string;
  createdAt: string;
  /** Web chat only. */
  embedSnippet: string | null;
  /** Social platforms and email: where the platform delivers events (null for web chat). */
  webhookUrl: string | null;
  hasCredentials: boolean;
  health?: { lastEventAt: string | null; lastError: string | null };
}

/** What the composer needs before an agent writes: where the reply goes and the channel's limits. */
export interface ReplyContext {
  channelKind: ChannelKind;
  lastInboundVisibility: 'public' | 'private' | null;
  replyMode: 'auto' | 'dm';
  replyGoes: 'public' | 'private';
  canContinuePrivately: boolean;
  limit: { max: number; weighted: boolean; unit: 'characters' | 'bytes' };
  /** Meta's 24-hour window for DMs (null when it does not apply). */
  messagingWindow: { open: boolean; remainingMs: number } | null;
  /** Public actions (like, repost) possible on the latest public customer message; absent on older servers. */
  amplify?: AmplifyAction[];
  /** The public customer message the amplify actions apply to. */
  amplifyMessageId?: string | null;
  /** Urgent and unanswered: an acknowledge-and-apologise first reply in the customer's language (null otherwise). */
  acknowledgementDraft?: string | null;
}

export type AmplifyAction = 'like' | 'repost';

export interface ComposeCheck {
  goes: 'public' | 'private';
  length: number;
  max: number;
  unit: 'characters' | 'bytes';
  weighted: boolean;
  fits: boolean;
}

export interface ChannelRef {
  id: string;
  kind: ChannelKind;
  name: string;
}

export interface ConversationItem {
  id: string;
  status: ConversationStatus;
  level: ConversationLevel;
  priority: number;
  sentiment: Sentiment | null;
  categories: string[];
  channel: ChannelRef;
  customer: { id: string; name: string };
  assignee: { id: string; name: string } | null;
  lastMessageAt: string;
  waitingSince: string | null;
  preview: string;
  tags: string[];
  createdAt: string;
  flag: ConversationFlag | null;
  /** The assignee only sends the first reply (acknowledgement); the conversation then goes to L3. */
  firstResponder?: boolean;
  /** Absent in some realtime events; list and detail responses always send it. */
  sla?: Sla;
  teamId?: string | null;
}

export interface Identity {
  channelId: string;
  channelKind: ChannelKind;
  externalId: string;
  handle: string | null;
}

export type TriageReasonKind = 'category' | 'sentiment' | 'level' | 'priority' | 'spam' | 'troll';

/** One decision of triage, in the customer's language: `evidence` is the words or signal, `message` reads as a sentence. */
export interface TriageReason {
  kind: TriageReasonKind;
  code: string;
  evidence: string;
  message: string;
}

export interface Conversation extends Omit<ConversationItem, 'customer'> {
  customer: { id: string; name: string; email: string | null; identities: Identity[] };
  /** Absent in realtime events; the detail endpoint always sends it. */
  reasons?: TriageReason[];
  escalations?: Escalation[];
  openEscalation?: Escalation | null;
  /** Absent in realtime events; the detail endpoint always sends it. */
  replyContext?: ReplyContext;
}

export interface Escalation {
  id: string;
  direction: 'up' | 'down';
  fromLevel: number;
  toLevel: number;
  note: string;
  status: 'open' | 'accepted' | 'resolved';
  from: { id: string; name: string } | null;
  to: { id: string; name: string } | null;
  toTeamId: string | null;
  createdAt: string;
  acceptedAt: string | null;
  resolvedAt: string | null;
}

export type MessageKind = 'customer' | 'reply' | 'note' | 'system';
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface Message {
  id: string;
  conversationId: string;
  kind: MessageKind;
  text: string;
  author: { type: 'customer' | 'agent' | 'system'; id: string | null; name: string };
  createdAt: string;
  delivery: { status: DeliveryStatus; error: string | null; attempts: number } | null;
  /** Koe's own lines (and hand-off notes) in both languages: the viewer's is shown. Absent on older servers. */
  localized?: { ja: string; en: string } | null;
}

export interface Customer {
  id: string;
  name: string;
  email: string | null;
  identities: Identity[];
  conversations: {
    id: string;
    status: ConversationStatus;
    channel: ChannelRef;
    lastMessageAt: string;
    preview: string;
  }[];
  /** Customers merged into this one, newest first; undone merges keep their undoneAt. */
  merges?: CustomerMerge[];
}

export interface CustomerMerge {
  id: string;
  sourceId: string;
  sourceName: string;
  createdAt: string;
  undoneAt: string | null;
}

export interface MergeSuggestion {
  id: string;
  name: string;
  email: string | null;
  identities: Identity[];
  reason: 'same_email' | 'same_name';
}

export interface ConversationCounts {
  all_open: number;
  mine: number;
  unassigned: number;
  flagged: number;
  open: number;
  pending: number;
  resolved: number;
  closed: number;
  byChannel: Record<string, number>;
  /** Open conversations per team. */
  byTeam?: Record<string, number>;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface AuditEntry {
  id: string;
  at: string;
  // The contract leaves actor/target/detail loosely typed; render defensively.
  actor: unknown;
  action: string;
  target: unknown;
  detail: unknown;
}

export interface TriageSettings {
  /** Workspace phrases per key (categories, `positive`, `negative`, `support`). */
  phrases: Partial<Record<string, string[]>>;
  phraseKeys: string[];
  /** Labels agents set on conversations so far. */
  corrections: number;
  /** Examples the workspace model has learned from. */
  learnedExamples: number;
  updatedAt: string | null;
}
