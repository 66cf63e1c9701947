import { createHmac } from 'node:crypto';
import { DeliveryError } from '../types';
import type { MetaCredentials } from './credentials';

/** Graph error codes that mean "slow down" even when the HTTP status is 400. */
const THROTTLE_CODES = new Set([4, 17, 32, 613]);
const DEFAULT_RETRY_AFTER_MS = 60_000;
const TIMEOUT_MS = 15_000;

interface GraphErrorBody {
  error?: { message?: string; code?: number; error_subcode?: number; fbtrace_id?: string };
}

function retryAfterMs(header: string | null): number {
  if (!header) return DEFAULT_RETRY_AFTER_MS;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? DEFAULT_RETRY_AFTER_MS : Math.max(0, at - Date.now());
}

/** Maps a failed Graph response to what the outbox should do: wait, back off, or give up with Graph's reason. */
export function graphFailure(status: number, retryAfter: string | null, body: unknown): DeliveryError {
  const err = (body as GraphErrorBody | null)?.error;
  const reason = err?.message
    ? `Meta: ${err.message}${err.code ? ` (code ${err.code})` : ''}`
    : `Meta Graph API answered HTTP ${status}`;
  if (status === 429 || (err?.code !== undefined && THROTTLE_CODES.has(err.code)))
    return new DeliveryError(reason, false, retryAfterMs(retryAfter));
  if (status >= 500) return new DeliveryError(reason, false);
  return new DeliveryError(reason, true);
}

/** A thin Graph API client over fetch; the base URL comes from the credentials so a simulator can stand in. */
export class GraphClient {
  constructor(
    private creds: MetaCredentials,
    private fetchImpl: typeof fetch = fetch,
  ) {}

  private url(path: string, query: Record<string, string> = {}): string {
    const u = new URL(
      `${this.creds.graphBaseUrl.replace(/\/$/, '')}/${this.creds.graphVersion}/${path.replace(/^\//, '')}`,
    );
    for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
    // appsecret_proof lets the page require that every call comes from the app holding the secret.
    u.searchParams.set(
      'appsecret_proof',
      createHmac('sha256', this.creds.appSecret).update(this.creds.pageAccessToken).digest('hex'),
    );
    return u.toString();
  }

  async request<T>(
    method: 'GET' | 'POST',
    path: string,
    opts: { query?: Record<string, string>; body?: unknown } = {},
  ): Promise<T> {
    let res: Response;
    try {
      res = await this.fetchImpl(this.url(path, opts.query), {
        method,
        headers: {
          authorization: `Bearer ${this.creds.pageAccessToken}`,
          ...(opts.body ? { 'content-type': 'application/json' } : {}),
        },
        body: opts.body ? JSON.stringify(opts.body) : undefined,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (e) {
      throw new DeliveryError(`Meta Graph API unreachable: ${e instanceof Error ? e.message : String(e)}`, false);
    }
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      /* an HTML error page from a proxy */
    }
    if (!res.ok) throw graphFailure(res.status, res.headers.get('retry-after'), json);
    return json as T;
  }

  post = <T>(path: string, body: unknown) => this.request<T>('POST', path, { body });
  get = <T>(path: string, query?: Record<string, string>) => this.request<T>('GET', path, { query });
}
