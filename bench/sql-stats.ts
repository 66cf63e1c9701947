// KOE_BENCH_SQL_STATS=1 `npm run bench -- ingest`: the Koe server counts every SQLite statement it prepares and runs,
// and prints (to stderr, when it stops) how many statements ran and the 25 that took the most time preparing and
// running. This is how the ingest readings in docs/scale.md found the per-query `prepare` and the job poller's writes.
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';

type Runner = (...params: unknown[]) => unknown;
const stats = new Map<string, { n: number; run: number; prepare: number }>();
const proto = SQLite.prototype as unknown as { prepare(this: SQLite.Database, text: string): SQLite.Statement };
const prepare = proto.prepare;
proto.prepare = function (text) {
  const t = performance.now();
  const statement = prepare.call(this, text);
  const s = stats.get(text) ?? { n: 0, run: 0, prepare: 0 };
  stats.set(text, s);
  s.prepare += performance.now() - t;
  const target = statement as unknown as Record<'all' | 'run' | 'get', Runner>;
  for (const method of ['all', 'run', 'get'] as const) {
    const original = target[method].bind(statement);
    target[method] = (...params) => {
      const started = performance.now();
      try {
        return original(...params);
      } finally {
        s.run += performance.now() - started;
        s.n++;
      }
    };
  }
  return statement;
};

process.on('SIGTERM', () => {
  const all = [...stats.values()];
  const sum = (f: (s: (typeof all)[number]) => number) => all.reduce((a, s) => a + f(s), 0);
  console.error(
    `SQL: ${sum((s) => s.n)} statements run, ${sum((s) => s.run).toFixed(0)} ms running, ${sum((s) => s.prepare).toFixed(0)} ms preparing`,
  );
  for (const [text, s] of [...stats].sort((a, b) => b[1].run + b[1].prepare - a[1].run - a[1].prepare).slice(0, 25))
    console.error(`${s.n}\trun ${s.run.toFixed(0)} ms\tprepare ${s.prepare.toFixed(0)} ms\t${text.slice(0, 200)}`);
});
