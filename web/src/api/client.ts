// Thin fetch wrapper: same-origin cookies, CSRF header on writes, problem+json errors.

export interface FieldError {
  path: string;
  message: string;
  /** A stable name the UI can translate (e.g. `too_common` for a refused password). */
  code?: string;
}

/** An error answered by the Koe API (application/problem+json) or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | null;
  readonly errors: FieldError[];
  /** The server's stable name for this error (e.g. `account_locked`), shown in the reader's language. */
  readonly code: string | null;

  constructor(
    status: number,
    title: string,
    detail: string | null,
    errors: FieldError[] = [],
    code: string | null = null,
  ) {
    super(detail ?? title);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
    this.code = code;
  }
}

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
// Endpoints whose 401 is an expected answer, not "your session ended".
const NO_REDIRECT_ON_401 = ['/api/auth/login', '/api/setup'];

let onUnauthorized: (() => void) | null = null;

/** The app registers how to react when the session is gone (navigate to /login). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

type Query = Record<string, string | number | null | undefined>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function apiRequest<T>(
  method: string,
  path: string,
  body?: unknown,
  opts: { keepalive?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (WRITE_METHODS.has(method)) {
    const csrf = readCookie('koe_csrf');
    if (csrf) headers['x-csrf-token'] = csrf;
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      // Goes out even as the page unloads (a tab closing says it left the conversation).
      keepalive: opts.keepalive,
    });
  } catch {
    throw new ApiError(0, 'Network error', null);
  }

  if (response.status === 401 && !NO_REDIRECT_ON_401.some((p) => path.startsWith(p))) {
    onUnauthorized?.();
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function toApiError(response: Response): Promise<ApiError> {
  try {
    const problem = (await response.json()) as {
      title?: string;
      detail?: string;
      errors?: FieldError[];
      code?: string;
    };
    return new ApiError(
      response.status,
      problem.title ?? response.statusText,
      problem.detail ?? null,
      Array.isArray(problem.errors) ? problem.errors : [],
      typeof problem.code === 'string' ? problem.code : null,
    );
  } catch {
    return new ApiError(response.status, response.statusText || `HTTP ${response.status}`, null);
  }
}

export const api = {
  get: <T>(path: string, query?: Query) => apiRequest<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => apiRequest<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => apiRequest<T>('PUT', path, body),
  delete: <T = void>(path: string, opts?: { keepalive?: boolean }) => apiRequest<T>('DELETE', path, undefined, opts),
};
