import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/**
 * A small OpenID Connect provider on loopback for the single sign-on tests (the `oidc-provider` library, which signs
 * real ID tokens and checks PKCE). Its sign-in page is one form: the person picks which account they are, and the
 * test (or the browser test's click) decides. Accounts are given by the test.
 */
export interface IdpAccount {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export async function startIdp(opts: {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  accounts: IdpAccount[];
}) {
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map(opts.accounts.map((a) => [a.sub, a]));
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: opts.clientId,
        client_secret: opts.clientSecret,
        redirect_uris: opts.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const a = accounts.get(sub);
      return a ? { accountId: sub, claims: async () => ({ ...a }) } : undefined;
    },
    cookies: { keys: ['koe-test-idp-cookie-key'] },
    // A fresh signing key per provider (the library's built-in development keys print a warning).
    jwks: {
      keys: [
        {
          ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
          kid: 'test',
          use: 'sig',
          alg: 'RS256',
        },
      ],
    },
  });
  provider.proxy = false;
  const callback = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string) {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET' && details.prompt.name === 'login') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><title>Test IdP</title><h1>Test IdP</h1><form method="post" action="/interaction/${uid}">${[
          ...accounts.values(),
        ]
          .map((a) => `<button name="sub" value="${a.sub}">${a.email ?? a.sub}</button>`)
          .join('')}</form>`,
      );
      return;
    }
    if (details.prompt.name === 'login') {
      const body = await new Promise<string>((r) => {
        let s = '';
        req.on('data', (c) => (s += c));
        req.on('end', () => r(s));
      });
      const sub = new URLSearchParams(body).get('sub') ?? '';
      await provider.interactionFinished(req, res, { login: { accountId: sub } }, { mergeWithLastSubmission: false });
      return;
    }
    // Consent is implied for the test client: grant what it asked for.
    const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: opts.clientId });
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    await provider.interactionFinished(
      req,
      res,
      { consent: { grantId: await grant.save() } },
      { mergeWithLastSubmission: true },
    );
  }

  server.on('request', (req, res) => {
    const m = /^\/interaction\/([^/?]+)/.exec(req.url ?? '');
    if (m)
      void interaction(req, res, m[1]).catch((err: Error) => {
        res.writeHead(500);
        res.end(err.message);
      });
    else callback(req, res);
  });
  return { issuer, accounts, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A browser for the redirect dance: one cookie jar per origin, redirects followed by hand. */
export class RedirectBrowser {
  private jars = new Map<string, Map<string, string>>();

  cookies(origin: string): Map<string, string> {
    let jar = this.jars.get(origin);
    if (!jar) this.jars.set(origin, (jar = new Map()));
    return jar;
  }

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const u = new URL(url);
    const jar = this.cookies(u.origin);
    const headers: Record<string, string> = {};
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(u, {
      method: init.method ?? 'GET',
      headers,
      redirect: 'manual',
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const [k, v] = [pair.slice(0, i), pair.slice(i + 1)];
      if (v === '' || /expires=Thu, 01 Jan 1970/i.test(c) || /max-age=0/i.test(c)) jar.delete(k);
      else jar.set(k, v);
    }
    return res;
  }

  /**
   * From Koe's "sign in with SSO" link to wherever Koe finally sends the browser, picking `sub` on the provider's
   * sign-in form. Returns the last URL (Koe's page after sign-in, or /login?sso_error=…).
   */
  async signIn(startUrl: string, sub: string, koeOrigin: string): Promise<URL> {
    let url = startUrl;
    for (let hops = 0; hops < 20; hops++) {
      const res = await this.request(url);
      const location = res.headers.get('location');
      if (location) {
        await res.arrayBuffer();
        const next = new URL(location, url);
        // Back at Koe outside the SSO routes: the journey is over.
        if (next.origin === koeOrigin && !next.pathname.startsWith('/api/auth/sso/')) return next;
        url = next.href;
        continue;
      }
      const html = await res.text();
      const form = /<form method="post" action="([^"]+)"/.exec(html);
      if (!form) throw new Error(`Unexpected page at ${url}: ${res.status} ${html.slice(0, 200)}`);
      const posted = await this.request(new URL(form[1], url).href, { method: 'POST', form: { sub } });
      await posted.arrayBuffer();
      url = new URL(posted.headers.get('location')!, url).href;
    }
    throw new Error('Too many redirects');
  }
}
