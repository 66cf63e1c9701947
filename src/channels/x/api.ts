import { X_API_BASE, type XCredentials } from './credentials';

const TIMEOUT_MS = 15_000;

export class XApiError extends Error {
  constructor(
    readonly status: number,
    readonly headers: Headers,
    message: string,
  ) {
    super(message);
  }
}

/** X v2 errors come as `{title, detail}` or `{errors: [{message}]}`. */
function reasonOf(status: number, body: unknown): string {
  const b = (body ?? {}) as { detail?: string; title?: string; errors?: { message?: string; detail?: string }[] };
  const first = b.errors?.[0];
  return `X: ${b.detail ?? first?.message ?? first?.detail ?? b.title ?? `HTTP ${status}`}`;
}

/** Milliseconds until X lets the caller try again, from Retry-After or the rate-limit window's reset time. */
export function rateLimitWaitMs(headers: Headers, now = Date.now()): number | undefined {
  const retryAfter = Number(headers.get('retry-after'));
  if (headers.get('retry-after') !== null && Number.isFinite(retryAfter)) return Math.max(0, retryAfter * 1000);
  const reset = Number(headers.get('x-rate-limit-reset'));
  if (headers.get('x-rate-limit-reset') !== null && Number.isFinite(reset)) return Math.max(1000, reset * 1000 - now);
  return undefined;
}

export async function xRequest<T>(
  creds: XCredentials,
  token: string,
  method: 'GET' | 'POST',
  pathAndQuery: string,
  body?: unknown,
): Promise<{ data: T; headers: Headers }> {
  const base = (creds.apiBaseUrl ?? X_API_BASE).replace(/\/$/, '');
  const res = await fetch(base + pathAndQuery, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  let json: unknown = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    /* keep {} */
  }
  if (!res.ok) throw new XApiError(res.status, res.headers, reasonOf(res.status, json));
  return { data: json as T, headers: res.headers };
}
