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
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  delivery,
  drain,
  f,
  fixedRate,
  lineChannel,
  pct,
  request,
  sqliteDesk,
  startServer,
  type DeskDb,
  type Server,
} from './line-desk';

interface Reading {
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}
function reading(ms: number[], seconds: number, errors: number): Reading {
  const sorted = Float64Array.from(ms).sort();
  return { perSecond: ms.length / seconds, p50: pct(sorted, 50), p99: pct(sorted, 99), errors };
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
    let answered = 0;
    const r = await fixedRate(
      rate,
      seconds,
      (dueAt) =>
        send(agent, t).then((ok) => {
          answered++;
          if (ok) ms.push(performance.now() - dueAt);
          else errors++;
        }),
      // Over a second of requests unanswered: the server cannot keep this rate; stop rather than queue for minutes.
      (sent) => (sent - answered > rate ? 'unanswered' : null),
    );
    return { ...reading(ms, r.seconds, errors), sustained: !r.stopped };
  };
  // A warm-up second opens the connections the rate needs, so the reading does not include their handshakes.
  const warm = await run(1);
  const r = warm.sustained ? await run(seconds) : warm;
  agent.destroy();
  return r;
}

export async function benchIngest(): Promise<void> {
  const levels = (process.env.KOE_BENCH_LEVELS ?? '1,16,64').split(',').map(Number);
  const seconds = Number(process.env.KOE_BENCH_SECONDS ?? 5);
  const rate = Number(process.env.KOE_BENCH_RATE ?? 2000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'koe-bench-ingest-'));
  const servers: Server[] = [];
  let desk: DeskDb | null = null;
  try {
    const api = await startServer('line-api');
    servers.push(api);
    const echo = await startServer('echo');
    servers.push(echo);
    const koe = await startServer('koe', { KOE_DATA_DIR: dir });
    servers.push(koe);
    const { channelId } = await lineChannel(koe.port, api.port);
    desk = sqliteDesk(path.join(dir, 'koe.sqlite'));
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
      const drained = await drain(desk);
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
    const drained = await drain(desk);
    console.log(
      `at ${rate} requests/s for ${seconds} s (open loop): bare p50 ${f(b.p50, 1)} ms p99 ${f(b.p99, 1)} ms; Koe p50 ${f(k.p50, 1)} ms p99 ${f(k.p99, 1)} ms, ${f(k.perSecond)} acks/s` +
        `${k.errors ? `, ${k.errors} not acknowledged` : ''}${k.sustained ? '' : ', NOT SUSTAINED (stopped with over a second of requests unanswered)'}; drained in ${f(drained, 1)} s`,
    );
    const c = await desk.check(channelId, acked);
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
    await desk?.close();
    for (const s of servers.reverse()) await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchIngest();
