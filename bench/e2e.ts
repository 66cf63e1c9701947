/**
 * Webhook to agent, end to end: how long after a LINE webhook is due does the agent's inbox hear of the message? A real
 * Koe with a LINE channel whose API is a local fake (bench/ingest-servers.ts), set up through the API; the admin's
 * Server-Sent Events stream (`GET /api/events`, what the web app's inbox listens to) open; correctly signed webhooks
 * sent open loop at a fixed rate, each message's latency counted from when its webhook was *due* (so a stalled server
 * cannot hide its queue) to when its `message.created` event arrived on the stream (matched by the order number in its
 * text). In the same run, the baseline: the same requests through a bare pipe (a Fastify app writing each POST at once
 * to an SSE stream), so the ratio is Koe's own cost. At the end every acknowledged message must be stored once and
 * processed. Prints `RESULT e2e p50_ms=… p99_ms=… rate=… missing=… bare_p99_ms=…` last.
 *
 * Shapes: the embedded default (SQLite, one process: createKoe + buildApp, as `koe start` runs it); or, with
 * KOE_BENCH_PG_URL and KOE_BENCH_REDIS_URL, one web and one worker process (`koe start --role …`) on a scratch
 * PostgreSQL database and a unique Redis prefix: the webhook lands on the web process, a worker processes it, the event
 * comes back to the web process's stream over Redis.
 *
 * KOE_BENCH_RATE (1,000 webhooks/s), KOE_BENCH_SECONDS (60), KOE_BENCH_LINE_API_MS (fake LINE API answer time, 50),
 * KOE_BENCH_WAIT_SECONDS (how long after the last send events may still arrive, 120; the wait ends sooner once the desk
 * has nothing left to process). A run stops early, and says NOT SUSTAINED, once over a second of webhooks is
 * unanswered or over 5 s of acknowledged messages have had no event; those still count when their events arrive.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  cleanups,
  cpuSeconds,
  delivery,
  drain,
  f,
  fixedRate,
  lineChannel,
  loadAverage,
  machineCpu,
  numberIn,
  pct,
  postgresCpuSeconds,
  postgresDesk,
  request,
  scaledDesk,
  scratchDatabase,
  sleep,
  sqliteDesk,
  startServer,
  type DeskDb,
} from './line-desk';

/** An SSE stream read as it arrives: each `message.created` event's order number and when its bytes came in. */
interface Stream {
  opened: Promise<void>;
  onMessage: (n: number, at: number) => void;
  close(): void;
}
function openStream(port: number, url: string, cookie = ''): Stream {
  let opened = () => {};
  let failed = (_: Error) => {};
  const stream: Stream = {
    opened: new Promise<void>((resolve, reject) => ((opened = resolve), (failed = reject))),
    onMessage: () => {},
    close: () => req.destroy(),
  };
  const req = http.get({ host: '127.0.0.1', port, path: url, headers: cookie ? { cookie } : {} }, (res) => {
    if (res.statusCode !== 200) return failed(new Error(`${url}: ${res.statusCode}`));
    res.setEncoding('utf8');
    let buf = '';
    res.on('data', (chunk: string) => {
      const at = performance.now();
      buf += chunk;
      let end: number;
      while ((end = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, end);
        buf = buf.slice(end + 2);
        if (block.startsWith(': connected') || block.includes('\n: connected')) opened();
        if (!block.startsWith('event: message.created\n')) continue;
        const n = numberIn(block);
        if (n !== null) stream.onMessage(n, at);
      }
    });
  });
  req.on('error', (err) => failed(err));
  return stream;
}

interface Run {
  sent: number;
  acked: number;
  errors: number;
  /** Webhook → event, ms, sorted: all, from a user new to Koe (profile looked up), from a known user. */
  ms: Float64Array;
  newUser: Float64Array;
  knownUser: Float64Array;
  /** p99 of the messages due in each tenth of the run (does the latency grow as the run goes on?). */
  tenths: number[];
  /** Acknowledgement latency p99, ms. */
  ackP99: number;
  missing: number;
  seconds: number;
  stopped: string | null;
  /** CPU cores used, per process, over the sending and the wait. */
  cores: Record<string, number>;
}

interface Target {
  port: number;
  url: string;
  stream: Stream;
  /** Acknowledged LINE message ids, for the end-of-run check. */
  ids?: Set<string>;
  /** The desk's database: the wait for late events ends once it has nothing left to process. */
  db?: DeskDb;
  /** Processes whose CPU time is measured (pid by name); with `postgres`, every PostgreSQL process's too. */
  pids: Record<string, number>;
  postgres?: boolean;
}

/** Sends at `rate` for `seconds` and collects each message's latency to its event; waits for late events. */
async function measure(t: Target, rate: number, seconds: number, waitSeconds: number): Promise<Run> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const due = new Map<number, number>();
  const arrived = new Map<number, number>();
  const acked = new Set<number>();
  const ackMs: number[] = [];
  let answered = 0;
  let errors = 0;
  t.stream.onMessage = (n, at) => {
    if (due.has(n) && !arrived.has(n)) arrived.set(n, at - due.get(n)!);
  };
  const cpu = (): Record<string, number> => ({
    ...Object.fromEntries(Object.entries(t.pids).map(([name, pid]) => [name, cpuSeconds(pid)])),
    'load generator': (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
  });
  const cpuBefore = cpu();
  const pgBefore = postgresCpuSeconds();
  const machineBefore = machineCpu();
  const startedAt = performance.now();
  const r = await fixedRate(
    rate,
    seconds,
    async (dueAt) => {
      const d = delivery();
      due.set(d.n, dueAt);
      try {
        const res = await request(agent, t.port, 'POST', t.url, d.body, d.headers);
        if (res.status !== 200) throw new Error(String(res.status));
        ackMs.push(performance.now() - dueAt);
        acked.add(d.n);
        t.ids?.add(d.id);
      } catch {
        errors++;
        due.delete(d.n);
      }
      answered++;
    },
    (sent) =>
      sent - answered > rate
        ? 'over a second of webhooks unanswered'
        : acked.size - arrived.size > rate * 5
          ? 'over 5 s of acknowledged messages without their event'
          : null,
  );
  // Late events: wait until every acknowledged message has its event, the desk has had nothing to process for 2 s, or
  // the wait is over.
  const waitUntil = performance.now() + waitSeconds * 1000;
  let idleSince = Infinity;
  while (arrived.size < acked.size && performance.now() < waitUntil) {
    if (!t.db) idleSince = Math.min(idleSince, performance.now());
    else if ((await t.db.waiting()) > 0) idleSince = Infinity;
    else idleSince = Math.min(idleSince, performance.now());
    if (performance.now() - idleSince > 2000) break;
    await sleep(100);
  }
  agent.destroy();
  const wall = (performance.now() - startedAt) / 1000;
  const cpuAfter = cpu();
  const cores: Record<string, number> = {};
  for (const name of Object.keys(cpuAfter)) cores[name] = (cpuAfter[name] - cpuBefore[name]) / wall;
  if (t.postgres) cores.postgres = (postgresCpuSeconds() - pgBefore) / wall;
  const machine = machineCpu();
  cores['whole machine'] =
    ((machine.busy - machineBefore.busy) / (machine.total - machineBefore.total)) * os.cpus().length;

  const ms = Float64Array.from(arrived.values()).sort();
  const start = r.start;
  const byTenth: number[][] = Array.from({ length: 10 }, () => []);
  for (const [n, latency] of arrived) {
    const tenth = Math.min(9, Math.floor(((due.get(n)! - start) / 1000 / r.seconds) * 10));
    byTenth[tenth].push(latency);
  }
  // delivery(): message n is from user n >> 1, so even n is a user's first message.
  const sorted = (odd: number) =>
    Float64Array.from([...arrived].filter(([n]) => n % 2 === odd).map(([, latency]) => latency)).sort();
  return {
    sent: r.sent,
    acked: acked.size,
    errors,
    ms,
    newUser: sorted(0),
    knownUser: sorted(1),
    tenths: byTenth.map((l) => pct(Float64Array.from(l).sort(), 99)),
    ackP99: pct(Float64Array.from(ackMs).sort(), 99),
    missing: [...acked].filter((n) => !arrived.has(n)).length,
    seconds: r.seconds,
    stopped: r.stopped,
    cores,
  };
}

export async function benchE2e(): Promise<void> {
  const rate = Number(process.env.KOE_BENCH_RATE ?? 1000);
  const seconds = Number(process.env.KOE_BENCH_SECONDS ?? 60);
  const waitSeconds = Number(process.env.KOE_BENCH_WAIT_SECONDS ?? 120);
  const pgUrl = process.env.KOE_BENCH_PG_URL;
  const redisUrl = process.env.KOE_BENCH_REDIS_URL;
  if (redisUrl && !pgUrl) throw new Error('e2e: KOE_BENCH_REDIS_URL needs KOE_BENCH_PG_URL (Redis joins processes)');
  const shape = pgUrl ? (redisUrl ? 'postgres+redis' : 'postgres') : 'sqlite';
  const clean = cleanups();
  try {
    const load = loadAverage();
    const api = await startServer('line-api');
    clean.add(api.stop);
    const pipe = await startServer('pipe');
    clean.add(pipe.stop);

    let koePort: number;
    let db: DeskDb;
    const pids: Record<string, number> = {};
    if (pgUrl && redisUrl) {
      const desk = await scaledDesk(pgUrl, redisUrl, 1, clean, 'e2e');
      koePort = desk.web.port;
      db = desk.db;
      pids.web = desk.web.proc.pid!;
      pids.worker = desk.workers[0].proc.pid!;
    } else {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'koe-bench-e2e-'));
      clean.add(async () => rmSync(dir, { recursive: true, force: true }));
      const database = pgUrl ? await scratchDatabase(pgUrl, 'e2e') : null;
      if (database) clean.add(database.drop);
      const koe = await startServer('koe', {
        KOE_DATA_DIR: dir,
        ...(database ? { KOE_DATABASE_URL: database.url } : {}),
      });
      clean.add(koe.stop);
      koePort = koe.port;
      pids.koe = koe.proc.pid!;
      // Koe has migrated the database by now (SQLite: the file exists; opened read-only).
      db = database ? await postgresDesk(database.url) : sqliteDesk(path.join(dir, 'koe.sqlite'));
      clean.add(() => db.close());
    }
    const { channelId, cookie } = await lineChannel(koePort, api.port);
    const koeStream = openStream(koePort, '/api/events', cookie);
    const pipeStream = openStream(pipe.port, '/stream');
    clean.add(async () => (koeStream.close(), pipeStream.close()));
    await Promise.all([koeStream.opened, pipeStream.opened]);

    const ids = new Set<string>();
    const bareTarget: Target = { port: pipe.port, url: '/push', stream: pipeStream, pids: { pipe: pipe.proc.pid! } };
    const koeTarget: Target = {
      port: koePort,
      url: `/webhooks/line/${channelId}`,
      stream: koeStream,
      ids,
      db,
      pids,
      postgres: shape !== 'sqlite',
    };
    console.log(
      `e2e: ${{ sqlite: 'SQLite, one process', postgres: 'PostgreSQL, one process', 'postgres+redis': 'PostgreSQL + Redis, one web and one worker process' }[shape]}; ${os.cpus().length} cores, load average ${load}; ` +
        `${rate} webhooks/s for ${seconds} s (open loop), fake LINE API answers in ${process.env.KOE_BENCH_LINE_API_MS ?? 50} ms`,
    );
    // Warm-up, not reported: connections, the JIT, the first statements.
    await measure(bareTarget, rate, 1, 10);
    await measure(koeTarget, Math.min(rate, 20), 1, 30);
    const bare = await measure(bareTarget, rate, seconds, 10);
    const koe = await measure(koeTarget, rate, seconds, waitSeconds);
    const drained = await drain(db);
    const c = await db.check(channelId, ids);

    const row = (name: string, r: Run) =>
      `${name.padEnd(5)} | ${String(r.sent).padStart(6)} ${String(r.acked).padStart(6)} ${String(r.missing).padStart(7)} |` +
      ` ${f(pct(r.ms, 50), 1).padStart(7)} ${f(pct(r.ms, 99), 1).padStart(8)} ${f(r.ms[r.ms.length - 1] ?? NaN, 1).padStart(8)} |` +
      ` ${f(r.ackP99, 1).padStart(10)} | ${r.stopped ? `NOT SUSTAINED after ${f(r.seconds, 1)} s: ${r.stopped}` : 'sustained'}`;
    console.log('      |   sent  acked missing |  p50 ms   p99 ms   max ms | ack p99 ms |');
    console.log(row('bare', bare));
    console.log(row('Koe', koe));
    console.log(`Koe p99 by tenth of the run (ms): ${koe.tenths.map((x) => f(x)).join(' ')}`);
    console.log(
      `Koe p50 / p99 ms, a new user's first message (profile looked up): ${f(pct(koe.newUser, 50), 1)} / ${f(pct(koe.newUser, 99), 1)}; ` +
        `a known user's: ${f(pct(koe.knownUser, 50), 1)} / ${f(pct(koe.knownUser, 99), 1)}`,
    );
    const cores = (r: Run) =>
      Object.entries(r.cores)
        .map(([name, x]) => `${name} ${f(x, 2)}`)
        .join(', ');
    console.log(`CPU cores used — bare: ${cores(bare)}; Koe: ${cores(koe)}`);
    console.log(
      `checked: ${c.acknowledged} acknowledged, ${c.recorded} recorded, ${c.lost} lost, ${c.duplicated} duplicated, ${c.unprocessed} unprocessed ` +
        `(backlog drained ${f(drained, 1)} s after the wait); ${c.named} of ${c.customers} customers named from their LINE profile`,
    );
    const p99 = pct(koe.ms, 99);
    const bareP99 = pct(bare.ms, 99);
    const met = !koe.stopped && koe.missing === 0 && koe.errors === 0 && p99 < 150;
    console.log(
      `target (p99 < 150 ms at ${rate}/s for ${seconds} s, nothing missing): ${met ? 'met' : 'not met'} — p99 ${f(p99, 1)} ms` +
        `${koe.stopped ? `, stopped after ${f(koe.seconds, 1)} s` : ''}, ${koe.missing} missing, ${f(p99 / bareP99, 1)}× the bare pipe's p99`,
    );
    console.log(
      `RESULT e2e p50_ms=${f(pct(koe.ms, 50), 1)} p99_ms=${f(p99, 1)} max_ms=${f(koe.ms[koe.ms.length - 1] ?? NaN, 1)} rate=${rate} seconds=${f(koe.seconds, 1)} sent=${koe.sent} missing=${koe.missing} ` +
        `sustained=${koe.stopped ? 'no' : 'yes'} bare_p50_ms=${f(pct(bare.ms, 50), 1)} bare_p99_ms=${f(bareP99, 1)} p99_vs_bare=${f(p99 / bareP99, 1)} ` +
        `shape=${shape} lost=${c.lost} duplicated=${c.duplicated} unprocessed=${c.unprocessed}`,
    );
    if (c.lost || c.duplicated || c.unprocessed || koe.missing) process.exitCode = 1;
  } finally {
    await clean.run();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchE2e();
