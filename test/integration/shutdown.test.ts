import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shutDown } from '../../src/server/shutdown';
import { ADMIN, Client, dialects, freshDatabase, startKoe, waitFor, type TestDatabase } from './harness';

const BIN = path.resolve(import.meta.dirname, '../../bin/koe.mjs');

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** A POST whose body arrives in two parts: in flight from the first byte until `finish` sends the rest. */
function slowPost(base: string, url: string, body: string) {
  const u = new URL(url, base);
  const req = http.request({
    host: u.hostname,
    port: u.port,
    path: u.pathname,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
  });
  const half = Math.floor(body.length / 2);
  req.write(body.slice(0, half));
  return { finish: () => req.end(body.slice(half)), response };
}

describe.each(dialects)('graceful shutdown of koe start (%s)', (dialect) => {
  let db: TestDatabase;
  let proc: ChildProcess | undefined;
  beforeAll(async () => {
    db = await freshDatabase(dialect);
  });
  afterAll(async () => {
    proc?.kill('SIGKILL');
    await db.drop();
  });

  it('on SIGTERM ends event streams, refuses new connections, finishes the request in flight and exits 0', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    proc = spawn(process.execPath, [BIN, 'start'], {
      env: {
        ...process.env,
        PORT: String(port),
        KOE_HOST: '127.0.0.1',
        KOE_DATA_DIR: db.dataDir,
        KOE_DATABASE_URL: db.url ?? '',
        KOE_WEB_DIST: path.join(db.dataDir, 'no-web'),
        KOE_LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const exited = new Promise<number | null>((r) => proc!.once('exit', (code) => r(code)));
    await waitFor(
      () =>
        fetch(`${base}/readyz`).then(
          (r) => r.ok,
          () => false,
        ),
      30_000,
    );

    const admin = new Client(base);
    expect((await admin.post('/api/setup', ADMIN)).status).toBe(201);
    const events = await admin.raw('GET', '/api/events');
    expect(events.headers.get('content-type')).toContain('text/event-stream');
    const streamEnded = (async () => {
      const reader = events.body!.getReader();
      while (!(await reader.read()).done);
      return true;
    })();
    const login = slowPost(
      base,
      '/api/auth/login',
      JSON.stringify({ email: ADMIN.adminEmail, password: ADMIN.adminPassword }),
    );
    await new Promise((r) => setTimeout(r, 200)); // the first half has reached the server

    proc.kill('SIGTERM');
    expect(await streamEnded).toBe(true); // ended by the server, not by this test
    await waitFor(
      () =>
        fetch(`${base}/healthz`).then(
          () => false,
          () => true,
        ),
      5_000,
    ); // no longer accepting
    expect(proc.exitCode).toBeNull(); // still draining: the login is in flight
    login.finish();
    const answered = await login.response;
    expect(answered.status).toBe(200);
    expect(JSON.parse(answered.body).agent.email).toBe(ADMIN.adminEmail);
    expect(await exited).toBe(0);
    proc = undefined;
  }, 60_000);
});

describe.each(dialects)('shutDown (%s)', (dialect) => {
  it('lets a running job finish before the database closes', async () => {
    const db = await freshDatabase(dialect);
    const server = await startKoe(db);
    try {
      const { koe, app } = server;
      let started = false;
      let finished = false;
      koe.jobs.register('test.slow', async () => {
        started = true;
        await new Promise((r) => setTimeout(r, 400));
        finished = true;
      });
      await koe.jobs.enqueue('test.slow', {});
      await waitFor(async () => started);
      expect(await shutDown({ app, koe }, 5_000)).toBe(true);
      expect(finished).toBe(true);
      expect(koe.readiness.draining).toBe(true);
    } finally {
      await db.drop();
    }
  });

  it('gives up at the deadline when a job outlasts it', async () => {
    const db = await freshDatabase(dialect);
    const server = await startKoe(db);
    let release = () => {};
    try {
      const { koe, app } = server;
      let started = false;
      koe.jobs.register('test.stuck', async () => {
        started = true;
        await new Promise<void>((r) => (release = r));
      });
      await koe.jobs.enqueue('test.stuck', {});
      await waitFor(async () => started);
      expect(await shutDown({ app, koe }, 150)).toBe(false);
    } finally {
      release();
      await new Promise((r) => setTimeout(r, 100));
      await db.drop();
    }
  });
});
