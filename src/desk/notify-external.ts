import { createHmac } from 'node:crypto';
import type { Logger } from 'pino';
import type { KoeConfig } from '../config/config';
import { newId, nowIso } from '../domain/ids';
import { PermanentJobError, RetryLaterError, type JobContext, type JobQueue } from '../jobs/queue';
import { decryptSecret } from '../security/secrets';
import { agents, audit, type Db, bySystem } from '../store/repositories';
import { langOf, pick, type Lang, type Localized } from '../texts/localized';
import { MailError, sendPlainMail } from './mail';
import {
  deskSettings,
  EXTERNAL_KINDS,
  webhookUrlProblem,
  type ExternalKind,
  type NotificationSettings,
} from './settings';

/**
 * Notifications outside Koe (issue 4: "optional email and outgoing webhook"). `notify()` enqueues one
 * `notification.deliver` job per event for the webhook and one per agent for email; this module sends them.
 * Settings are read again when the job runs, so a webhook turned off (or a secret rotated) since then is honoured,
 * and the secret never sits in the jobs table.
 */
export const NOTIFICATION_DELIVER = 'notification.deliver';
const WEBHOOK_TIMEOUT_MS = 10_000;
const MAX_RETRY_AFTER_MS = 3_600_000;
const MAX_ATTEMPTS = 10; // backoff 1 s … 5 min: about 15–30 minutes of retries

/** An event as receivers see it; `id` is the same on every retry (`x-koe-delivery`), so receivers can dedupe. */
export interface ExternalEvent {
  id: string;
  kind: ExternalKind | 'test';
  workspaceId: string;
  conversationId: string | null;
  /** Both languages (older queued jobs carry one string): webhooks get Japanese plus an `en` copy, mails the agent's. */
  title: string | Localized;
  body: string | Localized;
  createdAt: string;
}
type DeliverPayload =
  { channel: 'webhook'; event: ExternalEvent } | { channel: 'email'; agentId: string; event: ExternalEvent };

export interface ExternalDeps {
  db: Db;
  log: Logger;
  config: Pick<KoeConfig, 'publicUrl' | 'secretKey' | 'mail'>;
}

export interface DeliveryResult {
  ok: boolean;
  status?: number;
  error?: string;
}

/** The in-app kinds mapped to what admins choose to send out: assignments only when urgent. */
export function externalKindOf(n: { kind: string; urgent: boolean }): ExternalKind | null {
  if (n.kind === 'assigned') return n.urgent ? 'assigned_urgent' : null;
  // Sign-in notices go to the account's owner only (desk/account-mail.ts), never to the desk's webhook.
  if (n.kind === 'security') return null;
  return (EXTERNAL_KINDS as readonly string[]).includes(n.kind) ? (n.kind as ExternalKind) : null;
}

/** Enqueue the deliveries this workspace wants for one event (inside the caller's transaction when given). */
export async function enqueueExternal(
  jobs: JobQueue,
  tx: Db,
  settings: NotificationSettings,
  agentIds: string[],
  event: ExternalEvent & { kind: ExternalKind },
): Promise<void> {
  const opts = { maxAttempts: MAX_ATTEMPTS };
  if (settings.webhook.url && settings.webhook.kinds.includes(event.kind)) {
    await jobs.enqueue(NOTIFICATION_DELIVER, { channel: 'webhook', event } satisfies DeliverPayload, opts, tx);
  }
  if (settings.email.enabled && settings.email.kinds.includes(event.kind)) {
    for (const agentId of new Set(agentIds))
      await jobs.enqueue(NOTIFICATION_DELIVER, { channel: 'email', agentId, event } satisfies DeliverPayload, opts, tx);
  }
}

/** Deep link for the receiver, when the desk's public URL is configured (KOE_PUBLIC_URL). */
export function eventUrl(
  publicUrl: string | undefined,
  event: Pick<ExternalEvent, 'conversationId' | 'kind'>,
): string | undefined {
  if (!publicUrl) return undefined;
  if (event.conversationId) return `${publicUrl}/conversations/${encodeURIComponent(event.conversationId)}`;
  return event.kind === 'spike' ? `${publicUrl}/incidents` : undefined;
}

export const signBody = (secret: string, rawBody: string) =>
  `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;

/** Seconds or an HTTP date; capped at an hour, undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) ? Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms)) : undefined;
}

class DeliveryFailure extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** One POST. Throws a DeliveryFailure saying whether a retry can help (429, 5xx, network) or not (other 4xx, 3xx). */
async function postWebhook(
  deps: ExternalDeps,
  webhook: NotificationSettings['webhook'],
  event: ExternalEvent,
): Promise<number> {
  if (!webhook.url) throw new DeliveryFailure('no webhook URL is set', false);
  const problem = webhookUrlProblem(webhook.url);
  if (problem) throw new DeliveryFailure(`webhook URL ${problem}`, false);
  const url = eventUrl(deps.config.publicUrl, event);
  const raw = JSON.stringify({
    id: event.id,
    kind: event.kind,
    title: pick(event.title, 'ja'),
    body: pick(event.body, 'ja'),
    en: { title: pick(event.title, 'en'), body: pick(event.body, 'en') },
    conversationId: event.conversationId,
    ...(url ? { url } : {}),
    workspaceId: event.workspaceId,
    createdAt: event.createdAt,
  });
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'Koe',
    'x-koe-event': event.kind,
    'x-koe-delivery': event.id,
  };
  if (webhook.secret) {
    let secret: string;
    try {
      secret = decryptSecret(deps.config.secretKey, webhook.secret);
    } catch {
      throw new DeliveryFailure(
        'the webhook secret cannot be decrypted (KOE_SECRET_KEY changed?); set the secret again',
        false,
      );
    }
    headers['x-koe-signature'] = signBody(secret, raw);
  }
  let res: Response;
  try {
    // Redirects are not followed: the URL was checked, where it redirects to was not.
    res = await fetch(webhook.url, {
      method: 'POST',
      headers,
      body: raw,
      redirect: 'manual',
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const why =
      e.name === 'TimeoutError'
        ? `no response within ${WEBHOOK_TIMEOUT_MS / 1000} s`
        : (e.cause?.code ?? e.cause?.message ?? e.message);
    throw new DeliveryFailure(`webhook: ${why}`, true);
  }
  await res.body?.cancel().catch(() => undefined);
  if (res.status >= 200 && res.status < 300) return res.status;
  const retryable = res.status === 429 || res.status >= 500;
  const hint = res.status >= 300 && res.status < 400 ? ' (redirects are not followed; use the final URL)' : '';
  throw new DeliveryFailure(
    `webhook: HTTP ${res.status}${hint}`,
    retryable,
    res.status,
    retryable ? retryAfterMs(res.headers.get('retry-after')) : undefined,
  );
}

/** One mail through KOE_SMTP_URL. SMTP 5xx (and no SMTP configured) cannot be helped by retrying. */
async function sendMail(deps: ExternalDeps, to: string, event: ExternalEvent, lang: Lang): Promise<void> {
  if (!deps.config.mail.smtpUrl)
    throw new DeliveryFailure('email notifications are on but KOE_SMTP_URL is not set; no email was sent', false);
  const url = eventUrl(deps.config.publicUrl, event);
  try {
    await sendPlainMail(deps.config.mail, {
      to,
      subject: pick(event.title, lang),
      text: [pick(event.body, lang), url].filter(Boolean).join('\n\n'),
      messageId: `<${event.id}.${Buffer.from(to).toString('hex').slice(0, 32)}@koe.notifications>`,
      headers: { 'X-Koe-Event': event.kind },
    });
  } catch (err) {
    if (err instanceof MailError) throw new DeliveryFailure(`email: ${err.message}`, err.retryable);
    throw err;
  }
}

/** The `notification.deliver` job. A failure that retrying cannot fix is logged and audited, then the job fails. */
export function notificationDeliverer(deps: ExternalDeps) {
  return async (p: DeliverPayload, ctx: JobContext): Promise<void> => {
    const settings = (await deskSettings.get(deps.db, p.event.workspaceId)).notifications;
    const kind = p.event.kind as ExternalKind;
    try {
      if (p.channel === 'webhook') {
        if (!settings.webhook.url || !settings.webhook.kinds.includes(kind)) return; // turned off since
        await postWebhook(deps, settings.webhook, p.event);
      } else {
        if (!settings.email.enabled || !settings.email.kinds.includes(kind)) return;
        const agent = await agents.get(deps.db, p.event.workspaceId, p.agentId);
        if (!agent?.active || !agent.email) return;
        await sendMail(deps, agent.email, p.event, langOf(agent.locale));
      }
    } catch (err) {
      if (!(err instanceof DeliveryFailure)) throw err;
      if (err.retryable && !ctx.isFinalAttempt) {
        throw err.retryAfterMs !== undefined ? new RetryLaterError(err.message, err.retryAfterMs) : err;
      }
      deps.log.error(
        {
          workspaceId: p.event.workspaceId,
          channel: p.channel,
          eventId: p.event.id,
          kind,
          err: err.message,
          attempt: ctx.attempt,
        },
        'external notification not delivered',
      );
      await audit.log(deps.db, {
        workspaceId: p.event.workspaceId,
        actor: bySystem('Koe notifications'),
        action: 'notification.delivery_failed',
        target: p.event.conversationId ? { type: 'conversation', id: p.event.conversationId } : undefined,
        detail: {
          channel: p.channel,
          eventId: p.event.id,
          kind,
          error: err.message,
          status: err.status ?? null,
          attempts: ctx.attempt,
        },
      });
      throw new PermanentJobError(err.message);
    }
  };
}

/** POST /api/settings/desk/notifications/test: one test event through the saved settings, sent now. */
export async function sendTestNotification(
  deps: ExternalDeps,
  workspaceId: string,
  target: 'webhook' | 'email',
  to: string,
): Promise<DeliveryResult> {
  const settings = (await deskSettings.get(deps.db, workspaceId)).notifications;
  const event: ExternalEvent = {
    id: newId(),
    kind: 'test',
    workspaceId,
    conversationId: null,
    createdAt: nowIso(),
    title: { ja: 'Koe: テスト通知', en: 'Koe: test notification' },
    body: {
      ja: 'Koe の外部通知の設定を確認するためのテストです。',
      en: "This is a test of Koe's external notifications.",
    },
  };
  try {
    if (target === 'webhook') return { ok: true, status: await postWebhook(deps, settings.webhook, event) };
    await sendMail(deps, to, event, 'ja');
    return { ok: true };
  } catch (err) {
    if (!(err instanceof DeliveryFailure)) throw err;
    return { ok: false, ...(err.status ? { status: err.status } : {}), error: err.message };
  }
}
