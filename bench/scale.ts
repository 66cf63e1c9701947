/**
 * Processing throughput of the scaled shape with 1 and then 2 worker processes: for each, one web process and N
 * workers (`node bin/koe.mjs start --role …`) on a fresh scratch PostgreSQL database and a unique Redis prefix, a LINE
 * channel whose API is a local fake (bench/ingest-servers.ts) set up through the API. The workers are paused (SIGSTOP)
 * while a backlog of signed LINE webhooks is sent to the web process (acknowledged = recorded durably, with its
 * processing job); then they are resumed and timed until the backlog is processed (every inbound event processed, no
 * due job). Processed messages per second with one worker is the baseline; the ratio is two workers' figure over it.
 * CPU time of every process (and of PostgreSQL, and of the whole machine) over the drain says what limited it. At the
 * end of each round every acknowledged message must be stored once and processed. Prints
 * `RESULT scale workers1=… workers2=… ratio=…` last.
 *
 * KOE_BENCH_PG_URL (postgres://postgres@127.0.0.1:5432/postgres: a role that may create databases),
 * KOE_BENCH_REDIS_URL (redis://127.0.0.1:6379), KOE_BENCH_BACKLOG (webhooks per round, 2,000),
 * KOE_BENCH_WORKERS (worker counts, 1,2), KOE_BENCH_LINE_API_MS (fake LINE API answer time, 50).
 */
import http from 'node:http';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  cleanups,
  compiledServerIsCurrent,
  cpuSeconds,
  delivery,
  drain,
  f,
  lineChannel,
  loadAverage,
  machineCpu,
  postgresCpuSeconds,
  request,
  scaledDesk,
  startServer,
  type Check,
} from './line-desk';

interface Round {
  workers: number;
  backlog: number;
  ackPerSecond: number;
  drainSeconds: number;
  perSecond: number;
  /** CPU cores used over the drain, by process. */
  cores: Record<string, number>;
  check: Check;
  load: string;
}

async function round(workers: number, backlog: number, pgUrl: string, redisUrl: string, apiPort: number) {
  const clean = cleanups();
  try {
    const load = loadAverage();
    const desk = await scaledDesk(pgUrl, redisUrl, workers, clean, 'scale');
    const { channelId } = await lineChannel(desk.web.port, apiPort);
    // Paused, the workers take no job while the backlog is sent; they resume together when the clock starts.
    for (const w of desk.workers) w.proc.kill('SIGSTOP');

    const acked = new Set<string>();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    const ackStart = performance.now();
    let next = 0;
    let errors = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next++ < backlog) {
          const d = delivery();
          const r = await request(agent, desk.web.port, 'POST', `/webhooks/line/${channelId}`, d.body, d.headers).catch(
            () => null,
          );
          if (r?.status === 200) acked.add(d.id);
          else errors++;
        }
      }),
    );
    const ackPerSecond = acked.size / ((performance.now() - ackStart) / 1000);
    agent.destroy();
    if (errors) console.log(`  ${errors} webhooks not acknowledged`);

    const processes = { web: desk.web, ...Object.fromEntries(desk.workers.map((w, i) => [`worker ${i + 1}`, w])) };
    const cpu = (): Record<string, number> =>
      Object.fromEntries(Object.entries(processes).map(([k, p]) => [k, cpuSeconds(p.proc.pid!)]));
    const before: Record<string, number> = { ...cpu(), postgres: postgresCpuSeconds() };
    const machineBefore = machineCpu();
    const start = performance.now();
    for (const w of desk.workers) w.proc.kill('SIGCONT');
    await drain(desk.db, 600_000, 50);
    const drainSeconds = (performance.now() - start) / 1000;
    const after: Record<string, number> = { ...cpu(), postgres: postgresCpuSeconds() };
    const machine = machineCpu();
    const cores: Record<string, number> = {};
    for (const k of Object.keys(after)) cores[k] = (after[k] - before[k]) / drainSeconds;
    cores['whole machine'] =
      ((machine.busy - machineBefore.busy) / (machine.total - machineBefore.total)) * os.cpus().length;

    const check = await desk.db.check(channelId, acked);
    return {
      workers,
      backlog: acked.size,
      ackPerSecond,
      drainSeconds,
      perSecond: check.recorded / drainSeconds,
      cores,
      check,
      load,
    } satisfies Round;
  } finally {
    await clean.run();
  }
}

export async function benchScale(): Promise<void> {
  const pgUrl = process.env.KOE_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.KOE_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const backlog = Number(process.env.KOE_BENCH_BACKLOG ?? 2000);
  const counts = (process.env.KOE_BENCH_WORKERS ?? '1,2').split(',').map(Number);
  const clean = cleanups();
  try {
    const api = await startServer('line-api');
    clean.add(api.stop);
    console.log(
      `scale: PostgreSQL + Redis, one web process and 1 then 2 workers (${compiledServerIsCurrent() ? 'compiled server, dist/server' : 'sources through tsx: `npm run build:server` for the compiled server'}); ` +
        `${os.cpus().length} cores; backlog of ${backlog} webhooks per round, fake LINE API answers in ${process.env.KOE_BENCH_LINE_API_MS ?? 50} ms`,
    );
    const rounds: Round[] = [];
    for (const n of counts) {
      const r = await round(n, backlog, pgUrl, redisUrl, api.port);
      rounds.push(r);
      const c = r.check;
      console.log(
        `workers ${n}: ${r.backlog} acknowledged at ${f(r.ackPerSecond)}/s, processed in ${f(r.drainSeconds, 1)} s = ${f(r.perSecond)} msgs/s (load average before: ${r.load})\n` +
          `  CPU cores used while draining: ${Object.entries(r.cores)
            .map(([k, x]) => `${k} ${f(x, 2)}`)
            .join(', ')}\n` +
          `  checked: ${c.acknowledged} acknowledged, ${c.recorded} recorded, ${c.lost} lost, ${c.duplicated} duplicated, ${c.unprocessed} unprocessed; ` +
          `${c.named} of ${c.customers} customers named from their LINE profile`,
      );
    }
    console.log('workers | backlog | acks/s | drain s | msgs/s | ratio | cores: workers  web  postgres  machine');
    const base = rounds[0].perSecond;
    for (const r of rounds) {
      const workersCores = Object.entries(r.cores)
        .filter(([k]) => k.startsWith('worker'))
        .reduce((a, [, x]) => a + x, 0);
      console.log(
        `${String(r.workers).padStart(7)} | ${String(r.backlog).padStart(7)} | ${f(r.ackPerSecond).padStart(6)} | ${f(r.drainSeconds, 1).padStart(7)} |` +
          ` ${f(r.perSecond).padStart(6)} | ${f(r.perSecond / base, 2).padStart(5)} |        ${f(workersCores, 2).padStart(5)} ${f(r.cores.web, 2).padStart(4)} ${f(r.cores.postgres, 2).padStart(9)} ${f(r.cores['whole machine'], 2).padStart(8)}`,
      );
    }
    const one = rounds.find((r) => r.workers === 1);
    const two = rounds.find((r) => r.workers === 2);
    const ratio = one && two ? two.perSecond / one.perSecond : NaN;
    const bad = rounds.reduce((a, r) => a + r.check.lost + r.check.duplicated + r.check.unprocessed, 0);
    console.log(`target (2 workers ≥ 1.7× one): ${ratio >= 1.7 ? 'met' : 'not met'} — ${f(ratio, 2)}×`);
    console.log(
      `RESULT scale workers1=${f(one?.perSecond ?? NaN)} workers2=${f(two?.perSecond ?? NaN)} ratio=${f(ratio, 2)} backlog=${backlog} ` +
        `lost=${rounds.reduce((a, r) => a + r.check.lost, 0)} duplicated=${rounds.reduce((a, r) => a + r.check.duplicated, 0)} unprocessed=${rounds.reduce((a, r) => a + r.check.unprocessed, 0)}`,
    );
    if (bad) process.exitCode = 1;
  } finally {
    await clean.run();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchScale();
