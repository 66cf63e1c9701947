import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSqliteFile } from '../../src/store/sqlite-backup';
import { ADMIN, Client, dialects, openDesk, startKoe, Visitor, type OpenDesk } from './harness';

const BIN = path.resolve(import.meta.dirname, '../../bin/koe.mjs');

function koe(args: string[], dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const p = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, KOE_DATA_DIR: dataDir, KOE_DATABASE_URL: '', KOE_LOG_LEVEL: 'silent' },
  });
  let stdout = '';
  let stderr = '';
  p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => p.once('exit', (code) => resolve({ code, stdout, stderr })));
}

const customerTexts = (file: string) => {
  const db = new SQLite(file, { readonly: true });
  try {
    return (db.prepare("select text from messages where kind = 'customer'").all() as { text: string }[]).map(
      (m) => m.text,
    );
  } finally {
    db.close();
  }
};

// SQLite only: PostgreSQL is backed up with pg_dump (docs/production.md).
describe.runIf(dialects.includes('sqlite'))('koe backup and koe restore (sqlite)', () => {
  let desk: OpenDesk;
  beforeAll(async () => {
    desk = await openDesk('sqlite');
  });
  afterAll(async () => {
    await desk.close();
  });

  it('backs up while customers write, refuses to restore under a running desk, then restores', async () => {
    const { dataDir } = desk.db;
    const backupFile = path.join(dataDir, 'nightly.sqlite');
    await desk.write('バックアップ前のお問い合わせ');

    let writing = true;
    let acknowledged = 0;
    const visitor = new Visitor(desk.koe.base, desk.channel.publicKey);
    await visitor.open();
    const writer = (async () => {
      for (let i = 0; writing; i++) if ((await visitor.say(`書き込み中 ${i}`)).status < 300) acknowledged++;
    })();
    const backedUp = await koe(['backup', backupFile], dataDir);
    const duringBackup = acknowledged;
    writing = false;
    await writer;
    expect(backedUp.code).toBe(0);
    expect(backedUp.stdout).toContain('Backed up');
    expect(duringBackup).toBeGreaterThan(0); // the desk kept acknowledging while the backup ran
    expect(checkSqliteFile(backupFile)).toBeNull();
    expect(customerTexts(backupFile)).toContain('バックアップ前のお問い合わせ');

    const refused = await koe(['restore', backupFile], dataDir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/A desk \(process \d+\) is running/);

    await desk.koe.stop();
    const garbage = path.join(dataDir, 'not-a-backup.sqlite');
    writeFileSync(garbage, 'hello');
    expect((await koe(['restore', garbage], dataDir)).code).toBe(1);

    const restored = await koe(['restore', backupFile], dataDir);
    expect(restored.code).toBe(0);
    const kept = readdirSync(dataDir).filter((f) => f.startsWith('koe.sqlite.before-restore-'));
    expect(kept).toHaveLength(1);
    // The replaced database is intact beside it, with everything written after the backup.
    expect(customerTexts(path.join(dataDir, kept[0]))).toContain(`書き込み中 ${acknowledged - 1}`);

    desk.koe = await startKoe(desk.db);
    const admin = new Client(desk.koe.base);
    await admin.post('/api/auth/login', { email: ADMIN.adminEmail, password: ADMIN.adminPassword });
    const conversations = (await admin.get('/api/conversations?limit=100')).body.items as any[];
    expect(conversations.map((c) => c.preview)).toContain('バックアップ前のお問い合わせ');
  }, 60_000);
});
