import type { Logger } from 'pino';
import type { KoeConfig } from '../config/config';
import { DomainError } from '../domain/errors';
import type { JobQueue } from '../jobs/queue';
import type { RealtimeBus } from '../realtime/bus';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../security/passwords';
import { PASSWORD_PROBLEM_TEXT, passwordProblem } from '../security/password-strength';
import { decryptSecret, encryptSecret } from '../security/secrets';
import {
  hashRecoveryCode,
  looksLikeRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  totpStep,
  type TotpEnrolment,
} from '../security/totp';
import {
  agents,
  audit,
  sessions,
  signIns,
  type Agent,
  type Db,
  type SignInRecord,
  byAgent,
  byAnonymous,
  bySystem,
} from '../store/repositories';
import { enqueueAccountMail, loginLockedText } from './account-mail';
import { notify } from './notifications';
import { passwordSignInFor, requiresTwoFactor, securitySettings, type SecuritySettings } from './security-settings';

export interface SignInDeps {
  db: Db;
  bus: RealtimeBus;
  jobs: JobQueue;
  log: Logger;
  config: KoeConfig;
}

/** Who is asking: the client address (as the trusted proxies report it) and the account this browser knows, if any. */
export interface Caller {
  ip: string;
  knownAgentId: string | null;
}

export type PasswordOutcome =
  | { next: 'session'; agent: Agent; twoFactorSetupRequired: boolean }
  | { next: 'two_factor'; agent: Agent; challenge: { token: string; expiresAt: string } };

const CHALLENGE_ATTEMPTS = 5;

const wrongCredentials = () =>
  new DomainError('unauthenticated', 'The email or password is wrong', undefined, 'wrong_credentials');

/** Refuses a new password that is short, common, guessable or the account's own email or name (code `weak_password`). */
export function requireStrongPassword(
  path: string,
  password: string,
  account: { email?: string | null; name?: string | null; extra?: string[] },
): void {
  const problem = passwordProblem(password, account);
  if (!problem) return;
  throw new DomainError(
    'validation',
    `${path}: ${PASSWORD_PROBLEM_TEXT[problem]}`,
    [{ path, message: PASSWORD_PROBLEM_TEXT[problem], code: problem }],
    'weak_password',
  );
}

/**
 * Step one of signing in. Wrong passwords from browsers that never signed in to the account count toward a lock of
 * that account (for such browsers only: its owner's own browsers keep working, so guessing cannot lock them out);
 * the owner is told when it starts. A correct password then either opens a session or asks for the second factor.
 */
export async function signInWithPassword(
  deps: SignInDeps,
  input: { email: string; password: string },
  caller: Caller,
): Promise<PasswordOutcome> {
  const found = await signIns.byEmail(deps.db, input.email);
  const known = Boolean(found && caller.knownAgentId === found.agent.id);
  if (found && !known && found.lockedUntil && found.lockedUntil > new Date().toISOString()) {
    await audit.log(deps.db, {
      workspaceId: found.agent.workspaceId,
      actor: byAnonymous(input.email),
      action: 'auth.login_blocked',
      detail: { ip: caller.ip, until: found.lockedUntil },
    });
    throw new DomainError(
      'rate_limited',
      'Sign-ins to this account from new browsers are paused after repeated wrong passwords; try again later or from a browser you have used before',
      undefined,
      'account_locked',
    );
  }
  const ok = await verifyPassword(input.password, found?.passwordHash ?? DUMMY_HASH);
  if (!found || !ok || !found.agent.active) {
    await audit.log(deps.db, {
      workspaceId: found?.agent.workspaceId ?? null,
      actor: byAnonymous(input.email),
      action: 'auth.login_failed',
      detail: { ip: caller.ip },
    });
    if (found && !known) await countFailure(deps, found, caller);
    throw wrongCredentials();
  }
  const agent = found.agent;
  const settings = await securitySettings.get(deps.db, agent.workspaceId);
  if (passwordSignInFor(settings) === 'admins' && agent.role !== 'admin') {
    throw new DomainError(
      'forbidden',
      'This workspace signs in with single sign-on; use the single sign-on button',
      undefined,
      'sso_required',
    );
  }
  if (found.totpSecret) {
    const challenge = await signIns.createChallenge(deps.db, agent.id);
    return { next: 'two_factor', agent, challenge };
  }
  await signIns.clearFailures(deps.db, agent.id);
  await audit.log(deps.db, {
    workspaceId: agent.workspaceId,
    actor: byAgent(agent),
    action: 'auth.login',
    detail: { ip: caller.ip },
  });
  return { next: 'session', agent, twoFactorSetupRequired: needsTwoFactorSetup(settings, agent) };
}

/** Step two: a code from the authenticator app, or one of the recovery codes (each works once). */
export async function completeTwoFactor(
  deps: SignInDeps,
  input: { challenge: string; code: string },
  caller: Caller,
): Promise<Agent> {
  const agentId = await signIns.useChallenge(deps.db, input.challenge, CHALLENGE_ATTEMPTS);
  if (!agentId)
    throw new DomainError(
      'unauthenticated',
      'The sign-in step has expired; enter your email and password again',
      undefined,
      'challenge_expired',
    );
  const found = await signIns.byAgentId(deps.db, agentId);
  if (!found?.agent.active || !found.totpSecret)
    throw new DomainError('unauthenticated', 'Sign in again', undefined, 'challenge_expired');
  const agent = found.agent;
  const how = await checkSecondFactor(deps, found, input.code);
  if (!how) {
    await audit.log(deps.db, {
      workspaceId: agent.workspaceId,
      actor: byAgent(agent),
      action: 'auth.two_factor_failed',
      detail: { ip: caller.ip },
    });
    if (caller.knownAgentId !== agent.id) await countFailure(deps, found, caller);
    throw new DomainError('unauthenticated', 'The code is wrong or was already used', undefined, 'wrong_code');
  }
  await signIns.deleteChallenge(deps.db, input.challenge);
  await signIns.clearFailures(deps.db, agent.id);
  await audit.log(deps.db, {
    workspaceId: agent.workspaceId,
    actor: byAgent(agent),
    action: 'auth.login',
    detail: { ip: caller.ip, secondFactor: how },
  });
  return agent;
}

async function checkSecondFactor(
  deps: SignInDeps,
  found: SignInRecord,
  code: string,
): Promise<'totp' | 'recovery_code' | null> {
  const secret = decryptSecret(deps.config.secretKey, found.totpSecret!);
  const step = totpStep(secret, code);
  if (step !== null) return (await signIns.claimTotpStep(deps.db, found.agent.id, step)) ? 'totp' : null;
  if (looksLikeRecoveryCode(code) && (await signIns.useRecoveryCode(deps.db, found.agent.id, hashRecoveryCode(code)))) {
    await audit.log(deps.db, {
      workspaceId: found.agent.workspaceId,
      actor: byAgent(found.agent),
      action: 'auth.recovery_code_used',
      detail: { left: found.recoveryCodes.length - 1 },
    });
    return 'recovery_code';
  }
  return null;
}

async function countFailure(deps: SignInDeps, found: SignInRecord, caller: Caller): Promise<void> {
  const { maxFailures, lockMinutes } = deps.config.loginLock;
  const lockMs = lockMinutes * 60_000;
  const started = await signIns.recordFailure(deps.db, found.agent.id, { windowMs: lockMs, max: maxFailures, lockMs });
  if (!started) return;
  const agent = found.agent;
  const until = new Date(Date.now() + lockMs).toISOString();
  const text = await loginLockedText(deps.db, {
    workspaceId: agent.workspaceId,
    name: agent.name,
    ip: caller.ip,
    until,
  });
  await audit.log(deps.db, {
    workspaceId: agent.workspaceId,
    actor: bySystem('Koe'),
    action: 'auth.account_locked',
    target: { type: 'agent', id: agent.id },
    detail: { ip: caller.ip, until, failures: maxFailures },
  });
  await notify(deps, {
    workspaceId: agent.workspaceId,
    agentIds: [agent.id],
    kind: 'security',
    conversationId: null,
    title: text.title,
    body: text.body,
    urgent: true,
  });
  await enqueueAccountMail(deps, {
    kind: 'login_locked',
    workspaceId: agent.workspaceId,
    agentId: agent.id,
    ip: caller.ip,
    until,
  });
}

const needsTwoFactorSetup = (settings: SecuritySettings, agent: Agent) =>
  !agent.totpEnabled && requiresTwoFactor(settings, agent.role);

/** Whether this agent, signed in by password, must set up two-factor sign-in before doing anything else. */
export async function mustSetUpTwoFactor(db: Db, agent: Agent): Promise<boolean> {
  return needsTwoFactorSetup(await securitySettings.get(db, agent.workspaceId), agent);
}

/** Setting up two-factor sign-in: a new secret, kept (sealed) as pending until a code from the app confirms it. */
export async function startTwoFactorSetup(deps: SignInDeps, agent: Agent): Promise<TotpEnrolment> {
  const enrolment = newTotpSecret(agent.email);
  await signIns.setPendingTotp(deps.db, agent.id, encryptSecret(deps.config.secretKey, enrolment.secret));
  return enrolment;
}

export async function confirmTwoFactorSetup(
  deps: SignInDeps,
  agent: Agent,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  const found = await signIns.byAgentId(deps.db, agent.id);
  if (!found?.totpPending)
    throw new DomainError(
      'conflict',
      'Start the set-up again: no code is waiting for confirmation',
      undefined,
      'no_pending_setup',
    );
  const secret = decryptSecret(deps.config.secretKey, found.totpPending);
  const step = totpStep(secret, code);
  if (step === null)
    throw new DomainError(
      'validation',
      "code: does not match the app; check the phone's clock and try the next code",
      [{ path: 'code', message: 'does not match' }],
      'wrong_code',
    );
  const { codes, hashes } = newRecoveryCodes();
  await signIns.enableTotp(deps.db, agent.id, found.totpPending, step, hashes);
  await audit.log(deps.db, {
    workspaceId: agent.workspaceId,
    actor: byAgent(agent),
    action: 'auth.two_factor_enabled',
    target: { type: 'agent', id: agent.id },
  });
  return { recoveryCodes: codes };
}

/** The agent's current password, asked again before a sensitive change (a borrowed, signed-in browser is not enough). */
async function requireCurrentPassword(db: Db, agentId: string, password: string, path: string): Promise<void> {
  const found = await signIns.byAgentId(db, agentId);
  if (!found || !(await verifyPassword(password, found.passwordHash)))
    throw new DomainError('validation', `${path}: is wrong`, [{ path, message: 'is wrong' }], 'wrong_password');
}

/**
 * Changing one's own password: the current one first, then a strong new one. Every other session of the agent ends
 * (the old password may be known elsewhere); the one making the change (`keepSession`) stays signed in.
 */
export async function changePassword(
  db: Db,
  agent: Agent,
  change: { currentPassword: string; newPassword: string },
  keepSession: string | undefined,
  ip: string,
): Promise<void> {
  await requireCurrentPassword(db, agent.id, change.currentPassword, 'currentPassword');
  requireStrongPassword('newPassword', change.newPassword, {
    email: agent.email,
    name: agent.name,
    extra: [agent.displayName],
  });
  await agents.setPassword(db, agent.id, await hashPassword(change.newPassword));
  await sessions.deleteForAgent(db, agent.id, keepSession);
  await audit.log(db, {
    workspaceId: agent.workspaceId,
    actor: byAgent(agent),
    action: 'auth.password_changed',
    target: { type: 'agent', id: agent.id },
    detail: { ip },
  });
}

/** Turning it off needs the password again and is refused where required. */
export async function disableTwoFactor(deps: SignInDeps, agent: Agent, password: string): Promise<void> {
  await requireCurrentPassword(deps.db, agent.id, password, 'password');
  if (requiresTwoFactor(await securitySettings.get(deps.db, agent.workspaceId), agent.role)) {
    throw new DomainError(
      'conflict',
      'Your workspace requires two-factor sign-in for your role',
      undefined,
      'two_factor_required',
    );
  }
  await signIns.disableTotp(deps.db, agent.id);
  await audit.log(deps.db, {
    workspaceId: agent.workspaceId,
    actor: byAgent(agent),
    action: 'auth.two_factor_disabled',
    target: { type: 'agent', id: agent.id },
  });
}

export async function regenerateRecoveryCodes(
  deps: SignInDeps,
  agent: Agent,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  const found = await signIns.byAgentId(deps.db, agent.id);
  if (!found?.totpSecret)
    throw new DomainError('conflict', 'Two-factor sign-in is not set up', undefined, 'no_two_factor');
  const step = totpStep(decryptSecret(deps.config.secretKey, found.totpSecret), code);
  if (step === null || !(await signIns.claimTotpStep(deps.db, agent.id, step))) {
    throw new DomainError(
      'validation',
      'code: is wrong or was already used',
      [{ path: 'code', message: 'is wrong' }],
      'wrong_code',
    );
  }
  const { codes, hashes } = newRecoveryCodes();
  await signIns.setRecoveryCodes(deps.db, agent.id, hashes);
  await audit.log(deps.db, {
    workspaceId: agent.workspaceId,
    actor: byAgent(agent),
    action: 'auth.recovery_codes_regenerated',
    target: { type: 'agent', id: agent.id },
  });
  return { recoveryCodes: codes };
}
