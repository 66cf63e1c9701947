/**
 * Search at scale: 1,000,000 messages (50,000 conversations of 20), Japanese and English, with order numbers. Each
 * query goes through the desk's search (`searchDesk`, what GET /api/search runs) and, as the baseline in the same
 * run, through a `LIKE '%…%'` scan of the same messages. SQLite always; PostgreSQL too when KOE_BENCH_PG_URL names a
 * server (a scratch database is created and dropped); KOE_BENCH_SQLITE=0 skips SQLite. Prints `RESULT search …` last.
 * KOE_BENCH_ROWS overrides the size.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { sql } from 'kysely';
import { searchDesk } from '../src/desk/search';
import { newId } from '../src/domain/ids';
import { benchWorkspace } from './seed';
import { searchTokens } from '../src/search/tokens';
import { migrateToLatest, openStore, type Store } from '../src/store/db';
import { NOT_WAITING } from '../src/store/repositories/conversations';
import { searchRows } from '../src/store/repositories/search-index';

const PER_CONVERSATION = 20;
const PRODUCTS = [
  '電気ケトル',
  'ワイヤレスイヤホン',
  'スニーカー',
  'ガチャ石',
  'コーヒーメーカー',
  'kettle',
  'earbuds',
  'jacket',
];
const JA = [
  (p: string, o: string) => `${p}を注文しました。注文番号は${o}です。まだ届いていません`,
  (p: string) => `昨日届いた${p}が壊れていました。交換できますか`,
  (p: string, o: string) => `カードで二重請求されています。${o}の返金をお願いします`,
  (p: string) => `${p}のサイズを交換したいです`,
  () => 'ログインできません。パスワードを再設定しても同じです',
  (p: string) => `${p}、とても使いやすいです！ありがとうございます`,
  () => 'お問い合わせありがとうございます。担当の佐藤が確認いたします',
  (p: string, o: string) => `ご不便をおかけし申し訳ございません。${o}について確認します`,
  () => 'ポイントの有効期限はいつまでですか',
  (p: string) => `${p}の在庫はいつ入荷しますか`,
];
const EN = [
  (p: string, o: string) => `My order ${o} for the ${p} has not arrived yet`,
  (p: string) => `The ${p} arrived broken, can I get a replacement?`,
  () => 'I was charged twice, please refund the second payment',
  () => 'Thanks for the quick help, great service!',
  (p: string) => `Is the ${p} available in another colour?`,
];

const QUERIES = [
  '返金',
  '注文',
  '交換',
  '二重請求',
  '届いていません',
  'パスワード',
  '有効期限',
  '入荷',
  'ケトル',
  'イヤホン',
  'ガチャ石',
  '申し訳ございません',
  '使いやすい',
  'サイズを交換',
  'refund',
  'arrived broken',
  'replacement',
  'colour',
  'KM-20260101',
  'KM-20260314-0042',
  'km-2026',
  '佐藤が確認',
  'ログインできません',
  '在庫',
  'charged twice',
];

const orderNo = (i: number) =>
  `KM-2026${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}-${String(i % 10_000).padStart(4, '0')}`;

function textOf(i: number): string {
  const p = PRODUCTS[(i * 3) % PRODUCTS.length];
  const o = orderNo(i * 13);
  return i % 4 === 3 ? EN[(i * 3) % EN.length](p, o) : JA[(i * 7) % JA.length](p, o);
}

async function seed(store: Store, rows: number): Promise<string> {
  const isPg = store.dialect === 'postgres';
  const { ws, ch, now } = await benchWorkspace(store.db);
  const conversations = Math.ceil(rows / PER_CONVERSATION);
  const base = Date.UTC(2026, 0, 1);
  const batch = 500;
  for (let c0 = 0; c0 < conversations; c0 += batch / PER_CONVERSATION) {
    await store.db.transaction().execute(async (tx) => {
      const convs = [],
        customers = [],
        msgs = [];
      for (let c = c0; c < Math.min(conversations, c0 + batch / PER_CONVERSATION); c++) {
        const cu = newId(),
          cv = newId();
        customers.push({ id: cu, workspace_id: ws, name: `お客様 ${c}`, email: null, created_at: now });
        convs.push({
          id: cv,
          workspace_id: ws,
          channel_id: ch,
          customer_id: cu,
          status: c % 3 === 0 ? 'resolved' : 'open',
          level: c % 4,
          priority: c % 101,
          sentiment: null,
          categories: '[]',
          tags: '[]',
          assignee_id: null,
          preview: textOf(c * PER_CONVERSATION).slice(0, 140),
          last_message_at: now,
          waiting_since: null,
          sort_wait: NOT_WAITING,
          first_response_at: null,
          resolved_at: null,
          created_at: now,
          updated_at: now,
          flag: null,
          triage_reasons: '[]',
        });
        for (let k = 0; k < PER_CONVERSATION; k++) {
          const i = c * PER_CONVERSATION + k;
          msgs.push({
            id: newId(),
            conversation_id: cv,
            kind: k % 2 === 0 ? 'customer' : 'reply',
            text: textOf(i),
            author_type: k % 2 === 0 ? 'customer' : 'agent',
            author_id: null,
            author_name: 'x',
            inbound_event_id: null,
            client_message_id: null,
            created_at: new Date(base + i * 1000).toISOString(),
            triage: null,
            meta: null,
          });
        }
      }
      await tx.insertInto('customers').values(customers).execute();
      await tx.insertInto('conversations').values(convs).execute();
      await tx.insertInto('messages').values(msgs).execute();
      await searchRows(
        isPg,
        msgs.map((m) => ({ messageId: m.id, createdAt: m.created_at, tokens: searchTokens(m.text) })),
      ).execute(tx);
    });
  }
  await sql`analyze`.execute(store.db);
  return ws;
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

async function measure(store: Store, ws: string) {
  const koe: number[] = [],
    like: number[] = [];
  let found = 0;
  // Warm both paths once, then time each query 5 times through the index and twice through the scan.
  for (const q of QUERIES.slice(0, 3)) await searchDesk(store.db, ws, q, {}, 20);
  for (let round = 0; round < 5; round++)
    for (const q of QUERIES) {
      const t = performance.now();
      const hits = await searchDesk(store.db, ws, q, {}, 20);
      koe.push(performance.now() - t);
      if (round === 0 && hits.length) found++;
    }
  for (let round = 0; round < 2; round++)
    for (const q of QUERIES) {
      const t = performance.now();
      await store.db
        .selectFrom('messages as m')
        .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
        .select(['m.id', 'm.conversation_id', 'm.text', 'm.created_at'])
        .where('c.workspace_id', '=', ws)
        .where(sql<boolean>`lower(m.text) like ${`%${q.toLowerCase()}%`}`)
        .orderBy('m.created_at', 'desc')
        .limit(20)
        .execute();
      like.push(performance.now() - t);
    }
  return {
    p50: pct(koe, 0.5),
    p99: pct(koe, 0.99),
    likeP50: pct(like, 0.5),
    likeP99: pct(like, 0.99),
    found,
  };
}

export async function benchSearch(): Promise<void> {
  const rows = Number(process.env.KOE_BENCH_ROWS ?? 1_000_000);
  const result: string[] = [`messages=${rows}`];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'koe-bench-search-'));
  // KOE_BENCH_SQLITE=0 measures PostgreSQL alone.
  const targets: { name: string; url?: string; drop?: () => Promise<void> }[] =
    process.env.KOE_BENCH_SQLITE === '0' ? [] : [{ name: 'sqlite' }];
  const pgUrl = process.env.KOE_BENCH_PG_URL;
  if (pgUrl) {
    const name = `koe_bench_search_${Date.now()}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    targets.push({
      name: 'postgres',
      url: url.toString(),
      drop: async () => {
        const c = new pg.Client({ connectionString: pgUrl });
        await c.connect();
        await c.query(`drop database if exists ${name}`);
        await c.end();
      },
    });
  }
  try {
    for (const target of targets) {
      const store = openStore({ dataDir: dir, databaseUrl: target.url });
      try {
        await migrateToLatest(store.db);
        let t = performance.now();
        const ws = await seed(store, rows);
        console.log(
          `${target.name}: seeded ${rows.toLocaleString()} messages in ${((performance.now() - t) / 1000).toFixed(0)} s`,
        );
        t = performance.now();
        const m = await measure(store, ws);
        console.log(
          `${target.name}: ${QUERIES.length} queries (${m.found} with hits): search p50 ${m.p50.toFixed(1)} ms, p99 ${m.p99.toFixed(1)} ms; ` +
            `LIKE scan (baseline) p50 ${m.likeP50.toFixed(0)} ms, p99 ${m.likeP99.toFixed(0)} ms; ratio ${(m.likeP50 / m.p50).toFixed(0)}× at p50`,
        );
        const prefix = target.name === 'sqlite' ? '' : 'pg_';
        result.push(
          `${prefix}p50_ms=${m.p50.toFixed(1)}`,
          `${prefix}p99_ms=${m.p99.toFixed(1)}`,
          `${prefix}ratio_vs_like=${(m.likeP50 / m.p50).toFixed(1)}`,
        );
      } finally {
        await store.close();
        await target.drop?.();
      }
    }
    console.log(`RESULT search ${result.join(' ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchSearch();
