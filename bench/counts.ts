/**
 * Inbox counts at scale: 1,000,000 conversations (a year of a large desk: 5 channels, 50 agents, 5 teams, every
 * status, spam set aside). Koe reads the counts the database keeps (buckets plus moves not yet folded); the baseline
 * counts the conversations table with its indexes, in the same run. Measured with the moves folded (steady state) and
 * with 5,000 moves waiting to be folded (a busy few seconds). Prints `RESULT counts ...` as its last line.
 * KOE_BENCH_ROWS overrides the number of conversations.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { sql } from 'kysely';
import { migrateToLatest, openStore } from '../src/store/db';
import { conversations } from '../src/store/repositories';
import { seedDesk } from './desk-seed';

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export async function timed(runs: number, f: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    ms.push(performance.now() - t);
  }
  return median(ms);
}

export async function benchCounts(): Promise<void> {
  const rows = Number(process.env.KOE_BENCH_ROWS ?? 1_000_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'koe-bench-counts-'));
  const store = openStore({ dataDir: dir });
  try {
    const db = store.db;
    await migrateToLatest(db);
    let t = performance.now();
    const { ws, agentIds } = await seedDesk(db, { conversations: rows, days: 365, messagesPer: 1 });
    console.log(`seeded ${rows.toLocaleString()} conversations in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    const folded = await conversations.foldCountChanges(db);
    console.log(`folded ${folded.toLocaleString()} moves in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await sql`analyze`.execute(db);
    const me = agentIds[0];

    const kept = await conversations.counts(db, ws, me);
    const counted = await conversations.countsByScan(db, ws, me);
    if (!isDeepStrictEqual(kept, counted))
      throw new Error(
        `kept counts differ from a count of the table: ${JSON.stringify(kept)} vs ${JSON.stringify(counted)}`,
      );
    console.log(
      `open ${kept.open.toLocaleString()}, pending ${kept.pending.toLocaleString()}, resolved ${kept.resolved.toLocaleString()}, closed ${kept.closed.toLocaleString()}`,
    );

    const scanMs = await timed(3, () => conversations.countsByScan(db, ws, me));
    const keptMs = await timed(21, () => conversations.counts(db, ws, me));
    // A busy few seconds: 5,000 conversations change hands (assignment, status) before the next fold.
    const open = await db
      .selectFrom('conversations')
      .select('id')
      .where('workspace_id', '=', ws)
      .where('status', '=', 'open')
      .limit(5000)
      .execute();
    for (const [i, r] of open.entries())
      await conversations.update(db, r.id, i % 2 ? { assignee_id: agentIds[i % 50] } : { status: 'pending' });
    const tailMs = await timed(21, () => conversations.counts(db, ws, me));
    console.log(
      `counts per view: kept ${keptMs.toFixed(2)} ms (with 5,000 unfolded moves ${tailMs.toFixed(2)} ms); counting the table (baseline) ${scanMs.toFixed(0)} ms; ratio ${(scanMs / keptMs).toFixed(0)}×`,
    );
    console.log(
      `RESULT counts rows=${rows} counts_ms=${keptMs.toFixed(2)} counts_ms_unfolded=${tailMs.toFixed(2)} baseline_scan_ms=${scanMs.toFixed(0)} ratio_vs_scan=${(scanMs / keptMs).toFixed(0)}`,
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchCounts();
