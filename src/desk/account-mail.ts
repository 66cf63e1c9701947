import type { Logger } from 'pino';
import { deskTexts, localTime } from '../texts/desk-texts';
import { langOf } from '../texts/localized';
import type { KoeConfig } from '../config/config';
import { PermanentJobError, RetryLaterError, type JobContext, type JobQueue } from '../jobs/queue';
import { agents, type Db } from '../store/repositories';
import { MailError, sendPlainMail } from './mail';
import { deskSettings } from './settings';

/**
 * Mail to an agent about their own account (a sign-in lock today). It goes to the account's address whatever the
 * desk's notification settings say, because only the owner can tell whether the attempts were theirs.
 */
export const ACCOUNT_MAIL = 'account.mail';

export type AccountMail = { kind: 'login_locked'; workspaceId: string; agentId: string; ip: string; until: string };

export interface AccountMailDeps {
  db: Db;
  log: Logger;
  config: Pick<KoeConfig, 'mail' | 'publicUrl'>;
}

/** Enqueued only when SMTP is configured; the in-app notification is written either way. */
export async function enqueueAccountMail(
  deps: { jobs: JobQueue; config: Pick<KoeConfig, 'mail'> },
  mail: AccountMail,
): Promise<void> {
  if (!deps.config.mail.smtpUrl) return;
  await deps.jobs.enqueue(ACCOUNT_MAIL, mail, { maxAttempts: 8 });
}

/** The lock notice in both languages (the in-app notification and the mail pick the agent's), in the desk's time zone. */
export async function loginLockedText(db: Db, m: { workspaceId: string; name: string; ip: string; until: string }) {
  const timeZone = (await deskSettings.get(db, m.workspaceId)).sla.timeZone;
  return deskTexts.loginLocked({ name: m.name, ip: m.ip, until: localTime(m.until, timeZone, 'medium') });
}

export function accountMailer(deps: AccountMailDeps) {
  return async (m: AccountMail, ctx: JobContext): Promise<void> => {
    const agent = await agents.get(deps.db, m.workspaceId, m.agentId);
    if (!agent?.active) return;
    const lang = langOf(agent.locale);
    const localized = await loginLockedText(deps.db, {
      workspaceId: m.workspaceId,
      name: agent.name,
      ip: m.ip,
      until: m.until,
    });
    const text = { title: localized.title[lang], body: localized.body[lang] };
    try {
      await sendPlainMail(deps.config.mail, {
        to: agent.email,
        subject: `Koe: ${text.title}`,
        text: [text.body, deps.config.publicUrl].filter(Boolean).join('\n\n'),
      });
    } catch (err) {
      if (!(err instanceof MailError)) throw err;
      if (err.retryable && !ctx.isFinalAttempt) throw new RetryLaterError(err.message, 60_000);
      deps.log.error({ agentId: m.agentId, err: err.message }, 'account mail not delivered');
      throw new PermanentJobError(err.message);
    }
  };
}
