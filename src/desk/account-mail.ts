import type { Logger } from 'pino';
import type { KoeConfig } from '../config/config';
import { PermanentJobError, RetryLaterError, type JobContext, type JobQueue } from '../jobs/queue';
import { agents, type Db } from '../store/repositories';
import { MailError, sendPlainMail } from './mail';

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
  tx?: Db,
): Promise<void> {
  if (!deps.config.mail.smtpUrl) return;
  await deps.jobs.enqueue(ACCOUNT_MAIL, mail, { maxAttempts: 8 }, tx);
}

export function loginLockedText(
  locale: string,
  m: { name: string; ip: string; until: string; timeZone?: string; url?: string },
) {
  const ja = locale !== 'en';
  const until = new Intl.DateTimeFormat(ja ? 'ja-JP' : 'en-GB', {
    timeZone: m.timeZone ?? 'Asia/Tokyo',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(m.until));
  return ja
    ? {
        title: 'サインインを一時停止しました',
        body:
          `${m.name} さんのアカウントに、これまで使われていないブラウザから誤ったパスワードが続けて入力されました（最後の接続元: ${m.ip}）。` +
          `${until} まで、新しいブラウザからのサインインを停止しています。いつものブラウザからは通常どおりサインインできます。` +
          '心当たりがない場合は、パスワードを変更し、管理者に連絡してください。',
      }
    : {
        title: 'Sign-ins paused for your account',
        body:
          `Several wrong passwords were entered for ${m.name}'s account from browsers that have not signed in to it before (last from ${m.ip}). ` +
          `Sign-ins from new browsers are paused until ${until}; the browsers you usually use still sign in as normal. ` +
          'If this was not you, change your password and tell your admin.',
      };
}

export function accountMailer(deps: AccountMailDeps) {
  return async (m: AccountMail, ctx: JobContext): Promise<void> => {
    const agent = await agents.get(deps.db, m.workspaceId, m.agentId);
    if (!agent?.active) return;
    const text = loginLockedText(agent.locale, { name: agent.name, ip: m.ip, until: m.until });
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
