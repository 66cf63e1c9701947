import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, forbidden } from '../domain/errors';
import { requireRole, type Actor, type Role } from '../domain/permissions';
import { mustSetUpTwoFactor } from '../desk/sign-in';
import { DEVICE_COOKIE, DEVICE_COOKIE_DAYS, deviceCookieFor } from '../security/device-cookie';
import type { SessionVia } from '../store/repositories/sessions';
import type { Koe } from './context';
import { agents, apiTokens, sessions, type Agent, type Db } from '../store/repositories';

export const SESSION_COOKIE = 'koe_session';
export const CSRF_COOKIE = 'koe_csrf';

export interface RequestAuth {
  agent: Agent;
  actor: Actor & { displayName: string };
  via: 'session' | 'token';
  csrfToken?: string;
  sessionToken?: string;
  /**
   * Signed in by password but the workspace requires two-factor sign-in for this role and it is not set up yet.
   * Asked only by guarded routes (and at most once per request), so static files and public routes skip the query.
   */
  restricted?: () => Promise<boolean>;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth | null;
  }
  interface FastifyContextConfig {
    /**
     * `false` on routes that never act on an agent's session (webhooks, the chat widget): they authenticate by
     * signature or visitor token, so a desk cookie the browser happens to send must not make them demand a
     * CSRF token. Every other route needs the token on unsafe methods.
     */
    csrf?: false;
    /** Routes an agent may use before setting up a required second factor (their own profile and the set-up). */
    duringTwoFactorSetup?: true;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the caller from a bearer API token or the session cookie. Cookie-authenticated writes must echo
 * the CSRF token (double submit, bound to the server-side session), which a cross-site form cannot read.
 */
export function registerAuth(app: FastifyInstance, db: Db): void {
  app.decorateRequest('auth', null);
  // Guards run before validation, not after: a caller without the role gets 401/403 and learns nothing about the body
  // or parameters a route expects (a 400 listing the fields would tell them).
  app.addHook('onRoute', (route) => {
    const handlers = hooksOf(route.preHandler);
    const guards = handlers.filter(isGuard);
    if (!guards.length) return;
    route.preValidation = [...guards, ...hooksOf(route.preValidation)] as typeof route.preValidation;
    route.preHandler = handlers.filter((h) => !guards.includes(h as Guard)) as typeof route.preHandler;
  });
  app.addHook('onRequest', async (req) => {
    req.auth = null;
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const agentId = await apiTokens.resolve(db, header.slice(7).trim());
      if (!agentId) throw new DomainError('unauthenticated', 'The API token is invalid or revoked');
      const agent = await agents.byId(db, agentId);
      if (!agent?.active) throw new DomainError('unauthenticated', 'The API token belongs to a deactivated agent');
      req.auth = { agent, actor: toActor(agent), via: 'token' };
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await sessions.find(db, token);
    if (!session) return;
    const agent = await agents.byId(db, session.agentId);
    if (!agent?.active) return;
    let restricted: Promise<boolean> | undefined;
    req.auth = {
      agent,
      actor: toActor(agent),
      via: 'session',
      csrfToken: session.csrfToken,
      sessionToken: token,
      restricted: () =>
        (restricted ??= session.via === 'password' ? mustSetUpTwoFactor(db, agent) : Promise.resolve(false)),
    };
    // Decided by the matched route, never by the raw URL: the router decodes `/%61pi/…` to `/api/…`.
    if (
      UNSAFE.has(req.method) &&
      req.routeOptions.config?.csrf !== false &&
      !sameToken(req.headers['x-csrf-token'], session.csrfToken)
    ) {
      throw forbidden('Missing or wrong x-csrf-token header (copy the koe_csrf cookie into it)');
    }
  });
}

/** Where the identity provider sends people back after single sign-on (an admin registers it there). */
export const ssoCallbackUrl = (koe: Koe, req: { protocol: string; host: string }): string =>
  `${koe.config.publicUrl ?? `${req.protocol}://${req.host}`}/api/auth/sso/callback`;

function sameToken(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given),
    b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const toActor = (a: Agent): RequestAuth['actor'] => ({
  agentId: a.id,
  role: a.role,
  workspaceId: a.workspaceId,
  name: a.name,
  displayName: a.displayName,
});

export type Guard = ((req: FastifyRequest) => Promise<void>) & { requiredRole: Role };

/** Route guard: signed in, and at least `role`. The role is kept on the function so the route table can list it. */
export function guard(role: Role = 'agent'): Guard {
  const check = async (req: FastifyRequest) => {
    if (!req.auth) throw new DomainError('unauthenticated', 'Sign in first');
    if (!req.routeOptions.config?.duringTwoFactorSetup && (await req.auth.restricted?.())) {
      throw new DomainError(
        'forbidden',
        'Set up two-factor sign-in first (your workspace requires it for your role)',
        undefined,
        'two_factor_setup_required',
      );
    }
    requireRole(req.auth.agent.role, role);
  };
  return Object.assign(check, { requiredRole: role });
}

/** The role a route's hooks demand, or null when it has no guard (public routes). */
export function requiredRoleOf(...hookLists: unknown[]): Role | null {
  return hookLists.flatMap(hooksOf).find(isGuard)?.requiredRole ?? null;
}

/** A route option that holds one hook, a list of them, or none, as a list. */
const hooksOf = (h: unknown): unknown[] => (Array.isArray(h) ? h : h ? [h] : []);
const isGuard = (h: unknown): h is Guard => typeof h === 'function' && 'requiredRole' in h;

export function authOf(req: FastifyRequest): RequestAuth {
  if (!req.auth) throw new DomainError('unauthenticated', 'Sign in first');
  return req.auth;
}

export function setSessionCookies(
  reply: FastifyReply,
  s: { token: string; csrfToken: string; expiresAt: string },
  secure: boolean,
): void {
  const expires = new Date(s.expiresAt);
  void reply.setCookie(SESSION_COOKIE, s.token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires });
  void reply.setCookie(CSRF_COOKIE, s.csrfToken, { httpOnly: false, sameSite: 'strict', secure, path: '/', expires });
}

export function clearSessionCookies(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  void reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

/** Cookies are Secure when the request came over https or the desk's public URL is https. */
export const isSecure = (koe: Koe, protocol: string) =>
  protocol === 'https' || Boolean(koe.config.publicUrl?.startsWith('https:'));

/** Opens a session and marks this browser as one that has signed in to the account (see security/device-cookie). */
export async function startSession(
  koe: Koe,
  req: FastifyRequest,
  reply: FastifyReply,
  agent: Agent,
  via: SessionVia,
): Promise<void> {
  const secure = isSecure(koe, req.protocol);
  const s = await sessions.create(koe.db, agent.id, koe.config.sessionDays, via);
  setSessionCookies(reply, s, secure);
  void reply.setCookie(DEVICE_COOKIE, deviceCookieFor(koe.config.secretKey, agent.id), {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/api/auth',
    maxAge: DEVICE_COOKIE_DAYS * 86_400,
  });
}
