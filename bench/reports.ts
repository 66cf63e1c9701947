/**
 * A 30-day report over a desk of 1,000,000 conversations and about 5,000,000 messages spread over a year. Koe reads
 * stored per-conversation facts; the baseline ("naive") derives the same figures from the raw tables in the same run
 * (each conversation's messages, escalations and SLA policy, and messages by the day they were written). The two
 * reports must be equal. Also times the refresher that computes the facts (conversations per second). Prints
 * `RESULT reports ...` as its last line. KOE_BENCH_ROWS overrides the number of conversations.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { refreshReportFacts } from '../src/desk/reports/facts';
import { buildDeskReport, buildNaiveReport } from '../src/desk/reports/report';
import { migrateToLatest, openStore } from '../src/store/db';
import { timed } from './counts';
import { seedDesk } from './desk-seed';

export async function benchReports(): Promise<void> {
  const rows = Number(process.env.KOE_BENCH_ROWS ?? 1_000_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'koe-bench-reports-'));
  const store = openStore({ dataDir: dir });
  try {
    const db = store.db;
    await migrateToLatest(db);
    let t = performance.now();
    const { ws, messages } = await seedDesk(db, { conversations: rows, days: 365, messagesPer: 5 });
    console.log(
      `seeded ${rows.toLocaleString()} conversations, ${messages.toLocaleString()} messages in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    t = performance.now();
    const now = new Date();
    let refreshed = 0;
    for (let n; (n = await refreshReportFacts(db, 2000, now)) > 0;) refreshed += n;
    const refreshS = (performance.now() - t) / 1000;
    console.log(
      `facts of ${refreshed.toLocaleString()} conversations computed in ${refreshS.toFixed(1)} s (${Math.round(refreshed / refreshS).toLocaleString()}/s)`,
    );
    await sql`analyze`.execute(db);

    const range = {}; // the last 30 days, the default
    const stored = await buildDeskReport(db, ws, range, now);
    const naive = await buildNaiveReport(db, ws, range, now);
    if (JSON.stringify({ ...stored, pending: 0 }) !== JSON.stringify(naive))
      throw new Error('the stored-facts report differs from the one derived from the raw tables');
    console.log(
      `30 days: ${stored.current.conversations.toLocaleString()} conversations (previous 30: ${stored.before.conversations.toLocaleString()})`,
    );
    const reportMs = await timed(5, () => buildDeskReport(db, ws, range, now));
    const naiveMs = await timed(3, () => buildNaiveReport(db, ws, range, now));
    console.log(
      `report: from facts ${reportMs.toFixed(0)} ms; from the raw tables (baseline) ${naiveMs.toFixed(0)} ms; ratio ${(naiveMs / reportMs).toFixed(1)}×`,
    );
    console.log(
      `RESULT reports rows=${rows} messages=${messages} report_ms=${reportMs.toFixed(0)} naive_ms=${naiveMs.toFixed(0)} ratio_vs_naive=${(naiveMs / reportMs).toFixed(1)} refresh_per_s=${Math.round(refreshed / refreshS)}`,
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchReports();
