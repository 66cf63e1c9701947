/**
 * What the benches that drive a running desk from outside share (`ingest`, `e2e`, `scale`): the servers of
 * bench/ingest-servers.ts in their own processes, `koe start --role …` processes on PostgreSQL and Redis, setting a
 * desk up through the API, correctly signed LINE webhooks, sending at a fixed rate (open loop), waiting for the job
 * backlog to drain and checking that every acknowledged message was stored once and processed — on SQLite or
 * PostgreSQL — and the CPU time of processes, read from /proc.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { Redis } from 'ioredis';
import pg from 'pg';

export const SECRET = 'bench-line-channel-secret';
const ROOT = path.resolve(import.meta.dirname, '..');
const SERVERS = path.join(import.meta.dirname, 'ingest-servers.ts');

export interface Server {
  port: number;
  proc: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Every child process a bench starts, until it exits: whatever is left when the bench's process exits (a server still
 * starting when an error or Ctrl-C came) is killed then, so none outlives the bench.
 */
const children = new Set<ChildProcess>();
function tracked(proc: ChildProcess): ChildProcess {
  children.add(proc);
  proc.once('exit', () => children.delete(proc));
  return proc;
}
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

/** Stops a child: SIGTERM, then SIGKILL if it is still there after `graceMs`. */
function stopper(proc: ChildProcess, graceMs = 10_000): () => Promise<void> {
  return () =>
    new Promise((r) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return r();
      const kill = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      proc.once('exit', () => {
        clearTimeout(kill);
        r();
      });
      proc.kill('SIGCONT'); // a paused process would never handle the SIGTERM
      proc.kill('SIGTERM');
    });
}

/** One of bench/ingest-servers.ts's servers in its own process, so the load generator does not share its event loop. */
export function startServer(
  mode: 'koe' | 'echo' | 'pipe' | 'line-api',
  env: Record<string, string> = {},
): Promise<Server> {
  const proc = tracked(
    fork(SERVERS, [mode], {
      // KOE_BENCH_CPU_PROF=<dir>: Koe writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
      execArgv: [
        '--import',
        'tsx',
        ...(mode === 'koe' && process.env.KOE_BENCH_CPU_PROF
          ? ['--cpu-prof', '--cpu-prof-dir', process.env.KOE_BENCH_CPU_PROF]
          : []),
      ],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    }),
  );
  return new Promise((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`${mode} server exited (${code})`)));
    proc.once('message', (m: { port: number }) => resolve({ port: m.port, proc, stop: stopper(proc) }));
  });
}

export interface KoeProcess extends Server {
  role: 'web' | 'worker';
  /** The last lines it wrote, for an error message. */
  output: string[];
}

/**
 * KOE_BENCH_CPU_PROF: each Koe process writes, in a folder named after its role, a V8 CPU profile there when it stops (open it in Chrome's DevTools);
 * this is how the per-message costs in docs/scale.md were found.
 */
const profiled = (role: string): string[] =>
  process.env.KOE_BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${path.join(process.env.KOE_BENCH_CPU_PROF, role)}`]
    : [];

/**
 * `node bin/koe.mjs start --role <role>` as an operator runs it (as test/integration/scale/multi-process.test.ts
 * does), resolved once it answers: a web process on its API, a worker on /healthz.
 */
export async function startKoeProcess(
  role: 'web' | 'worker',
  env: Record<string, string>,
  /** Told at once, before the process answers, so a cleanup can stop one that is still starting. */
  spawned: (p: KoeProcess) => void = () => {},
): Promise<KoeProcess> {
  const port = await freePort();
  const proc = tracked(
    spawn(process.execPath, [...profiled(role), path.join(ROOT, 'bin/koe.mjs'), 'start', '--role', role], {
      cwd: ROOT,
      // No web app: the benches use the API only (and `koe start` would otherwise build it on a fresh clone).
      env: { ...process.env, KOE_WEB_DIST: '/nonexistent', ...env, PORT: String(port), KOE_HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const p: KoeProcess = { role, proc, port, output: [], stop: stopper(proc) };
  spawned(p);
  const keep = (d: Buffer) => p.output.push(d.toString()) > 50 && p.output.shift();
  // The log (stdout, at the configured level: info by default, as deployed) is discarded, as the ingest bench does with
  // its Koe's; errors and what `bin/koe.mjs` says go to stderr, kept for an error message.
  proc.stdout!.resume();
  proc.stderr!.on('data', keep);
  const deadline = performance.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`koe start --role ${role} exited early:\n${p.output.join('')}`);
    const answer = await request(null, port, 'GET', role === 'worker' ? '/healthz' : '/api/auth/options', null, {})
      .then((r) => r.status)
      .catch(() => 0);
    if (answer > 0 && answer < 500) return p;
    if (performance.now() > deadline) {
      await p.stop();
      throw new Error(`koe start --role ${role} did not answer in 60 s:\n${p.output.join('')}`);
    }
    await sleep(100);
  }
}

/** The scaled shape on a scratch database: one web process and `workers` worker processes. */
export interface ScaledDesk {
  web: KoeProcess;
  workers: KoeProcess[];
  db: DeskDb;
}

/**
 * Starts the scaled shape on a fresh scratch database next to `pgUrl`'s and a unique Redis prefix: the web process and
 * the first worker together (they migrate the new database at once, as in the multi-process test), then the other
 * workers. Everything is undone by `clean` (processes stopped, the database dropped, the prefix's keys removed).
 */
export async function scaledDesk(
  pgUrl: string,
  redisUrl: string,
  workers: number,
  clean: Cleanups,
  label: string,
): Promise<ScaledDesk> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `koe-bench-${label}-`));
  clean.add(async () => rmSync(dataDir, { recursive: true, force: true }));
  const database = await scratchDatabase(pgUrl, label);
  clean.add(database.drop);
  const redis = redisPrefix(label);
  clean.add(() => redis.clear(redisUrl));
  const env = {
    KOE_DATABASE_URL: database.url,
    KOE_DATA_DIR: dataDir,
    KOE_SECRET_KEY: randomBytes(32).toString('hex'),
    KOE_REDIS_URL: redisUrl,
    KOE_REDIS_PREFIX: redis.prefix,
  };
  const started: KoeProcess[] = [];
  const start = (role: 'web' | 'worker') => startKoeProcess(role, env, (p) => started.push(p));
  clean.add(async () => void (await Promise.all(started.map((p) => p.stop()))));
  const [web, first] = await Promise.all([start('web'), start('worker')]);
  const rest = await Promise.all(Array.from({ length: workers - 1 }, () => start('worker')));
  const db = await postgresDesk(database.url);
  clean.add(() => db.close());
  return { web, workers: [first, ...rest], db };
}

/** Whether `bin/koe.mjs` will run the compiled server (dist/server, `npm run build:server`) or the sources. */
export function compiledServerIsCurrent(): boolean {
  const compiled = path.join(ROOT, 'dist/server/main.mjs');
  if (!existsSync(compiled)) return false;
  let newest = 0;
  for (const e of readdirSync(path.join(ROOT, 'src'), { withFileTypes: true, recursive: true }))
    if (e.isFile()) newest = Math.max(newest, statSync(path.join(e.parentPath, e.name)).mtimeMs);
  return newest <= statSync(compiled).mtimeMs;
}

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A scratch PostgreSQL database next to `adminUrl`'s, dropped (connections and all) by `drop`. */
export async function scratchDatabase(
  adminUrl: string,
  label: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `koe_bench_${label}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

/** A unique KOE_REDIS_PREFIX, and a way to remove whatever keys the processes left under it (leases). */
export function redisPrefix(label: string): { prefix: string; clear(redisUrl: string): Promise<void> } {
  const prefix = `koe-bench-${label}-${process.pid}-${randomBytes(3).toString('hex')}:`;
  return {
    prefix,
    async clear(redisUrl) {
      const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
      redis.on('error', () => {}); // the failure surfaces as the commands' rejection
      try {
        await redis.connect();
        const keys = await redis.keys(`${prefix}*`);
        if (keys.length) await redis.del(...keys);
      } finally {
        redis.disconnect();
      }
    },
  };
}

/** Cleanups not yet run, newest last; Ctrl-C or SIGTERM runs them all (newest first), then exits. */
const pendingCleanups: (() => Promise<void>)[] = [];
function onSignal(signal: NodeJS.Signals) {
  console.error(`${signal}: stopping the servers`);
  void (async () => {
    for (const run of pendingCleanups.reverse()) await run();
    process.exit(130);
  })();
}

/**
 * Cleanup steps run once, last added first: at the end of a bench (or a round of one), on an error, and on Ctrl-C or
 * SIGTERM, so no server process or scratch database outlives the bench.
 */
export type Cleanups = ReturnType<typeof cleanups>;
export function cleanups() {
  const steps: (() => Promise<void>)[] = [];
  let ran: Promise<void> | null = null;
  const run = () =>
    (ran ??= (async () => {
      for (const step of steps.reverse())
        await step().catch((err: unknown) => console.error(`cleanup: ${err instanceof Error ? err.message : err}`));
    })());
  if (pendingCleanups.length === 0) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  pendingCleanups.push(run);
  return {
    add(step: () => Promise<void>) {
      steps.push(step);
    },
    async run() {
      await run();
      pendingCleanups.splice(pendingCleanups.indexOf(run), 1);
      if (pendingCleanups.length === 0) {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    },
  };
}

export interface Answer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}
export function request(
  agent: http.Agent | null,
  port: number,
  method: string,
  url: string,
  body: Buffer | null,
  headers: Record<string, string>,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: url,
        ...(agent ? { agent } : {}),
        headers: body ? { ...headers, 'content-length': String(body.length) } : headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

/**
 * Setup through the API as an admin would: the workspace, then a LINE channel pointed at the fake LINE API. Returns the
 * channel and the admin's session cookie (for the event stream).
 */
export async function lineChannel(koePort: number, apiPort: number): Promise<{ channelId: string; cookie: string }> {
  const agent = new http.Agent({ keepAlive: true });
  const cookies = new Map<string, string>();
  const call = async (url: string, body: object) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (cookies.size) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (cookies.has('koe_csrf')) headers['x-csrf-token'] = cookies.get('koe_csrf')!;
    const r = await request(agent, koePort, 'POST', url, Buffer.from(JSON.stringify(body)), headers);
    for (const c of [r.headers['set-cookie'] ?? []].flat()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    if (r.status >= 300) throw new Error(`${url}: ${r.status} ${r.body}`);
    return JSON.parse(r.body);
  };
  await call('/api/setup', {
    workspaceName: 'bench',
    adminEmail: 'admin@bench.example',
    adminPassword: 'correct-horse-battery',
    adminName: 'ベンチ',
  });
  const channel = await call('/api/channels', {
    kind: 'line',
    name: 'LINE',
    credentials: {
      channelSecret: SECRET,
      channelAccessToken: 'bench-token',
      apiBaseUrl: `http://127.0.0.1:${apiPort}`,
    },
  });
  agent.destroy();
  return { channelId: channel.id as string, cookie: `koe_session=${cookies.get('koe_session')}` };
}

/** The n-th delivery's message text; `numberIn` finds n in any text or JSON that contains it. */
const textOf = (n: number) => `注文した商品がまだ届きません。注文番号は A-${n} です。`;
const NUMBER = /注文番号は A-(\d+) です/;
export const numberIn = (s: string): number | null => {
  const m = NUMBER.exec(s);
  return m ? Number(m[1]) : null;
};

export interface Delivery {
  n: number;
  id: string;
  body: Buffer;
  headers: Record<string, string>;
}

/** The n-th signed LINE delivery: one text message; user n>>1, so every other message is from a user new to Koe. */
let sequence = 0;
export function delivery(): Delivery {
  const n = sequence++;
  const id = String(700_000_000_000 + n);
  const userId = `U${(n >> 1).toString(16).padStart(32, '0')}`;
  const raw = JSON.stringify({
    destination: 'Ubot',
    events: [
      {
        type: 'message',
        mode: 'active',
        webhookEventId: `01BENCH${n.toString(36).toUpperCase().padStart(10, '0')}`,
        timestamp: Date.now(),
        replyToken: `rt${n.toString(16).padStart(30, '0')}`,
        deliveryContext: { isRedelivery: false },
        source: { type: 'user', userId },
        message: { type: 'text', id, quoteToken: `q${n}`, text: textOf(n) },
      },
    ],
  });
  const body = Buffer.from(raw);
  return {
    n,
    id,
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-line-signature': createHmac('sha256', SECRET).update(body).digest('base64'),
    },
  };
}

export const pct = (sorted: ArrayLike<number>, p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] : NaN;
export const f = (x: number, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '—');

/**
 * Open loop: `fire(dueAt)` called at a fixed rate whether or not earlier calls finished. `overloaded` is asked every
 * millisecond or so; when it gives a reason the run stops early (the caller says so rather than queueing for minutes).
 * Resolves once every call has finished.
 */
export async function fixedRate(
  rate: number,
  seconds: number,
  fire: (dueAt: number) => Promise<void>,
  overloaded: (sent: number) => string | null,
): Promise<{ sent: number; start: number; seconds: number; stopped: string | null }> {
  const pending: Promise<void>[] = [];
  const start = performance.now();
  const total = Math.round(rate * seconds);
  let sent = 0;
  let stopped: string | null = null;
  while (sent < total) {
    // Request k is due at k / rate: every request whose time has come is sent now (not one interval late).
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate) + 1);
    for (; sent < due; sent++) pending.push(fire(start + (sent * 1000) / rate));
    if ((stopped = overloaded(sent))) break;
    await sleep(1);
  }
  const elapsed = (performance.now() - start) / 1000;
  await Promise.all(pending);
  return { sent, start, seconds: elapsed, stopped };
}

export interface Check {
  acknowledged: number;
  recorded: number;
  lost: number;
  unprocessed: number;
  duplicated: number;
  customers: number;
  named: number;
}

/** The desk's database as the benches read it: how much work is waiting, and the end-of-run check. */
export interface DeskDb {
  /** Inbound events not yet processed plus jobs due or running. */
  waiting(): Promise<number>;
  /** Every acknowledged message (LINE message id) stored once and processed into one message; customers named. */
  check(channelId: string, acked: Set<string>): Promise<Check>;
  close(): Promise<void>;
}

const WAITING = `select (select count(*) from inbound_events where status = 'received')
     + (select count(*) from jobs where status in ('queued', 'running') and run_at <= $1) as n`;
const EVENTS = `select e.external_id as "externalId", e.status, count(m.id) as messages
     from inbound_events e left join messages m on m.inbound_event_id = e.id
    where e.channel_id = $1 group by e.id, e.external_id, e.status`;
const NAMES = `select count(*) as customers, sum(case when c.name like 'ベンチ %' then 1 else 0 end) as named
     from customers c join customer_identities i on i.customer_id = c.id where i.channel_id = $1`;

function checked(
  rows: { externalId: string; status: string; messages: number | string }[],
  names: { customers: number | string; named: number | string | null },
  acked: Set<string>,
): Check {
  const byId = new Map(rows.map((r) => [r.externalId.replace(/^msg:/, ''), r]));
  return {
    acknowledged: acked.size,
    recorded: rows.length,
    lost: [...acked].filter((id) => !byId.has(id)).length,
    unprocessed: rows.filter((r) => r.status !== 'processed' || Number(r.messages) === 0).length,
    duplicated: rows.filter((r) => Number(r.messages) > 1).length,
    customers: Number(names.customers),
    named: Number(names.named ?? 0),
  };
}

/** The SQLite file of an embedded desk, read-only. */
export function sqliteDesk(file: string): DeskDb {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  const positional = (s: string) => s.replace(/\$\d/g, '?');
  const waiting = db.prepare(positional(WAITING));
  return {
    waiting: async () => (waiting.get(new Date().toISOString()) as { n: number }).n,
    check: async (channelId, acked) =>
      checked(
        db.prepare(positional(EVENTS)).all(channelId) as { externalId: string; status: string; messages: number }[],
        db.prepare(positional(NAMES)).get(channelId) as { customers: number; named: number },
        acked,
      ),
    close: async () => void db.close(),
  };
}

/** A PostgreSQL desk database. */
export async function postgresDesk(url: string): Promise<DeskDb> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return {
    waiting: async () => Number((await c.query(WAITING, [new Date().toISOString()])).rows[0].n),
    check: async (channelId, acked) =>
      checked((await c.query(EVENTS, [channelId])).rows, (await c.query(NAMES, [channelId])).rows[0], acked),
    close: () => c.end(),
  };
}

/** Waits until no inbound event is waiting and no due job is queued or running; the seconds it took. */
export async function drain(db: DeskDb, timeoutMs = 600_000, everyMs = 100): Promise<number> {
  const start = performance.now();
  for (;;) {
    if ((await db.waiting()) === 0) return (performance.now() - start) / 1000;
    if (performance.now() - start > timeoutMs) throw new Error(`jobs did not drain in ${timeoutMs / 1000} s`);
    await sleep(everyMs);
  }
}

/** CPU seconds (user + system) a process has used, from /proc (Linux); NaN once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15, cutime 16, cstime 17.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return NaN;
  }
}

/**
 * CPU seconds of every PostgreSQL process on this machine, including backends already gone (counted in the
 * postmaster's children's time once reaped). Other databases on the same server count too.
 */
export function postgresCpuSeconds(): number {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += cpuSeconds(Number(pid)) || 0;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** The whole machine's busy and total CPU time so far (all cores), from /proc/stat. */
export function machineCpu(): { busy: number; total: number } {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const t = ticks.map(Number);
  const total = t.reduce((a, b) => a + b, 0);
  return { busy: total - t[3] - t[4], total };
}

/** The load average now, as `uptime` prints it. */
export const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(', ');
