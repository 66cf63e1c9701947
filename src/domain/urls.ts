const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Plain http to this machine: a service under test or a local relay, the one place Koe accepts http. */
export const isLoopbackHttp = (u: URL): boolean => u.protocol === 'http:' && LOOPBACK.has(u.hostname);

/**
 * The problem with a URL Koe will call (an outgoing webhook, an identity provider), or null: https anywhere, plain
 * http only to this machine. `refuse` names parts a caller does not allow (credentials, a query string).
 */
export function outboundUrlProblem(raw: string, refuse: (u: URL) => string | null): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'is not a valid URL';
  }
  const refused = refuse(u);
  if (refused) return refused;
  if (u.protocol === 'https:' || isLoopbackHttp(u)) return null;
  return 'must be an https:// URL (http:// only for localhost / 127.0.0.1)';
}
