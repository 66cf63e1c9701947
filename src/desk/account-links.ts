import type { Logger } from 'pino';
import type { KoeConfig } from '../config/config';
import { DomainError } from '../domain/errors';
import { randomToken } from '../domain/ids';
import { hashPassword } from '../security/passwords';
import {
  accountTokens,
  agents,
  audit,
  sessions,
  workspaces,
  type AccountTokenKind,
  type Agent,
  type Db,
} from '../store/repositories';
import { deskTexts, localTime } from '../texts/desk-texts';
import { langOf } from '../texts/localized';
import { MailError, sendPlainMail } from './mail';
import { deskSettings } from './settings';
import { requireStrongPassword } from './sign-in';

/** An invitation stays valid a week; a reset link an admin makes, a day; one an agent asks for by email, an hour. */
export const LINK_TTL_MS = { invitation: 7 * 86_400_000, admin_reset: 86_400_000, self_reset: 3_600_000 } as const;

export interface AccountLinkDeps {
  db: Db;
  log: Logger;
  config: Pick<KoeConfig, 'mail'>;
}

export interface AccountLink {
  url: string;
  expiresAt: string;
  /** Sent to the agent's address (SMTP configured and accepted); otherwise the admin hands the link over. */
  emailed: boolean;
}

const PATHS: Record<AccountTokenKind, string> = { invitation: '/invite/', password_reset: '/reset-password/' };

/**
 * A one-time link for an agent's account: an invitation (set the first password) or a password reset. Only the
 * token's hash is stored; the link is emailed when SMTP is configured and returned to the caller either way (an
 * admin copies it; the public reset request never shows it).
 */
export async function issueAccountLink(
  deps: AccountLinkDeps,
  o: { agent: Agent; kind: AccountTokenKind; ttlMs: number; baseUrl: string; by: string | null },
): Promise<AccountLink> {
  const token = randomToken(32);
  const expiresAt = new Date(Date.now() + o.ttlMs).toISOString();
  await accountTokens.create(deps.db, {
    workspaceId: o.agent.workspaceId,
    agentId: o.agent.id,
    kind: o.kind,
    token,
    expiresAt,
    by: o.by,
  });
  const url = `${o.baseUrl.replace(/\/+$/, '')}${PATHS[o.kind]}${token}`;
  let emailed = false;
  if (deps.config.mail.smtpUrl) {
    const lang = langOf(o.agent.locale);
    const until = localTime(expiresAt, (await deskSettings.get(deps.db, o.agent.workspaceId)).sla.timeZone, 'medium');
    const workspace = (await workspaces.get(deps.db, o.agent.workspaceId))?.name ?? 'Koe';
    const text =
      o.kind === 'invitation'
        ? deskTexts.invitationMail({ workspace, name: o.agent.name, url, until })
        : deskTexts.passwordResetMail({ name: o.agent.name, url, until });
    try {
      await sendPlainMail(deps.config.mail, { to: o.agent.email, subject: text.title[lang], text: text.body[lang] });
      emailed = true;
    } catch (err) {
      if (!(err instanceof MailError)) throw err;
      deps.log.warn({ agentId: o.agent.id, kind: o.kind, err: err.message }, 'account link not emailed');
    }
  }
  return { url, expiresAt, emailed };
}

const linkError = (code: 'link_invalid' | 'link_expired' | 'link_used', why: string) =>
  new DomainError('not_found', why, undefined, code);

/** What a link is for, to greet the person on its page; unknown, used and expired links are told apart. */
export async function accountLinkInfo(db: Db, token: string) {
  const t = await accountTokens.find(db, token);
  if (!t || !t.active) throw linkError('link_invalid', 'This link is not valid');
  if (t.used_at) throw linkError('link_used', 'This link has already been used');
  if (Date.parse(t.expires_at) <= Date.now()) throw linkError('link_expired', 'This link has expired');
  return {
    kind: t.kind as AccountTokenKind,
    email: t.email,
    name: t.name,
    workspaceName: t.workspace_name,
    expiresAt: t.expires_at,
    token: t,
  };
}

/**
 * Sets the password a link allows, once: the link is spent, every session of the agent ends (a reset means the old
 * password may be known to someone else), and the agent signs in as usual next (two-factor sign-in still applies).
 */
export async function redeemAccountLink(db: Db, token: string, password: string): Promise<{ email: string }> {
  const info = await accountLinkInfo(db, token);
  requireStrongPassword('password', password, { email: info.email, name: info.name });
  const hash = await hashPassword(password);
  await db.transaction().execute(async (tx) => {
    if (!(await accountTokens.consume(tx, info.token.id)))
      throw linkError('link_used', 'This link has already been used');
    await agents.setPassword(tx, info.token.agent_id, hash);
    await sessions.deleteForAgent(tx, info.token.agent_id);
    await audit.log(tx, {
      workspaceId: info.token.workspace_id,
      actor: { type: 'agent', id: info.token.agent_id, name: info.name },
      action: info.kind === 'invitation' ? 'auth.invitation_accepted' : 'auth.password_reset',
      target: { type: 'agent', id: info.token.agent_id },
      detail: {},
    });
  });
  return { email: info.email };
}
