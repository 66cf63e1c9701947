import { z } from 'zod';
import { outboundUrlProblem } from '../domain/urls';
import { nextSealedSecret } from '../security/secrets';
import { deskSettingsDocument, type Db } from '../store/repositories';
import { parseJson } from '../store/repositories/types';

/** What can be sent outside Koe (email, outgoing webhook); `assigned_urgent` is an assignment of urgent work. */
export const EXTERNAL_KINDS = ['assigned_urgent', 'escalated', 'sla.warning', 'sla.breached', 'spike'] as const;
export type ExternalKind = (typeof EXTERNAL_KINDS)[number];
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

const EMAIL_DEFAULT = { enabled: false, kinds: ['escalated', 'sla.breached', 'spike'] as ExternalKind[] };
const WEBHOOK_DEFAULT = { url: null, secret: null, kinds: [...EXTERNAL_KINDS] as ExternalKind[] };

/** As stored: `webhook.secret` is sealed with the instance key (security/secrets) and never leaves the server. */
export const NotificationSettingsSchema = z.object({
  email: z
    .object({
      enabled: z.boolean().default(false),
      kinds: Kinds.default(EMAIL_DEFAULT.kinds),
    })
    .default(EMAIL_DEFAULT),
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
export const DeskSettingsSchema = z.object({
  autoAssign: z
    .object({
      enabled: z.boolean().default(true),
      strategy: z.enum(['least_loaded', 'round_robin']).default('least_loaded'),
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
    })
    .default({ enabled: true, strategy: 'least_loaded', reserveUrgentSlots: 1, firstResponders: true }),
  sla: z
    .object({
      warnAtFraction: z.number().min(0.1).max(0.99).default(0.8),
      /** What a breach does besides notifying the owner and supervisors. */
      onBreach: z.enum(['notify', 'escalate', 'reassign']).default('notify'),
      firstResponseMins: z
        .object({ 1: z.number().positive(), 2: z.number().positive(), 3: z.number().positive() })
        .partial()
        .default({}),
      timeZone: z.string().default('Asia/Tokyo'),
    })
    .default({ warnAtFraction: 0.8, onBreach: 'notify', firstResponseMins: {}, timeZone: 'Asia/Tokyo' }),
  /** Used by the automation condition `businessHours` (and shown to agents). */
  businessHours: z
    .object({
      timeZone: z.string().default('Asia/Tokyo'),
      weekly: z.record(z.string(), z.array(z.tuple([z.string(), z.string()]))).default({
        1: [['09:00', '18:00']],
        2: [['09:00', '18:00']],
        3: [['09:00', '18:00']],
        4: [['09:00', '18:00']],
        5: [['09:00', '18:00']],
      }),
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

/** The settings as the API shows them: the webhook secret becomes `hasSecret`; only admins see the webhook URL. */
export function publicDeskSettings(s: DeskSettings, opts: { admin: boolean; smtpConfigured: boolean }) {
  const { secret, ...webhook } = s.notifications.webhook;
  return {
    ...s,
    notifications: {
      email: { ...s.notifications.email, smtpConfigured: opts.smtpConfigured },
      webhook: { ...webhook, url: opts.admin ? webhook.url : null, hasSecret: Boolean(secret) },
    },
  };
}

export const deskSettings = {
  async get(db: Db, workspaceId: string): Promise<DeskSettings> {
    return DeskSettingsSchema.parse(parseJson(await deskSettingsDocument.read(db, workspaceId), {}));
  },
  async save(db: Db, workspaceId: string, settings: DeskSettings): Promise<void> {
    await deskSettingsDocument.write(db, workspaceId, JSON.stringify(settings));
  },
};

/** PUT semantics: notifications left out are kept; the write-only secret is kept, removed (null) or replaced (sealed). */
export function mergeDeskSettings(
  stored: DeskSettings,
  input: DeskSettingsInput,
  seal: (plain: string) => string,
): DeskSettings {
  const { notifications, ...rest } = input;
  if (!notifications) return { ...rest, notifications: stored.notifications };
  const { secret, hasSecret: _ignored, ...webhook } = notifications.webhook;
  const kinds = (k: readonly string[]) => EXTERNAL_KINDS.filter((x) => k.includes(x));
  return {
    ...rest,
    notifications: {
      email: { ...notifications.email, kinds: kinds(notifications.email.kinds) },
      webhook: {
        ...webhook,
        kinds: kinds(webhook.kinds),
        secret: nextSealedSecret(secret, stored.notifications.webhook.secret, seal),
      },
    },
  };
}
