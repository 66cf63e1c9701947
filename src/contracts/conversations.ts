import { ApprovalSchema } from './approvals';
import { z } from 'zod';
import { PersonRef } from './common';
import {
  AMPLIFY_ACTIONS,
  CATEGORIES,
  CHANNEL_KINDS,
  CONVERSATION_FLAGS,
  CONVERSATION_LEVELS,
  CONVERSATION_STATUSES,
  INBOX_VIEWS,
  SENTIMENTS,
  TRIAGE_MARKS,
} from './values';

export const ChannelRefSchema = z.object({ id: z.string(), kind: z.enum(CHANNEL_KINDS), name: z.string() });
export type ChannelRef = z.infer<typeof ChannelRefSchema>;

export const SLA_STATES = ['ok', 'warning', 'breached', 'paused', 'met'] as const;
export type SlaState = (typeof SLA_STATES)[number];
export const SLA_TARGETS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

/** The SLA clock of a conversation, computed by the server from stored timestamps. */
export const SlaSchema = z.object({
  target: z.enum(SLA_TARGETS).nullable(),
  dueAt: z.string().nullable(),
  /** SLA-clock ms left (business time with business hours); negative once overdue. */
  remainingMs: z.number().nullable(),
  state: z.enum(SLA_STATES),
  warnAt: z.string().nullable(),
  /** The clock counts business hours and the desk is closed now: it stands still until this opening. */
  closedUntil: z.string().nullable().optional(),
});
export type Sla = z.infer<typeof SlaSchema>;

export const ConversationLevelSchema = z.literal(CONVERSATION_LEVELS);

/** One row of the inbox. */
export const ConversationItemSchema = z.object({
  id: z.string(),
  status: z.enum(CONVERSATION_STATUSES),
  level: ConversationLevelSchema,
  /** 0..100; the inbox sorts by it. */
  priority: z.number().int(),
  sentiment: z.enum(SENTIMENTS).nullable(),
  categories: z.array(z.string()),
  channel: ChannelRefSchema,
  customer: PersonRef,
  assignee: PersonRef.nullable(),
  lastMessageAt: z.string(),
  waitingSince: z.string().nullable(),
  preview: z.string(),
  tags: z.array(z.string()),
  createdAt: z.string(),
  firstResponseAt: z.string().nullable(),
  /** Set aside by triage in the flagged view (never hidden or deleted). */
  flag: z.enum(CONVERSATION_FLAGS).nullable(),
  teamId: z.string().nullable(),
  lastCustomerMessageAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  pendingSince: z.string().nullable(),
  pausedMs: z.number(),
  /** The incident this conversation belongs to. */
  incidentId: z.string().nullable(),
  /** The assignee only sends the first reply (acknowledgement); the conversation then goes back to L3. */
  firstResponder: z.boolean(),
  /** Triage's mark on the newest customer message: unsure (needs a look) or a competitor mention; null otherwise. */
  mark: z.enum(TRIAGE_MARKS).nullable(),
  /** Began with a public post found by listening: the customer named the brand without tagging it. */
  listening: z.boolean(),
  sla: SlaSchema,
});
export type ConversationItem = z.infer<typeof ConversationItemSchema>;

/** `conversation.updated` (server-sent events): the inbox item, with the SLA clock where the sender computed it. */
export const ConversationEventSchema = ConversationItemSchema.extend({ sla: SlaSchema.optional() });
export type ConversationEvent = z.infer<typeof ConversationEventSchema>;

export const ConversationListQuery = z.object({
  view: z.enum(INBOX_VIEWS).optional(),
  status: z.enum(CONVERSATION_STATUSES).optional(),
  channel: z.string().max(100).optional(),
  assignee: z.string().max(100).optional(),
  level: z.coerce.number().int().min(0).max(3).optional(),
  team: z.string().max(100).optional(),
  /** Only conversations triage marked "needs a look" or as a competitor mention. */
  mark: z.enum(TRIAGE_MARKS).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(500).optional(),
});

export const ConversationCountsSchema = z.object({
  all_open: z.number().int(),
  mine: z.number().int(),
  unassigned: z.number().int(),
  flagged: z.number().int(),
  /** Open conversations triage marked "needs a look" / as a competitor mention. */
  needs_look: z.number().int(),
  competitor: z.number().int(),
  open: z.number().int(),
  pending: z.number().int(),
  resolved: z.number().int(),
  closed: z.number().int(),
  /** Open conversations per channel id. */
  byChannel: z.record(z.string(), z.number().int()),
  /** Open conversations per team id. */
  byTeam: z.record(z.string(), z.number().int()),
});
export type ConversationCounts = z.infer<typeof ConversationCountsSchema>;

export const IdentitySchema = z.object({
  channelId: z.string(),
  channelKind: z.enum(CHANNEL_KINDS),
  externalId: z.string(),
  handle: z.string().nullable(),
});
export type Identity = z.infer<typeof IdentitySchema>;

export const TRIAGE_REASON_KINDS = ['category', 'sentiment', 'level', 'priority', 'spam', 'troll'] as const;
/** One decision of triage, in the customer's language: `evidence` is the words or signal, `message` a sentence. */
export const TriageReasonSchema = z.object({
  kind: z.enum(TRIAGE_REASON_KINDS),
  /** Stable machine code, e.g. the category name or `reach`, `sarcasm`. */
  code: z.string(),
  evidence: z.string(),
  message: z.string(),
  /** On an agent's correction (stored in Japanese): the same sentence in English. */
  messageEn: z.string().optional(),
  /** The explanation in each UI language (the evidence stays the customer's words); older reasons lack it. */
  localized: z.object({ ja: z.string(), en: z.string() }).optional(),
  /** On a "needs a look" reason: the urgent category the post may be (what confirming it sets). */
  category: z.enum(CATEGORIES).optional(),
});
export type TriageReason = z.infer<typeof TriageReasonSchema>;

export const EscalationSchema = z.object({
  id: z.string(),
  direction: z.enum(['up', 'down']),
  fromLevel: z.number().int(),
  toLevel: z.number().int(),
  note: z.string(),
  status: z.enum(['open', 'accepted', 'resolved']),
  from: PersonRef.nullable(),
  to: PersonRef.nullable(),
  toTeamId: z.string().nullable(),
  createdAt: z.string(),
  acceptedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});
export type Escalation = z.infer<typeof EscalationSchema>;

/** What the composer needs before an agent writes: where the reply goes and the channel's limits. */
export const ReplyContextSchema = z.object({
  channelKind: z.enum(CHANNEL_KINDS),
  /** Where the customer last wrote. */
  lastInboundVisibility: z.enum(['public', 'private']).nullable(),
  replyMode: z.enum(['auto', 'dm']),
  /** Where the next reply goes: the visible thread, or a DM / private channel. */
  replyGoes: z.enum(['public', 'private']),
  canContinuePrivately: z.boolean(),
  /** Characters allowed; `weighted` = X's weighted count (CJK 2, links 23). */
  limit: z.object({ max: z.number().int(), weighted: z.boolean(), unit: z.enum(['characters', 'bytes']) }),
  /** Meta's 24-hour window for DMs, from the customer's last DM (null where it does not apply). */
  messagingWindow: z.object({ open: z.boolean(), remainingMs: z.number() }).nullable(),
  /** Like/repost still possible on the latest public customer message (not yet done); empty when none. */
  amplify: z.array(z.enum(AMPLIFY_ACTIONS)),
  /** The customer message those actions apply to (POST /api/messages/{id}/amplify), or null. */
  amplifyMessageId: z.string().nullable(),
  /** Urgent and unanswered: an acknowledge-and-apologise first reply in the customer's language (null otherwise). */
  acknowledgementDraft: z.string().nullable(),
  /**
   * Resolved after moving a public complaint to DMs: a short public reply for the original post (the customer's
   * language), offered once per resolution; sent with POST /api/conversations/:id/public-follow-up.
   */
  publicFollowUp: z.object({ draft: z.string(), messageId: z.string() }).nullable(),
});
export type ReplyContext = z.infer<typeof ReplyContextSchema>;

/** A conversation with its customer's identities, the triage reasons, escalations and the composer's context. */
export const ConversationSchema = ConversationItemSchema.extend({
  customer: PersonRef.extend({ email: z.string().nullable(), identities: z.array(IdentitySchema) }),
  reasons: z.array(TriageReasonSchema),
  escalations: z.array(EscalationSchema),
  openEscalation: EscalationSchema.nullable(),
  /** A public reply waiting for a supervisor, or the last one sent back to its author (desk setting approvals). */
  approval: ApprovalSchema.nullable(),
  /** The short reference customers can quote (`{{conversation.id}}` in saved replies); search finds it. */
  reference: z.string(),
  replyContext: ReplyContextSchema,
});
export type Conversation = z.infer<typeof ConversationSchema>;

export const MESSAGE_KINDS = ['customer', 'reply', 'note', 'system'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const LocalizedSchema = z.object({ ja: z.string(), en: z.string() });

export const MessageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  kind: z.enum(MESSAGE_KINDS),
  text: z.string(),
  author: z.object({
    type: z.enum(['customer', 'agent', 'system', 'bot']),
    id: z.string().nullable(),
    name: z.string(),
  }),
  createdAt: z.string(),
  clientMessageId: z.string().nullable(),
  delivery: z
    .object({ status: z.enum(DELIVERY_STATUSES), error: z.string().nullable(), attempts: z.number().int() })
    .nullable(),
  /** Koe's own lines (and hand-off notes) in both languages: the viewer's is shown; null for people's messages. */
  localized: LocalizedSchema.nullable(),
  /** A customer message triage took for spam or trolling (the conversation is flagged while its newest one is). */
  flag: z.enum(CONVERSATION_FLAGS).nullable(),
});
export type Message = z.infer<typeof MessageSchema>;

export const ReplyBody = z.object({
  text: z.string().trim().min(1, 'must not be empty').max(5000),
  private: z.boolean().default(false),
  /** A reply only: resolve the conversation, or leave it waiting on the customer, in the same step. */
  then: z.enum(['resolve', 'pending']).optional(),
  /**
   * The send guard: the newest customer-visible reply the agent had seen when the draft began (null: none). If a newer
   * one was sent meanwhile, the reply is refused with 409 `replied_since_draft` so the agent can read it first; left
   * out (API clients) or `force: true` sends regardless.
   */
  sinceReplyId: z.string().max(100).nullable().optional(),
  /** Send regardless of the send guard and of a soft lock (desk setting collision.softLock: a colleague is typing). */
  force: z.boolean().optional(),
});
export type ReplyInput = z.input<typeof ReplyBody>;
export const ComposeCheckBody = z.object({ text: z.string().max(20_000) });
/** A "reply like a person" warning: shown before sending, never blocking. */
export const ReplyWarningSchema = z.discriminatedUnion('code', [
  /** The same text (give or take a name) already went to `count` other customers in the last 24 hours. */
  z.object({ code: z.literal('copy_paste'), count: z.number().int(), example: z.string() }),
  /** A public first reply that does not name the agent (sign it: 「担当の山田です」). */
  z.object({ code: z.literal('unsigned'), name: z.string() }),
  /** Defensive or dismissive wording in a reply to a complaint (the desk's phrase list). */
  z.object({ code: z.literal('defensive'), phrase: z.string() }),
]);
export type ReplyWarning = z.infer<typeof ReplyWarningSchema>;

export const ComposeCheckSchema = z.object({
  warnings: z.array(ReplyWarningSchema),
  goes: z.enum(['public', 'private']),
  length: z.number().int(),
  max: z.number().int(),
  unit: z.enum(['characters', 'bytes']),
  weighted: z.boolean(),
  fits: z.boolean(),
});
export type ComposeCheck = z.infer<typeof ComposeCheckSchema>;
export const PublicFollowUpBody = z.object({ text: z.string().trim().min(1, 'must not be empty').max(5000) });
export const ContinuePrivatelyBody = z.object({ text: z.string().trim().min(1, 'must not be empty').max(5000) });

/** What an agent may change on a conversation in one request (PATCH /api/conversations/:id). */
export const ConversationChangeSchema = z
  .object({
    status: z.enum(CONVERSATION_STATUSES).optional(),
    /** null unassigns. */
    assigneeId: z.string().max(100).nullable().optional(),
    tags: z.array(z.string().trim().min(1).max(40)).max(30).optional(),
    level: z.number().int().min(0).max(3).optional(),
    priority: z.number().int().min(0).max(100).optional(),
    /** Triage corrections: stored and learned by the workspace model. */
    sentiment: z.enum(SENTIMENTS).optional(),
    categories: z.array(z.enum(CATEGORIES)).max(CATEGORIES.length).optional(),
    /** null clears a spam/troll flag (the conversation returns to the normal views). */
    flag: z.null().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });
export type ConversationChange = z.infer<typeof ConversationChangeSchema>;

/** An agent with the conversation open; `typing` while they write in its composer. */
export const ConversationViewerSchema = z.object({ id: z.string(), name: z.string(), typing: z.boolean() });
export type ConversationViewer = z.infer<typeof ConversationViewerSchema>;
/** `conversation.viewers` (server-sent events), and one item of GET /api/conversations/viewers. */
export const ConversationViewersSchema = z.object({
  conversationId: z.string(),
  viewers: z.array(ConversationViewerSchema),
});
export type ConversationViewers = z.infer<typeof ConversationViewersSchema>;
export const ViewingBody = z.object({ typing: z.boolean().default(false) });
