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
  KOE_SANDBOX: z.enum(['0', '1', 'true', 'false', '']).default('0'),
  KOE_SANDBOX_RATE: z.coerce.number().min(0).max(600).default(6),
  KOE_SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Outgoing mail for notification emails, e.g. smtp://user:pass@mail.example.com:587 (smtps:// for implicit TLS). */
  KOE_SMTP_URL: z.string().regex(/^smtps?:\/\/[^/]+/i, 'must be smtp://[user:pass@]host[:port] or smtps://…').optional().or(z.literal('')),
  KOE_MAIL_FROM: z.string().min(3).default('Koe <koe@localhost>'),
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
  /** Demo mode: simulated platforms on loopback, connected to this desk, with customer traffic flowing. */
  sandbox: { enabled: boolean; ratePerMinute: number; port: number };
  /** Notification emails (desk settings → external notifications); without smtpUrl they fail with a clear error. */
  mail: { smtpUrl?: string; from: string };
}

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
  if (sandboxPort !== 0 && sandboxPort === e.PORT) throw new ConfigError('Invalid configuration: KOE_SANDBOX_PORT must differ from PORT');
  if (sandboxPort > 65535) throw new ConfigError('Invalid configuration: KOE_SANDBOX_PORT defaults to PORT+1, which is out of range; set KOE_SANDBOX_PORT');
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
    sandbox: { enabled: e.KOE_SANDBOX === '1' || e.KOE_SANDBOX === 'true', ratePerMinute: e.KOE_SANDBOX_RATE, port: sandboxPort },
    mail: { smtpUrl: e.KOE_SMTP_URL || undefined, from: e.KOE_MAIL_FROM },
  };
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
