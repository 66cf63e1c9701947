/**
 * Inbox paging at scale: 1,000,000 conversations in SQLite, pages fetched deep into the "all open" view with
 * Koe's keyset cursor, against OFFSET paging of the same query measured in the same run (the baseline).
 * Prints `RESULT inbox ...` as its last line. KOE_BENCH_ROWS overrides the row count.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { newId } from '../src/domain/ids';
import { benchWorkspace } from './seed';
import { migrateToLatest, openStore } from '../src/store/db';
import { conversations } from '../src/store/repositories';
import { baseQuery, encodeCursor, NOT_WAITING } from '../src/store/repositories/conversations';

export async function benchInbox(): Promise<void> {
  const rows = Number(process.env.KOE_BENCH_ROWS ?? 1_000_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'koe-bench-inbox-'));
  const store = openStore({ dataDir: dir });
  try {
    await migrateToLatest(store.db);
    const { ws, ch, now } = await benchWorkspace(store.db);
    const cu = newId();
    await store.db
      .insertInto('customers')
      .values({ id: cu, workspace_id: ws, name: 'c', email: null, created_at: now })
      .execute();

    let t = performance.now();
    const statuses = ['open', 'open', 'open', 'pending', 'resolved', 'closed'];
    await store.db.transaction().execute(async (tx) => {
      const batch = 500;
      for (let i = 0; i < rows; i += batch) {
        const values = [];
        for (let j = i; j < Math.min(rows, i + batch); j++) {
          const waiting = j % 7 === 0 ? null : new Date(Date.UTC(2026, 0, 1) + ((j * 7919) % 86_400_000)).toISOString();
          values.push({
            id: newId(),
            workspace_id: ws,
            channel_id: ch,
            customer_id: cu,
            status: statuses[j % statuses.length],
            level: j % 4,
            priority: (j * 31) % 101,
            sentiment: null,
            categories: '[]',
            tags: '[]',
            assignee_id: null,
            preview: `conversation ${j}`,
            last_message_at: now,
            waiting_since: waiting,
            sort_wait: waiting ?? NOT_WAITING,
            first_response_at: null,
            resolved_at: null,
            created_at: now,
            updated_at: now,
            flag: null,
            triage_reasons: '[]',
          });
        }
        await tx.insertInto('conversations').values(values).execute();
      }
    });
    console.log(`seeded ${rows.toLocaleString()} conversations in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await sql`analyze`.execute(store.db);

    const limit = 50,
      pages = 100;
    const openView = () =>
      baseQuery(store.db)
        .where('cv.workspace_id', '=', ws)
        .where('cv.status', '=', 'open')
        .orderBy('cv.priority', 'desc')
        .orderBy('cv.sort_wait')
        .orderBy('cv.id');
    const results: string[] = [];
    let deepRatio = 0;
    // At each depth: 100 consecutive pages with Koe's keyset cursor vs. the same query paged with OFFSET.
    const openCount = (await conversations.counts(store.db, ws, 'nobody')).all_open;
    for (const depth of [0, 10_000, 250_000].filter((d) => d + pages * limit <= openCount)) {
      const start =
        depth === 0
          ? undefined
          : await openView()
              .offset(depth - 1)
              .limit(1)
              .executeTakeFirstOrThrow();
      let cursor =
        start && encodeCursor({ priority: Number(start.priority), sort_wait: start.sort_wait, id: start.id });
      t = performance.now();
      for (let p = 0; p < pages; p++) {
        const r = await conversations.list(store.db, ws, { view: 'all_open', limit, cursor, meId: 'nobody' });
        cursor = r.nextCursor ?? undefined;
      }
      const keysetMs = (performance.now() - t) / pages;
      t = performance.now();
      for (let p = 0; p < pages; p++)
        await openView()
          .limit(limit)
          .offset(depth + p * limit)
          .execute();
      const offsetMs = (performance.now() - t) / pages;
      console.log(
        `depth ${depth.toLocaleString().padStart(7)}: keyset page ${keysetMs.toFixed(2)} ms, OFFSET page (baseline) ${offsetMs.toFixed(2)} ms, ratio ${(offsetMs / keysetMs).toFixed(1)}×`,
      );
      results.push(`keyset_ms_at_${depth}=${keysetMs.toFixed(2)}`);
      deepRatio = offsetMs / keysetMs;
    }
    t = performance.now();
    const counts = await conversations.counts(store.db, ws, 'nobody');
    const countsMs = performance.now() - t;
    console.log(
      `open conversations: ${counts.all_open.toLocaleString()}; counts per view in ${countsMs.toFixed(0)} ms`,
    );
    console.log(
      `RESULT inbox rows=${rows} ${results.join(' ')} ratio_vs_offset_deepest=${deepRatio.toFixed(1)} counts_ms=${countsMs.toFixed(0)}`,
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchInbox();
