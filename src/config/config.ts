import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Every setting Koe reads from the environment, validated once at start-up. Documented in README. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  KOE_HOST: z.string().min(1).default('localhost'),
  KOE_DATA_DIR: z.string().min(1).default('./data'),
  KOE_DATABASE_URL: z.string().optional(),
  KOE_SECRET_KEY: z.string().optional(),
  KOE_PUBLIC_URL: z.string().url().optional(),
  KOE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KOE_SESSION_DAYS: z.coerce.number().positive().default(14),
  KOE_LOGIN_MAX_PER_MINUTE: z.coerce.number().int().positive().default(10),
  /** Wrong passwords for one account, from browsers that never signed in to it, before such sign-ins pause. */
  KOE_LOGIN_ACCOUNT_MAX_FAILURES: z.coerce.number().int().positive().default(10),
  KOE_LOGIN_LOCK_MINUTES: z.coerce.number().positive().default(15),
  /** Which reverse proxies may say who the client is (X-Forwarded-For/-Proto): none, a hop count, or addresses. */
  KOE_TRUST_PROXY: z.string().default(''),
  KOE_SANDBOX: z.enum(['0', '1', 'true', 'false', '']).default('0'),
  KOE_SANDBOX_RATE: z.coerce.number().min(0).max(600).default(6),
  KOE_SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Days of past conversations the in-process sandbox writes into a fresh desk (0: none). */
  KOE_SANDBOX_HISTORY_DAYS: z.coerce.number().int().min(0).max(366).default(0),
  /** Outgoing mail for notification emails, e.g. smtp://user:pass@mail.example.com:587 (smtps:// for implicit TLS). */
  KOE_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/]+/i, 'must be smtp://[user:pass@]host[:port] or smtps://…')
    .optional()
    .or(z.literal('')),
  KOE_MAIL_FROM: z.string().min(3).default('Koe <koe@localhost>'),
  /** How often each listening query searches X (Instagram: at most every 5 minutes). */
  /** The answer bot's link to a help article: a URL with `{id}` (and optionally `{lang}`) for the article. */
  KOE_HELP_ARTICLE_URL: z
    .string()
    .url()
    .refine((u) => u.includes('{id}'), 'must contain {id}')
    .optional()
    .or(z.literal('')),
  /** Optional language model for reply drafts: an OpenAI-compatible chat-completions endpoint (base URL, …/v1). */
  KOE_LLM_URL: z.string().url().optional().or(z.literal('')),
  KOE_LLM_MODEL: z.string().max(200).optional(),
  KOE_LLM_API_KEY: z.string().max(1000).optional(),
  KOE_LISTENING_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(60),
  /** On SIGTERM/SIGINT: how long in-flight requests and jobs may take to finish before the process exits anyway. */
  KOE_SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().positive().max(3600).default(20),
  /** The built web app to serve; unset = dist/web in the installation, built on first start when missing. */
  KOE_WEB_DIST: z.string().min(1).optional(),
  /** What this process does: everything (default), HTTP only (web) or jobs and background work only (worker). */
  KOE_ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  /** Redis for realtime fan-out and singleton leases across processes, e.g. redis://127.0.0.1:6379. */
  KOE_REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//i, 'must be redis://[user:pass@]host[:port][/db] or rediss://…')
    .optional()
    .or(z.literal('')),
  /** Prefix of every Redis key and channel Koe uses (several desks may share one Redis). */
  KOE_REDIS_PREFIX: z.string().min(1).default('koe:'),
  /** A claimed job's lock and a singleton's lease: what a process that dies leaves to others after this long. */
  KOE_LEASE_SECONDS: z.coerce.number().min(1).max(3600).default(15),
});

export interface KoeConfig {
  port: number;
  host: string;
  dataDir: string;
  /** undefined = embedded SQLite file in dataDir */
  databaseUrl?: string;
  /** 32-byte key for encrypting channel credentials at rest */
  secretKey: Buffer;
  publicUrl?: string;
  logLevel: string;
  sessionDays: number;
  loginMaxPerMinute: number;
  /** Per-account lock for sign-ins from unknown browsers: failures within `lockMinutes`, then a pause as long. */
  loginLock: { maxFailures: number; lockMinutes: number };
  /** Fastify's trustProxy: false (default), a hop count, or proxy addresses/CIDRs. */
  trustProxy: false | number | string[];
  /** Demo mode: simulated platforms on loopback, connected to this desk, with customer traffic flowing. */
  sandbox: { enabled: boolean; ratePerMinute: number; port: number; historyDays: number };
  /** Notification emails (desk settings → external notifications); without smtpUrl they fail with a clear error. */
  mail: { smtpUrl?: string; from: string };
  /** Listening queries: seconds between searches of one query. */
  listening: { intervalSeconds: number };
  /** Operations: the drain deadline on shutdown; a web app directory other than the installation's own. */
  shutdownTimeoutMs: number;
  webDist?: string;
  /** The answer bot links help articles here (`{id}`, `{lang}` filled in); unset: it names the article instead. */
  helpArticleUrl?: string;
  /** The optional language model for agents' reply drafts (never sends anything); unset: no drafts. */
  llm?: { url: string; model: string; apiKey?: string };
  /** `all`: one process does everything; `web` and `worker` split it across processes (docs/scale.md). */
  role: KoeRole;
  /** Unset url: realtime stays in this process (the embedded shape). */
  redis: { url?: string; prefix: string };
  leaseMs: number;
}

export type KoeRole = 'all' | 'web' | 'worker';

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): KoeConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${issues}`);
  }
  const e = parsed.data;
  // Next to the desk by default; with PORT=0 (tests) the sandbox picks a free port too.
  const sandboxPort = e.KOE_SANDBOX_PORT ?? (e.PORT === 0 ? 0 : e.PORT + 1);
  if (sandboxPort !== 0 && sandboxPort === e.PORT)
    throw new ConfigError('Invalid configuration: KOE_SANDBOX_PORT must differ from PORT');
  if (sandboxPort > 65535)
    throw new ConfigError(
      'Invalid configuration: KOE_SANDBOX_PORT defaults to PORT+1, which is out of range; set KOE_SANDBOX_PORT',
    );
  const dataDir = path.resolve(e.KOE_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  return {
    port: e.PORT,
    host: e.KOE_HOST,
    dataDir,
    databaseUrl: e.KOE_DATABASE_URL || undefined,
    secretKey: resolveSecretKey(e.KOE_SECRET_KEY, dataDir),
    publicUrl: e.KOE_PUBLIC_URL?.replace(/\/$/, ''),
    logLevel: e.KOE_LOG_LEVEL,
    sessionDays: e.KOE_SESSION_DAYS,
    loginMaxPerMinute: e.KOE_LOGIN_MAX_PER_MINUTE,
    loginLock: { maxFailures: e.KOE_LOGIN_ACCOUNT_MAX_FAILURES, lockMinutes: e.KOE_LOGIN_LOCK_MINUTES },
    trustProxy: parseTrustProxy(e.KOE_TRUST_PROXY),
    sandbox: {
      enabled: e.KOE_SANDBOX === '1' || e.KOE_SANDBOX === 'true',
      ratePerMinute: e.KOE_SANDBOX_RATE,
      historyDays: e.KOE_SANDBOX_HISTORY_DAYS,
      port: sandboxPort,
    },
    mail: { smtpUrl: e.KOE_SMTP_URL || undefined, from: e.KOE_MAIL_FROM },
    listening: { intervalSeconds: e.KOE_LISTENING_INTERVAL_SECONDS },
    shutdownTimeoutMs: e.KOE_SHUTDOWN_TIMEOUT_SECONDS * 1000,
    webDist: e.KOE_WEB_DIST ? path.resolve(e.KOE_WEB_DIST) : undefined,
    helpArticleUrl: e.KOE_HELP_ARTICLE_URL || undefined,
    llm: e.KOE_LLM_URL
      ? { url: e.KOE_LLM_URL.replace(/\/$/, ''), model: e.KOE_LLM_MODEL || 'gpt-4o-mini', apiKey: e.KOE_LLM_API_KEY }
      : undefined,
    role: e.KOE_ROLE,
    redis: { url: e.KOE_REDIS_URL || undefined, prefix: e.KOE_REDIS_PREFIX },
    leaseMs: e.KOE_LEASE_SECONDS * 1000,
  };
}

const PROXY_KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}(\/([12]?\d|3[0-2]))?$/;
const IPV6 = /^[0-9a-f:]*:[0-9a-f:.]*(\/(12[0-8]|1[01]\d|\d?\d))?$/i;

/**
 * Only proxies named here may set the client address: trusting every hop (as "behind a proxy" often means) lets any
 * client write its own X-Forwarded-For and walk past per-address limits. Empty = trust none.
 */
export function parseTrustProxy(value: string): KoeConfig['trustProxy'] {
  const v = value.trim();
  if (v === '' || v === '0' || v === 'false') return false;
  if (/^\d+$/.test(v)) return Number(v);
  if (v === 'true')
    throw new ConfigError(
      "Invalid configuration: KOE_TRUST_PROXY=true would trust any client's X-Forwarded-For; give a hop count (e.g. 1) or the proxies' addresses",
    );
  const list = v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  const bad = list.filter((x) => !PROXY_KEYWORDS.has(x) && !IPV4.test(x) && !IPV6.test(x));
  if (bad.length)
    throw new ConfigError(
      `Invalid configuration: KOE_TRUST_PROXY: not an address, CIDR, hop count or loopback/linklocal/uniquelocal: ${bad.join(', ')}`,
    );
  return list;
}

/**
 * KOE_SECRET_KEY may be 64 hex chars or base64 of 32 bytes. When absent, a key is generated once into
 * the data directory so that encrypted credentials survive restarts.
 */
export function resolveSecretKey(value: string | undefined, dataDir: string): Buffer {
  if (value) return parseKey(value);
  const file = path.join(dataDir, 'secret.key');
  if (existsSync(file)) return parseKey(readFileSync(file, 'utf8').trim());
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600 });
  return key;
}

function parseKey(value: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32) throw new ConfigError('KOE_SECRET_KEY must be 32 bytes (64 hex characters or base64)');
  return key;
}
