import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, dialects, freshDatabase, seededDesk, waitFor, type TestDatabase } from '../harness';
import { samplePayload, SECRETS } from './platform-desk';

/**
 * Nothing acknowledged is lost: a Koe process is killed with SIGKILL while signed LINE webhooks arrive from several
 * clients at once; after a restart on the same database, every delivery that got a 200 is a message, exactly once.
 */
const CHILD = path.join(import.meta.dirname, 'crash-child.ts');

function startChild(db: TestDatabase): Promise<{ proc: ChildProcess; base: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, KOE_DATA_DIR: db.dataDir, ...(db.url ? { KOE_DATABASE_URL: db.url } : {}) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /KOE_PORT=(\d+)/.exec(out);
      if (m) resolve({ proc, base: `http://127.0.0.1:${m[1]}` });
    });
    proc.once('exit', (code) => reject(new Error(`Koe exited early (${code})`)));
  });
}

describe.each(dialects)('kill -9 under webhook load (%s)', (dialect) => {
  let db: TestDatabase;
  let child: { proc: ChildProcess; base: string };
  beforeAll(async () => {
    db = await freshDatabase(dialect);
  });
  afterAll(async () => {
    child?.proc.kill('SIGKILL');
    await db.drop();
  });

  it('keeps every acknowledged delivery, once, across a crash and restart', async () => {
    child = await startChild(db);
    const { admin } = await seededDesk(child.base);
    const channel = (
      await admin.post('/api/channels', {
        kind: 'line',
        name: 'LINE',
        credentials: { channelSecret: SECRETS.line, channelAccessToken: 't', apiBaseUrl: 'http://127.0.0.1:9' },
      })
    ).body;
    const acknowledged = new Set<string>();
    let sent = 0;
    let killed = false;
    const client = async (worker: number) => {
      for (let i = 0; !killed; i++) {
        const n = worker * 100_000 + i;
        const raw = JSON.stringify(samplePayload('line', n, `障害テスト ${n}`));
        sent++;
        try {
          const res = await fetch(`${child.base}/webhooks/line/${channel.id}`, {
            method: 'POST',
            body: raw,
            headers: {
              'content-type': 'application/json',
              'x-line-signature': createHmac('sha256', SECRETS.line).update(raw).digest('base64'),
            },
          });
          if (res.status === 200) acknowledged.add(`${9000000 + n}`);
          await res.arrayBuffer();
        } catch {
          return;
        } // the process is gone: this delivery was never acknowledged
      }
    };
    const clients = Array.from({ length: 8 }, (_, w) => client(w + 1));
    await waitFor(async () => acknowledged.size >= 300, 60_000);
    const exited = new Promise((r) => child.proc.once('exit', r));
    child.proc.kill('SIGKILL');
    killed = true;
    await Promise.all(clients);
    await exited;

    child = await startChild(db);
    const after = new Client(child.base);
    await after.post('/api/auth/login', { email: 'admin@koe.example', password: 'correct-horse-battery' });
    const messageIds = await waitFor(async () => {
      const r = await after.get('/api/admin/inbound-events?status=received&limit=1');
      if (r.body.items.length) return null;
      const rows = ((await after.get(`/api/admin/jobs?status=queued&limit=500`)).body.items as any[]).filter(
        (j) => j.name === 'inbound.process',
      );
      if (rows.length) return null;
      const all: string[] = [];
      for (let cursor: string | null = null, first = true; first || cursor; first = false) {
        const page: any = (
          await after.get(`/api/conversations?channel=${channel.id}&limit=100${cursor ? `&cursor=${cursor}` : ''}`)
        ).body;
        for (const c of page.items) {
          const msgs = (await after.get(`/api/conversations/${c.id}/messages`)).body.items as any[];
          for (const m of msgs) if (m.kind === 'customer') all.push(/障害テスト (\d+)/.exec(m.text)![1]);
        }
        cursor = page.nextCursor;
      }
      return all;
    }, 120_000);
    const stored = messageIds.map((n) => `${9000000 + Number(n)}`);
    const missing = [...acknowledged].filter((id) => !stored.includes(id));
    expect(missing).toEqual([]);
    expect(stored.length).toBe(new Set(stored).size); // exactly once
    expect(stored.length).toBeGreaterThanOrEqual(acknowledged.size);
    console.log(
      `crash ${dialect}: ${sent} sent, ${acknowledged.size} acknowledged before SIGKILL, ${stored.length} stored after restart, 0 lost, 0 duplicated`,
    );
  }, 240_000);
});
