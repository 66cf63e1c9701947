/**
 * The ingest path from outside: a real Koe (SQLite in a temp data dir, one process) with a LINE channel whose API is a
 * local fake, fed correctly signed LINE webhooks from keep-alive clients; in the same run a bare Fastify JSON echo on
 * the same machine takes the same requests (the baseline). For each concurrency level: acknowledgements per second and
 * p50/p99 acknowledgement latency of both, and their ratio; then both at a fixed open-loop rate (latency counted from
 * when each request was due, so a stalled server cannot hide its queue). After each level the job backlog is drained
 * and timed; at the end every acknowledged message must be stored once and processed. Prints
 * `RESULT ingest req_per_s=… ratio_vs_bare=… p99_ms=…` last (req_per_s and the ratio at Koe's best level, p99 at the
 * fixed rate).
 *
 * Half the messages come from a LINE user Koe has not seen (two messages per user), so profile lookups happen at load.
 * KOE_BENCH_LEVELS (default 1,16,64), KOE_BENCH_SECONDS per level (5), KOE_BENCH_RATE (2000 requests/s),
 * KOE_BENCH_LINE_API_MS (fake LINE API answer time, 50). KOE_BENCH_CPU_PROF=<dir> writes Koe's CPU profile there;
 * KOE_BENCH_SQL_STATS=1 prints the statements Koe spent most time on (bench/sql-stats.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';

const SECRET = 'bench-line-channel-secret';
const SERVERS = path.join(import.meta.dirname, 'ingest-servers.ts');

interface Server {
  port: number;
  proc: ChildProcess;
  stop(): Promise<void>;
}

function startServer(mode: 'koe' | 'echo' | 'line-api', env: Record<string, string> = {}): Promise<Server> {
  const proc = fork(SERVERS, [mode], {
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
  });
  return new Promise((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`${mode} server exited (${code})`)));
    proc.once('message', (m: { port: number }) =>
      resolve({
        port: m.port,
        proc,
        stop: () =>
          new Promise((r) => {
            if (proc.exitCode !== null) return r();
            proc.once('exit', () => r());
            proc.kill('SIGTERM');
          }),
      }),
    );
  });
}

interface Answer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}
function request(
  agent: http.Agent,
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
        agent,
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

/** Setup through the API as an admin would: the workspace, then a LINE channel pointed at the fake LINE API. */
async function lineChannel(koePort: number, apiPort: number): Promise<string> {
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
  return channel.id as string;
}

/** The n-th signed LINE delivery: one text message; user n>>1, so every other message is from a user new to Koe. */
let sequence = 0;
function delivery(): { id: string; body: Buffer; headers: Record<string, string> } {
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
        message: {
          type: 'text',
          id,
          quoteToken: `q${n}`,
          text: `注文した商品がまだ届きません。注文番号は A-${n} です。`,
        },
      },
    ],
  });
  const body = Buffer.from(raw);
  return {
    id,
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-line-signature': createHmac('sha256', SECRET).update(body).digest('base64'),
    },
  };
}

interface Reading {
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}
const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] : NaN;
function reading(ms: number[], seconds: number, errors: number): Reading {
  const sorted = Float64Array.from(ms).sort();
  return {
    perSecond: ms.length / seconds,
    p50: pct(Array.from(sorted), 50),
    p99: pct(Array.from(sorted), 99),
    errors,
  };
}

/** What one request is sent to: Koe's webhook (acknowledged ids kept) or the echo. */
interface Target {
  port: number;
  url: string;
  acked?: Set<string>;
}
async function send(agent: http.Agent, t: Target): Promise<boolean> {
  const d = delivery();
  try {
    const r = await request(agent, t.port, 'POST', t.url, d.body, d.headers);
    if (r.status !== 200) return false;
    t.acked?.add(d.id);
    return true;
  } catch {
    return false;
  }
}

/** Closed loop: `clients` keep-alive connections, each sending its next request when the last is answered. */
async function closedLoop(t: Target, clients: number, seconds: number): Promise<Reading> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const ms: number[] = [];
  let errors = 0;
  const run = async (until: number, record: boolean) => {
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (performance.now() < until) {
          const at = performance.now();
          const ok = await send(agent, t);
          if (!record) continue;
          if (ok) ms.push(performance.now() - at);
          else errors++;
        }
      }),
    );
  };
  await run(performance.now() + 1000, false); // warm the connections, the JIT and the caches
  const start = performance.now();
  await run(start + seconds * 1000, true);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  return reading(ms, elapsed, errors);
}

/** Open loop: requests due at a fixed rate whether or not earlier ones were answered; latency from when each was due. */
async function openLoop(t: Target, rate: number, seconds: number): Promise<Reading & { sustained: boolean }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const run = async (seconds: number) => {
    const ms: number[] = [];
    let errors = 0;
    const pending: Promise<void>[] = [];
    const start = performance.now();
    const total = Math.round(rate * seconds);
    let sent = 0;
    let answered = 0;
    let sustained = true;
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate));
      for (; sent < due; sent++) {
        const dueAt = start + (sent * 1000) / rate;
        pending.push(
          send(agent, t).then((ok) => {
            answered++;
            if (ok) ms.push(performance.now() - dueAt);
            else errors++;
          }),
        );
      }
      // Over a second of requests unanswered: the server cannot keep this rate; stop rather than queue for minutes.
      if (sent - answered > rate) {
        sustained = false;
        break;
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    await Promise.all(pending);
    return { ...reading(ms, (performance.now() - start) / 1000, errors), sustained };
  };
  // A warm-up second opens the connections the rate needs, so the reading does not include their handshakes.
  const warm = await run(1);
  const r = warm.sustained ? await run(seconds) : warm;
  agent.destroy();
  return r;
}

/** Waits until no inbound event is waiting and no due job is queued or running; the seconds it took. */
async function drain(file: string, timeoutMs = 600_000): Promise<number> {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  const waiting = db.prepare(
    `select (select count(*) from inbound_events where status = 'received')
          + (select count(*) from jobs where status in ('queued', 'running') and run_at <= ?) as n`,
  );
  const start = performance.now();
  try {
    for (;;) {
      const { n } = waiting.get(new Date().toISOString()) as { n: number };
      if (n === 0) return (performance.now() - start) / 1000;
      if (performance.now() - start > timeoutMs) throw new Error(`jobs did not drain in ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    db.close();
  }
}

/** Every acknowledged message stored once and processed into one message; customers named from their profiles. */
function check(file: string, channelId: string, acked: Set<string>) {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(
        `select e.external_id as externalId, e.status, count(m.id) as messages
           from inbound_events e left join messages m on m.inbound_event_id = e.id
          where e.channel_id = ? group by e.id`,
      )
      .all(channelId) as { externalId: string; status: string; messages: number }[];
    const byId = new Map(rows.map((r) => [r.externalId.replace(/^msg:/, ''), r]));
    const lost = [...acked].filter((id) => !byId.has(id)).length;
    const unprocessed = rows.filter((r) => r.status !== 'processed' || r.messages === 0).length;
    const duplicated = rows.filter((r) => r.messages > 1).length;
    const names = db
      .prepare(
        `select count(*) as customers, sum(c.name like 'ベンチ %') as named
           from customers c join customer_identities i on i.customer_id = c.id where i.channel_id = ?`,
      )
      .get(channelId) as { customers: number; named: number };
    return { acknowledged: acked.size, recorded: rows.length, lost, unprocessed, duplicated, ...names };
  } finally {
    db.close();
  }
}

const f = (x: number, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '—');

export async function benchIngest(): Promise<void> {
  const levels = (process.env.KOE_BENCH_LEVELS ?? '1,16,64').split(',').map(Number);
  const seconds = Number(process.env.KOE_BENCH_SECONDS ?? 5);
  const rate = Number(process.env.KOE_BENCH_RATE ?? 2000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'koe-bench-ingest-'));
  const servers: Server[] = [];
  try {
    const api = await startServer('line-api');
    servers.push(api);
    const echo = await startServer('echo');
    servers.push(echo);
    const koe = await startServer('koe', { KOE_DATA_DIR: dir });
    servers.push(koe);
    const channelId = await lineChannel(koe.port, api.port);
    const file = path.join(dir, 'koe.sqlite');
    const acked = new Set<string>();
    const bare: Target = { port: echo.port, url: '/echo' };
    const webhook: Target = { port: koe.port, url: `/webhooks/line/${channelId}`, acked };
    console.log(
      `ingest: ${os.cpus().length} cores, ${seconds} s per level after 1 s warm-up, fake LINE API answers in ${process.env.KOE_BENCH_LINE_API_MS ?? 50} ms`,
    );
    console.log('clients |  bare req/s  p50 ms  p99 ms |  Koe req/s  p50 ms  p99 ms | ratio | drain s');
    let best = { level: 0, koe: 0, ratio: 0 };
    for (const clients of levels) {
      const b = await closedLoop(bare, clients, seconds);
      const k = await closedLoop(webhook, clients, seconds);
      const drained = await drain(file);
      const ratio = k.perSecond / b.perSecond;
      if (k.perSecond > best.koe) best = { level: clients, koe: k.perSecond, ratio };
      console.log(
        `${String(clients).padStart(7)} | ${f(b.perSecond).padStart(11)} ${f(b.p50, 1).padStart(7)} ${f(b.p99, 1).padStart(7)} |` +
          ` ${f(k.perSecond).padStart(10)} ${f(k.p50, 1).padStart(7)} ${f(k.p99, 1).padStart(7)} | ${f(ratio, 2).padStart(5)} | ${f(drained, 1).padStart(7)}` +
          (b.errors + k.errors ? `  (errors: bare ${b.errors}, Koe ${k.errors})` : ''),
      );
    }
    const b = await openLoop(bare, rate, seconds);
    const k = await openLoop(webhook, rate, seconds);
    const drained = await drain(file);
    console.log(
      `at ${rate} requests/s for ${seconds} s (open loop): bare p50 ${f(b.p50, 1)} ms p99 ${f(b.p99, 1)} ms; Koe p50 ${f(k.p50, 1)} ms p99 ${f(k.p99, 1)} ms, ${f(k.perSecond)} acks/s` +
        `${k.errors ? `, ${k.errors} not acknowledged` : ''}${k.sustained ? '' : ', NOT SUSTAINED (stopped with over a second of requests unanswered)'}; drained in ${f(drained, 1)} s`,
    );
    const c = check(file, channelId, acked);
    console.log(
      `checked: ${c.acknowledged} acknowledged, ${c.recorded} recorded, ${c.lost} lost, ${c.duplicated} duplicated, ${c.unprocessed} unprocessed; ` +
        `${c.named} of ${c.customers} customers named from their LINE profile`,
    );
    const met = best.ratio >= 0.6 && k.sustained && k.p99 < 25 && k.errors === 0;
    console.log(
      `target (≥ 60% of bare, p99 < 25 ms at ${rate}/s): ${met ? 'met' : 'not met'} — best ${f(best.ratio * 100)}% of bare at ${best.level} clients, p99 ${f(k.p99, 1)} ms`,
    );
    console.log(
      `RESULT ingest req_per_s=${f(best.koe)} ratio_vs_bare=${f(best.ratio, 2)} p99_ms=${f(k.p99, 1)} clients=${best.level} rate=${rate} sustained=${k.sustained ? 'yes' : 'no'} lost=${c.lost} duplicated=${c.duplicated} unprocessed=${c.unprocessed}`,
    );
    if (c.lost || c.duplicated || c.unprocessed) process.exitCode = 1;
  } finally {
    for (const s of servers.reverse()) await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchIngest();
