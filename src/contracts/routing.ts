import { ROLES } from './values';
import { DEFAULT_DEFENSIVE_PHRASES } from '../domain/reply-style';
import { z } from 'zod';
import { outboundUrlProblem } from '../domain/urls';
import { AgentSchema } from './agents';
import { PersonRef } from './common';
import { ChannelRefSchema, SlaSchema } from './conversations';
import {
  ASSIGN_STRATEGIES,
  BREACH_ACTIONS,
  EXTERNAL_KINDS,
  NOTIFICATION_KINDS,
  type ExternalKind,
} from './routing-values';
import { PRESENCES } from './values';

// Escalations and hand-offs.

/** A level to hand a conversation to (L1–L3). */
const Level = z.union([z.literal(1), z.literal(2), z.literal(3)]);

export const EscalateBody = z
  .object({
    toLevel: Level.optional(),
    toAgentId: z.string().max(100).optional(),
    toTeamId: z.string().max(100).optional(),
    note: z.string().max(5000),
  })
  .refine((b) => b.toLevel || b.toAgentId || b.toTeamId, {
    message: 'name a level, a team or an agent to hand the conversation to',
  });
export type EscalationInput = z.input<typeof EscalateBody>;

export const EscalationCreatedSchema = z.object({
  id: z.string(),
  /** Who owns the conversation after the hand-off (null: it waits for the level or team). */
  assigneeId: z.string().nullable(),
});
export type EscalationCreated = z.infer<typeof EscalationCreatedSchema>;

/** Facts about the conversation, in the agent's language, to start the note from. */
export const HandoffDraftSchema = z.object({ text: z.string() });
export type HandoffDraft = z.infer<typeof HandoffDraftSchema>;

const BOARD_STATUSES = ['open', 'accepted'] as const;

export const EscalationBoardQuery = z.object({
  level: z.coerce.number().int().min(1).max(3).optional(),
  status: z.enum(BOARD_STATUSES).optional(),
  /** Only conversations this agent owns. */
  owner: z.string().max(100).optional(),
});
export type EscalationBoardQuery = z.output<typeof EscalationBoardQuery>;

/** An escalation in flight, with the conversation it hands over. */
export const BoardItemSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  preview: z.string(),
  customer: PersonRef,
  channel: ChannelRefSchema,
  fromLevel: z.number().int(),
  toLevel: z.number().int(),
  direction: z.enum(['up', 'down']),
  /** The hand-off note. */
  note: z.string(),
  status: z.enum(BOARD_STATUSES),
  /** Who escalated (null: automation or the system). */
  from: PersonRef.nullable(),
  /** The conversation's assignee now. */
  owner: PersonRef.nullable(),
  createdAt: z.string(),
  acceptedAt: z.string().nullable(),
  /** Seconds since the escalation was made. */
  ageSeconds: z.number().int(),
  sla: SlaSchema,
});
export type BoardItem = z.infer<typeof BoardItemSchema>;

/** Upward escalations to one level over the last 30 days. */
export const BoardStatSchema = z.object({
  level: z.number().int(),
  total: z.number().int(),
  /** Still open or accepted. */
  inFlight: z.number().int(),
  /** Average seconds from escalation to acceptance (null: none accepted yet). */
  avgSecondsToAccept: z.number().int().nullable(),
  /** Average seconds from escalation to resolution (null: none resolved yet). */
  avgSecondsToResolve: z.number().int().nullable(),
});
export type BoardStat = z.infer<typeof BoardStatSchema>;

export const EscalationBoardSchema = z.object({ items: z.array(BoardItemSchema), stats: z.array(BoardStatSchema) });
export type EscalationBoard = z.infer<typeof EscalationBoardSchema>;

// In-app notifications.

export const NotificationListQuery = z.object({ unread: z.enum(['0', '1']).optional() });

/** What an agent sees in the bell menu (and receives live over the realtime stream). */
export const AppNotificationSchema = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  conversationId: z.string().nullable(),
  /** Written in the receiving agent's language. */
  title: z.string(),
  body: z.string(),
  urgent: z.boolean(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type AppNotification = z.infer<typeof AppNotificationSchema>;

/** Without `ids`, every unread notification of the agent is marked read. */
export const MarkReadBody = z.object({ ids: z.array(z.string().max(100)).max(200).optional() });

// Presence, capacity and teams.

export const PresenceBody = z.object({ presence: z.enum(PRESENCES) });
/** The agent after the change. */
export const PresenceSetSchema = z.object({ agent: AgentSchema });
export type PresenceSet = z.infer<typeof PresenceSetSchema>;
export const CapacityBody = z.object({ capacity: z.number().int().min(0).max(100) });

export const TeamSchema = z.object({ id: z.string(), name: z.string(), memberIds: z.array(z.string()) });
export type Team = z.infer<typeof TeamSchema>;

export const TeamBody = z.object({
  name: z.string().trim().min(1).max(100),
  memberIds: z.array(z.string().max(100)).max(200).default([]),
});

// Desk settings: auto-assignment, SLA, business hours, automation and external notifications.

const Kinds = z.array(z.enum(EXTERNAL_KINDS)).max(EXTERNAL_KINDS.length);

/** https anywhere; plain http only to this machine (a receiver under test, a local relay). */
export const webhookUrlProblem = (raw: string): string | null =>
  outboundUrlProblem(raw, (u) =>
    u.username || u.password ? 'must not contain a user name or password (use the secret to authenticate)' : null,
  );
const WebhookUrl = z
  .string()
  .trim()
  .max(2000)
  .superRefine((v, ctx) => {
    const problem = webhookUrlProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const EMAIL_DEFAULT = {
  enabled: false,
  kinds: ['unassigned_urgent', 'escalated', 'sla.breached', 'spike'] as ExternalKind[],
};
const WEBHOOK_DEFAULT = { url: null, secret: null, kinds: [...EXTERNAL_KINDS] as ExternalKind[] };

const EmailSettingsSchema = z.object({
  enabled: z.boolean().default(false),
  kinds: Kinds.default(EMAIL_DEFAULT.kinds),
});

/** As stored: `webhook.secret` is sealed with the instance key (security/secrets) and never leaves the server. */
export const NotificationSettingsSchema = z.object({
  email: EmailSettingsSchema.default(EMAIL_DEFAULT),
  webhook: z
    .object({
      url: WebhookUrl.nullable().default(null),
      secret: z.string().nullable().default(null),
      kinds: Kinds.default(WEBHOOK_DEFAULT.kinds),
    })
    .default(WEBHOOK_DEFAULT),
});
export type NotificationSettings = z.infer<typeof NotificationSettingsSchema>;

/** Workspace-wide routing and SLA settings; every field has a default so an empty row is a valid workspace. */
const Wording = z.object({ ja: z.string().trim().min(1).max(300), en: z.string().trim().min(1).max(300) });
export const SATISFACTION_CHANNELS = ['webchat', 'line', 'facebook', 'instagram', 'x', 'email'] as const;
export const SATISFACTION_DEFAULT = {
  csat: {
    enabled: true,
    channels: [...SATISFACTION_CHANNELS],
    question: {
      ja: '今回の対応はいかがでしたか？ 1（不満）〜5（満足）でお聞かせください。',
      en: 'How did we do? Please rate us from 1 (poor) to 5 (great).',
    },
    thanks: { ja: 'ご回答ありがとうございました。', en: 'Thank you for your feedback.' },
    lowScore: 'alert' as const,
    lowAtMost: 2,
  },
  nps: {
    enabled: false,
    cooldownDays: 90,
    question: {
      ja: '当社を友人や同僚にすすめる可能性は、0〜10でどのくらいですか？',
      en: 'How likely are you to recommend us to a friend or colleague (0–10)?',
    },
  },
};
export const SatisfactionSettingsSchema = z.object({
  csat: z.object({
    enabled: z.boolean(),
    /** Channels whose customers are asked (kinds). */
    channels: z.array(z.enum(SATISFACTION_CHANNELS)).max(SATISFACTION_CHANNELS.length),
    question: Wording,
    thanks: Wording,
    /** A score at or below `lowAtMost` with a comment reopens the conversation, alerts its owner and supervisors, or neither. */
    lowScore: z.enum(['reopen', 'alert', 'none']),
    lowAtMost: z.number().int().min(1).max(4),
  }),
  nps: z.object({
    enabled: z.boolean(),
    /** Days before the same customer is asked again; on a resolution when due, NPS is asked instead of CSAT. */
    cooldownDays: z.number().int().min(7).max(730),
    question: Wording,
  }),
});
export type SatisfactionSettings = z.infer<typeof SatisfactionSettingsSchema>;

export const DeskSettingsSchema = z.object({
  autoAssign: z
    .object({
      enabled: z.boolean().default(true),
      strategy: z.enum(ASSIGN_STRATEGIES).default('least_loaded'),
      /**
       * Open slots every L3 agent keeps for L3 (urgent) conversations: L1/L2 work fills an L3 agent only up to
       * capacity minus this, so a double charge or an outage still finds a senior agent within the 5-minute target.
       */
      reserveUrgentSlots: z.number().int().min(0).max(5).default(1),
      /**
       * When every L3 agent who could take an urgent conversation already owes another urgent customer a first
       * reply, a free agent of any level sends the acknowledgement and the conversation then goes back to L3.
       */
      firstResponders: z.boolean().default(true),
      /** An agent's reply takes an unassigned conversation: the customer is now talking to that person. */
      takeOnReply: z.boolean().default(true),
    })
    .default({
      enabled: true,
      strategy: 'least_loaded',
      reserveUrgentSlots: 1,
      firstResponders: true,
      takeOnReply: true,
    }),
  sla: z
    .object({
      warnAtFraction: z.number().min(0.1).max(0.99).default(0.8),
      /** What a breach does besides notifying the owner and supervisors. */
      onBreach: z.enum(BREACH_ACTIONS).default('notify'),
      /** Minutes to the first reply, per conversation level. */
      firstResponseMins: z
        .object({ 1: z.number().positive(), 2: z.number().positive(), 3: z.number().positive() })
        .partial()
        .default({}),
      timeZone: z.string().default('Asia/Tokyo'),
      /**
       * Levels whose clocks count only business hours (the desk's `businessHours`); the others run around the clock.
       * Default: L1 and L2 wait for opening time, urgent L3 never does.
       */
      businessHoursLevels: z
        .array(z.union([z.literal(1), z.literal(2), z.literal(3)]))
        .max(3)
        .default([1, 2]),
    })
    .default({
      warnAtFraction: 0.8,
      onBreach: 'notify',
      firstResponseMins: {},
      timeZone: 'Asia/Tokyo',
      businessHoursLevels: [1, 2],
    }),
  /**
   * Opening hours: SLA clocks of the levels in `sla.businessHoursLevels` count only these; the chat widget says when
   * the desk opens; the automation condition `businessHours` reads them.
   */
  businessHours: z
    .object({
      timeZone: z.string().default('Asia/Tokyo'),
      /** Weekday (0 = Sunday … 6) → opening hours, e.g. [["09:00", "18:00"]]. */
      weekly: z.record(z.string(), z.array(z.tuple([z.string(), z.string()]))).default({
        1: [['09:00', '18:00']],
        2: [['09:00', '18:00']],
        3: [['09:00', '18:00']],
        4: [['09:00', '18:00']],
        5: [['09:00', '18:00']],
      }),
      /** Closed days, YYYY-MM-DD. */
      holidays: z.array(z.string()).default([]),
      includeJapaneseHolidays: z.boolean().default(true),
    })
    .default({
      timeZone: 'Asia/Tokyo',
      weekly: {
        1: [['09:00', '18:00']],
        2: [['09:00', '18:00']],
        3: [['09:00', '18:00']],
        4: [['09:00', '18:00']],
        5: [['09:00', '18:00']],
      },
      holidays: [],
      includeJapaneseHolidays: true,
    }),
  automation: z
    .object({
      /** Rules may send a template reply only when this is on, and only on private channels. */
      allowTemplateReplies: z.boolean().default(false),
    })
    .default({ allowTemplateReplies: false }),
  /** Collision control: with a soft lock, a reply while a colleague is typing in the same conversation asks first. */
  collision: z.object({ softLock: z.boolean().default(false) }).default({ softLock: false }),
  /** Reply drafts from the language model (KOE_LLM_URL): off until an admin turns them on; a draft is never sent. */
  llmDrafts: z.object({ enabled: z.boolean().default(false) }).default({ enabled: false }),
  /**
   * Approval of public replies (off by default): public replies by agents of these roles or levels, or on a conversation
   * triage flagged as backlash, go to a supervisor first. SLA clocks keep running while a reply waits.
   */
  approvals: z
    .object({
      enabled: z.boolean().default(false),
      roles: z.array(z.enum(ROLES)).default(['agent']),
      levels: z.array(z.union([z.literal(1), z.literal(2), z.literal(3)])).default([]),
      backlash: z.boolean().default(true),
    })
    .default({ enabled: false, roles: ['agent'], levels: [], backlash: true }),
  /** The composer's "reply like a person" warnings: the defensive phrases it points out in replies to complaints. */
  replyStyle: z
    .object({
      defensivePhrases: z
        .object({
          ja: z.array(z.string().trim().min(1).max(60)).max(100),
          en: z.array(z.string().trim().min(1).max(60)).max(100),
        })
        .default({ ja: [...DEFAULT_DEFENSIVE_PHRASES.ja], en: [...DEFAULT_DEFENSIVE_PHRASES.en] }),
    })
    .default({ defensivePhrases: { ja: [...DEFAULT_DEFENSIVE_PHRASES.ja], en: [...DEFAULT_DEFENSIVE_PHRASES.en] } }),
  /** Satisfaction surveys asked on the conversation's own channel (CSAT when resolved; NPS on a cooldown). */
  satisfaction: SatisfactionSettingsSchema.default(SATISFACTION_DEFAULT),
  /** Email and outgoing webhook for urgent assignments, escalations, SLA warnings/breaches and spikes (off by default). */
  notifications: NotificationSettingsSchema.default({ email: EMAIL_DEFAULT, webhook: WEBHOOK_DEFAULT }),
});
export type DeskSettings = z.infer<typeof DeskSettingsSchema>;

/**
 * What PUT /api/settings/desk accepts: the settings as GET returns them. `notifications` left out keeps the stored
 * ones (older clients); `webhook.secret` is write-only: left out keeps it, null removes it, a string replaces it;
 * `hasSecret` (from GET) is ignored.
 */
export const DeskSettingsInputSchema = DeskSettingsSchema.extend({
  notifications: z
    .object({
      email: NotificationSettingsSchema.shape.email,
      webhook: z
        .object({
          url: WebhookUrl.nullable().default(null),
          secret: z.string().min(1).max(500).nullable().optional(),
          hasSecret: z.boolean().optional(),
          kinds: Kinds.default(WEBHOOK_DEFAULT.kinds),
        })
        .default(WEBHOOK_DEFAULT),
    })
    .optional(),
});
export type DeskSettingsInput = z.infer<typeof DeskSettingsInputSchema>;
/** What a client may send to PUT /api/settings/desk (fields with defaults may be left out). */
export type DeskSettingsRequest = z.input<typeof DeskSettingsInputSchema>;

/** The settings as the API shows them: the webhook secret becomes `hasSecret`; only admins see the webhook URL. */
export const DeskSettingsViewSchema = DeskSettingsSchema.extend({
  notifications: z.object({
    email: EmailSettingsSchema.extend({
      /** Read-only: whether the server has a mail relay (KOE_SMTP_URL). */
      smtpConfigured: z.boolean(),
    }),
    webhook: z.object({
      /** null for everyone but admins. */
      url: z.string().nullable(),
      kinds: Kinds,
      /** A signing secret is saved; the secret itself is write-only. */
      hasSecret: z.boolean(),
    }),
  }),
});
export type DeskSettingsView = z.infer<typeof DeskSettingsViewSchema>;

export const NotificationTestBody = z.object({ target: z.enum(['webhook', 'email']).default('webhook') });

/** The outcome of one test delivery, sent at once (no retries). */
export const NotificationTestResultSchema = z.object({
  ok: z.boolean(),
  /** The receiver's HTTP status, when it answered. */
  status: z.number().int().optional(),
  /** Why the delivery failed. */
  error: z.string().optional(),
});
export type NotificationTestResult = z.infer<typeof NotificationTestResultSchema>;
