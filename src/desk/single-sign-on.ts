import * as oidc from 'openid-client';
import { z } from 'zod';
import type { KoeConfig } from '../config/config';
import { isLoopbackHttp } from '../domain/urls';
import { decryptSecret, encryptSecret } from '../security/secrets';
import { agents, audit, byAgent, byAnonymous, type Agent, type Db } from '../store/repositories';
import { securitySettings, ssoReady, type SecuritySettings } from './security-settings';

/**
 * Single sign-on with OpenID Connect (authorization code flow with PKCE, state and nonce; `openid-client` checks the
 * ID token's signature, issuer, audience and expiry). Koe does not create agents from the provider: an admin adds
 * the agent first, and the provider's verified email picks which agent signs in.
 */
export type SsoFailure =
  | 'not_configured'
  | 'provider_unreachable'
  | 'denied'
  | 'expired'
  | 'invalid_response'
  | 'no_email'
  | 'email_unverified'
  | 'no_account';
export class SsoError extends Error {
  constructor(
    readonly reason: SsoFailure,
    detail: string,
  ) {
    super(detail);
  }
}

const FLOW_MINUTES = 10;
const FlowSchema = z.object({
  state: z.string(),
  nonce: z.string(),
  verifier: z.string(),
  next: z.string(),
  at: z.number(),
});
type Flow = z.infer<typeof FlowSchema>;

const cache = new Map<string, { config: oidc.Configuration; at: number }>();
const CACHE_MS = 10 * 60_000;

/** The provider's configuration from its discovery document, kept for ten minutes per issuer and client. */
async function providerConfig(secretKey: Buffer, s: SecuritySettings): Promise<oidc.Configuration> {
  if (!ssoReady(s)) throw new SsoError('not_configured', 'Single sign-on is not set up');
  const issuer = new URL(s.sso.issuer!);
  const key = `${issuer.href}|${s.sso.clientId}|${s.sso.clientSecret ?? ''}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.config;
  const secret = s.sso.clientSecret ? decryptSecret(secretKey, s.sso.clientSecret) : undefined;
  try {
    const config = await oidc.discovery(
      issuer,
      s.sso.clientId!,
      undefined,
      secret ? oidc.ClientSecretBasic(secret) : oidc.None(),
      {
        // Plain http only for a provider on this machine (settings refuse it elsewhere).
        ...(isLoopbackHttp(issuer) ? { execute: [oidc.allowInsecureRequests] } : {}),
        timeout: 10,
      },
    );
    cache.set(key, { config, at: Date.now() });
    return config;
  } catch (err) {
    throw new SsoError(
      'provider_unreachable',
      `The identity provider's discovery document could not be read: ${(err as Error).message}`,
    );
  }
}

/** Only same-app paths, so the sign-in cannot be turned into a redirect elsewhere. */
export const safeNext = (next: unknown) =>
  typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';

/** Step one: where to send the browser, and the sealed flow (state, nonce, PKCE verifier) for a short-lived cookie. */
export async function startSso(
  deps: { db: Db; config: KoeConfig },
  workspaceId: string,
  redirectUri: string,
  next: string,
): Promise<{ url: string; sealedFlow: string }> {
  const settings = await securitySettings.get(deps.db, workspaceId);
  const config = await providerConfig(deps.config.secretKey, settings);
  const flow: Flow = {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    verifier: oidc.randomPKCECodeVerifier(),
    next: safeNext(next),
    at: Date.now(),
  };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: 'S256',
  });
  return { url: url.href, sealedFlow: encryptSecret(deps.config.secretKey, JSON.stringify(flow)) };
}

/** Step two: the provider sent the browser back; exchange the code, check the ID token, find the agent. */
export async function finishSso(
  deps: { db: Db; config: KoeConfig },
  workspaceId: string,
  currentUrl: URL,
  sealedFlow: string | undefined,
  ip: string,
): Promise<{ agent: Agent; next: string }> {
  const providerError = currentUrl.searchParams.get('error');
  if (providerError) throw new SsoError('denied', `The identity provider answered ${providerError}`);
  let flow: Flow;
  try {
    flow = FlowSchema.parse(JSON.parse(decryptSecret(deps.config.secretKey, sealedFlow ?? '')));
  } catch {
    throw new SsoError('expired', 'The sign-in started in another browser or too long ago');
  }
  if (Date.now() - flow.at > FLOW_MINUTES * 60_000) throw new SsoError('expired', 'The sign-in took too long');
  const settings = await securitySettings.get(deps.db, workspaceId);
  const config = await providerConfig(deps.config.secretKey, settings);
  let claims: Record<string, unknown>;
  try {
    const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims()!;
    claims = { ...idToken };
    // Many providers keep the ID token to `sub` and serve email from UserInfo (checked to be about the same `sub`).
    if (typeof claims.email !== 'string')
      claims = { ...claims, ...(await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub)) };
  } catch (err) {
    throw new SsoError('invalid_response', `The identity provider's answer was refused: ${(err as Error).message}`);
  }
  const email = typeof claims.email === 'string' ? claims.email : null;
  if (!email) throw new SsoError('no_email', 'The identity provider did not share an email address (scope "email")');
  // Providers that do not send email_verified at all (some enterprise directories) are trusted; an explicit false is not.
  if (claims.email_verified === false)
    throw new SsoError('email_unverified', `${email} is not verified at the identity provider`);
  const found = await agents.byEmail(deps.db, email);
  if (!found?.active || found.workspaceId !== workspaceId) {
    await audit.log(deps.db, {
      workspaceId,
      actor: byAnonymous(email),
      action: 'auth.sso_refused',
      detail: { ip, issuer: settings.sso.issuer, reason: 'no_account' },
    });
    throw new SsoError('no_account', `No active agent has the email ${email}`);
  }
  const { passwordHash: _hash, ...agent } = found;
  await audit.log(deps.db, {
    workspaceId,
    actor: byAgent(agent),
    action: 'auth.login',
    detail: { ip, sso: settings.sso.issuer },
  });
  return { agent, next: flow.next };
}
