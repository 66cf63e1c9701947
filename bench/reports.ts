/**
 * A 30-day report over a desk of 1,000,000 conversations and about 5,000,000 messages spread over a year. Koe adds up
 * the per-day rollups the refresher keeps (the same rounds production runs, from stale marks left by the seed's
 * writes); the baseline ("naive") derives the same figures from the raw tables in the same run (each conversation's
 * messages, escalations and SLA policy, and messages by the day they were written). The two reports must agree: equal,
 * except percentiles, which may differ by one histogram bin (rollups.ts). Also times the report read from the facts
 * (the path before rollups), a report for one channel (its own rollups), one filtered by category (read from the
 * facts), and the refresher that computes the facts and keeps the rollups (conversations per second). Report times are
 * the median of warm runs in one process (the database file in the page cache). Prints `RESULT reports ...` as its
 * last line.
 * KOE_BENCH_ROWS overrides the number of conversations.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { refreshReportFacts } from '../src/desk/reports/facts';
import { buildDeskReport, buildFactsReport, buildNaiveReport } from '../src/desk/reports/report';
import { HISTOGRAM_FIGURES, rollupDifferences } from '../src/desk/reports/rollups';
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
    const { ws, messages, channels, agentIds } = await seedDesk(db, { conversations: rows, days: 365, messagesPer: 5 });
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
    const differences = rollupDifferences({ ...stored, pending: 0 }, naive);
    if (differences.length)
      throw new Error(`the rollup report differs from the one derived from the raw tables: ${differences.join(', ')}`);
    const facts = await buildFactsReport(db, ws, range, now);
    if (JSON.stringify(facts) !== JSON.stringify(naive))
      throw new Error('the facts report differs from the one derived from the raw tables');
    // How far the histogram percentiles are from the exact ones in this run (all within one bin, checked above).
    let worst = 0;
    let inexact = 0;
    let percentiles = 0;
    for (const [a, e] of [
      [stored.current, naive.current],
      [stored.before, naive.before],
    ] as const)
      for (const k of HISTOGRAM_FIGURES.headline) {
        const x = a[k];
        const y = e[k];
        if (x === null || y === null) continue;
        percentiles++;
        if (x !== y) inexact++;
        if (y > 0) worst = Math.max(worst, Math.abs(x - y) / y);
      }
    console.log(
      `30 days: ${stored.current.conversations.toLocaleString()} conversations (previous 30: ${stored.before.conversations.toLocaleString()}); ` +
        `rollup report equal to the raw-table one but for ${inexact} of ${percentiles} headline percentiles, off by at most ${(worst * 100).toFixed(2)} %`,
    );
    const filter = { channel: channels[0] };
    const filteredNaive = await buildNaiveReport(db, ws, filter, now);
    const filteredDifferences = rollupDifferences(
      { ...(await buildDeskReport(db, ws, filter, now)), pending: 0 },
      filteredNaive,
    );
    if (filteredDifferences.length)
      throw new Error(`the channel's report differs from the raw-table one: ${filteredDifferences.join(', ')}`);
    const byCategory = { category: 'defect' };
    if (
      JSON.stringify(await buildDeskReport(db, ws, byCategory, now)) !==
      JSON.stringify(await buildNaiveReport(db, ws, byCategory, now))
    )
      throw new Error('the report filtered by category differs from the one derived from the raw tables');

    let t0 = performance.now();
    await buildDeskReport(db, ws, range, now);
    const firstMs = performance.now() - t0;
    const reportMs = await timed(5, () => buildDeskReport(db, ws, range, now));
    const factsMs = await timed(3, () => buildFactsReport(db, ws, range, now));
    const filteredMs = await timed(3, () => buildDeskReport(db, ws, filter, now));
    const categoryMs = await timed(3, () => buildDeskReport(db, ws, byCategory, now));
    const naiveMs = await timed(3, () => buildNaiveReport(db, ws, range, now));
    console.log(
      `report: from rollups ${reportMs.toFixed(0)} ms (first run ${firstMs.toFixed(0)} ms); from facts (before rollups) ${factsMs.toFixed(0)} ms; ` +
        `one channel (rollups) ${filteredMs.toFixed(0)} ms; one category (facts) ${categoryMs.toFixed(0)} ms; ` +
        `from the raw tables (baseline) ${naiveMs.toFixed(0)} ms; ` +
        `ratio ${(naiveMs / reportMs).toFixed(1)}× the baseline, ${(factsMs / reportMs).toFixed(1)}× the facts report`,
    );

    // A busy desk: 20,000 of the latest conversations change hands, then the refresher's rounds.
    const recent = await sql<{ id: string }>`select id from conversations order by created_at desc limit 20000`.execute(
      db,
    );
    for (const [i, { id }] of recent.rows.entries())
      await sql`update conversations set assignee_id = ${agentIds[(i * 7) % agentIds.length]} where id = ${id}`.execute(
        db,
      );
    t0 = performance.now();
    let again = 0;
    for (let n; (n = await refreshReportFacts(db, 1000, now)) > 0;) again += n;
    const busyS = (performance.now() - t0) / 1000;
    console.log(
      `refresher on ${again.toLocaleString()} recent conversations: ${Math.round(again / busyS).toLocaleString()}/s`,
    );
    console.log(
      `RESULT reports rows=${rows} messages=${messages} report_ms=${reportMs.toFixed(0)} naive_ms=${naiveMs.toFixed(0)} ratio_vs_naive=${(naiveMs / reportMs).toFixed(1)} facts_ms=${factsMs.toFixed(0)} filtered_ms=${filteredMs.toFixed(0)} category_ms=${categoryMs.toFixed(0)} refresh_per_s=${Math.round(refreshed / refreshS)} refresh_recent_per_s=${Math.round(again / busyS)}`,
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchReports();
