import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, dialects, freshDatabase, startKoe, type TestDatabase } from './harness';

const BIN = path.resolve(import.meta.dirname, '../../bin/koe.mjs');
const koe = (args: string[], env: Record<string, string | undefined>) =>
  spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, KOE_LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('the koe command', () => {
  it('prints help', () => {
    const r = koe(['--help'], {});
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('koe start');
    expect(r.stdout).toContain('koe create-admin');
    expect(koe(['frobnicate'], {}).status).toBe(2);
  });

  it('refuses an invalid configuration with a clear message', () => {
    const r = koe(['migrate'], { PORT: 'abc' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('PORT');
  });

  it('refuses a web or worker process on SQLite, saying what to set', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'koe-role-'));
    const web = koe(['start', '--role', 'web'], { KOE_DATA_DIR: dir, KOE_DATABASE_URL: '' });
    expect(web.status).toBe(2);
    expect(web.stderr).toContain('must share a PostgreSQL database: set KOE_DATABASE_URL');
    const worker = koe(['start'], { KOE_DATA_DIR: dir, KOE_DATABASE_URL: '', KOE_ROLE: 'worker' });
    expect(worker.status).toBe(2);
    expect(worker.stderr).toContain('koe start --role worker');
  });
});

describe.each(dialects)('koe migrate and create-admin (%s)', (dialect) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase(dialect);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('migrates, creates the first admin, who can then sign in', async () => {
    const env = { KOE_DATA_DIR: db.dataDir, KOE_DATABASE_URL: db.url };
    const m = koe(['migrate'], env);
    expect(m.stderr).toBe('');
    expect(m.stdout).toMatch(/Applied: 001_core/);
    expect(koe(['migrate'], env).stdout).toContain('up to date');
    expect(
      koe(
        [
          'create-admin',
          '--workspace',
          'Koeマート',
          '--email',
          'ops@koe.example',
          '--name',
          '運用担当',
          '--password',
          'short',
        ],
        env,
      ).status,
    ).toBe(2);
    const r = koe(['create-admin', '--workspace', 'Koeマート', '--email', 'ops@koe.example', '--name', '運用担当'], {
      ...env,
      KOE_ADMIN_PASSWORD: 'cli-password-123',
    });
    expect(r.stdout).toContain('Created admin ops@koe.example');
    expect(
      koe(['create-admin', '--email', 'ops@koe.example', '--name', 'x', '--password', 'cli-password-123'], env).status,
    ).toBe(1);

    const server = await startKoe(db);
    try {
      const c = new Client(server.base);
      expect((await c.get('/api/setup')).body.needsSetup).toBe(false);
      expect(
        (await c.post('/api/auth/login', { email: 'ops@koe.example', password: 'cli-password-123' })).body.agent.role,
      ).toBe('admin');
    } finally {
      await server.stop();
    }
  });
});
