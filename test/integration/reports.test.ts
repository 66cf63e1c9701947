import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/ids';
import { refreshReportFacts } from '../../src/desk/reports/facts';
import { buildDeskReport, buildNaiveReport } from '../../src/desk/reports/report';
import { binOf, binWidth, rollupDifferences } from '../../src/desk/reports/rollups';
import { migrationProvider } from '../../src/store/migrations';
import { reports } from '../../src/store/repositories';
import { NOT_WAITING } from '../../src/store/repositories/conversations';
import { Client, dialects, openDesk, type OpenDesk } from './harness';

const MIN = 60_000;
/** An instant given as Tokyo wall-clock time (the desk's default time zone, UTC+9 all year). */
const jst = (local: string) => new Date(Date.parse(`${local}:00+09:00`)).toISOString();

/** Parses the export (RFC 4180, as written by the route). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (ch !== '\r') field += ch;
  }
  return rows;
}

describe.each(dialects)('reports (%s)', (dialect) => {
  let desk: OpenDesk;
  let ws: string;
  let customer: string;
  const ids: Record<string, string> = {};

  /** A conversation and its messages written as they would have been, at the given Tokyo times. */
  async function seed(
    key: string,
    c: {
      at: string;
      level: number;
      status?: string;
      flag?: string | null;
      category?: string;
      messages: [kind: 'customer' | 'reply', at: string][];
      public?: boolean;
      resolvedAt?: string;
    },
  ) {
    const d = desk.koe.koe.db;
    const id = newId();
    ids[key] = id;
    const firstReply = c.messages.find(([k]) => k === 'reply');
    const last = c.messages[c.messages.length - 1][1];
    await d
      .insertInto('conversations')
      .values({
        id,
        workspace_id: ws,
        channel_id: desk.channel.id,
        customer_id: customer,
        status: c.status ?? 'open',
        level: c.level,
        priority: 10 * c.level,
        sentiment: 'neutral',
        categories: JSON.stringify(c.category ? [c.category] : []),
        tags: '[]',
        assignee_id: null,
        preview: key,
        last_message_at: jst(last),
        waiting_since: null,
        sort_wait: NOT_WAITING,
        first_response_at: firstReply ? jst(firstReply[1]) : null,
        resolved_at: c.resolvedAt ? jst(c.resolvedAt) : null,
        created_at: jst(c.at),
        updated_at: jst(last),
        flag: c.flag ?? null,
        triage_reasons: '[]',
      })
      .execute();
    for (const [i, [kind, at]] of c.messages.entries())
      await d
        .insertInto('messages')
        .values({
          id: newId(),
          conversation_id: id,
          kind,
          text: `${key} ${i}`,
          author_type: kind === 'customer' ? 'customer' : 'agent',
          author_id: null,
          author_name: kind === 'customer' ? '佐藤' : '山田',
          inbound_event_id: null,
          client_message_id: null,
          created_at: jst(at),
          meta: kind === 'customer' && c.public ? JSON.stringify({ visibility: 'public' }) : null,
        })
        .execute();
  }

  beforeAll(async () => {
    desk = await openDesk(dialect);
    ws = (await desk.admin.get('/api/me')).body.workspace.id;
    customer = newId();
    await desk.koe.koe.db
      .insertInto('customers')
      .values({ id: customer, workspace_id: ws, name: '佐藤', email: null, created_at: jst('2026-10-01T00:00') })
      .execute();
    // The week of Monday 2 November 2026 (3 November, 文化の日, is a Japanese holiday); the desk's default hours are
    // Monday to Friday 09:00–18:00 Tokyo time; SLA targets 60 / 30 min (L1 / L2, business time) and 5 min (L3).
    await seed('A', {
      at: '2026-11-02T10:00',
      level: 3,
      status: 'resolved',
      resolvedAt: '2026-11-02T11:00',
      category: 'billing_error',
      messages: [
        ['customer', '2026-11-02T10:00'],
        ['reply', '2026-11-02T10:03'],
        ['customer', '2026-11-02T10:10'],
        ['reply', '2026-11-02T10:20'],
      ],
    });
    await seed('B', {
      at: '2026-11-02T17:30',
      level: 1,
      category: 'question',
      messages: [
        ['customer', '2026-11-02T17:30'],
        ['reply', '2026-11-04T09:30'],
      ],
    });
    await seed('C', {
      at: '2026-11-04T12:00',
      level: 2,
      category: 'defect',
      messages: [['customer', '2026-11-04T12:00']],
    });
    await seed('D', { at: '2026-11-05T20:00', level: 0, flag: 'spam', messages: [['customer', '2026-11-05T20:00']] });
    await seed('E', {
      at: '2026-11-06T09:00',
      level: 2,
      public: true,
      category: 'defect',
      messages: [
        ['customer', '2026-11-06T09:00'],
        ['reply', '2026-11-06T09:45'],
      ],
    });
    await seed('F', {
      at: '2026-10-27T10:00',
      level: 1,
      category: 'question',
      messages: [
        ['customer', '2026-10-27T10:00'],
        ['reply', '2026-10-27T12:00'],
      ],
    });
    const d = desk.koe.koe.db;
    // C was escalated to level 3 at 12:05 and taken at 12:15.
    await d
      .insertInto('escalations')
      .values({
        id: newId(),
        workspace_id: ws,
        conversation_id: ids.C,
        direction: 'up',
        from_agent_id: null,
        from_level: 2,
        to_level: 3,
        to_team_id: null,
        to_agent_id: null,
        note: '',
        status: 'accepted',
        created_at: jst('2026-11-04T12:05'),
        accepted_at: jst('2026-11-04T12:15'),
        accepted_by: null,
        resolved_at: null,
      })
      .execute();
    // A was reopened once by its customer, then resolved again.
    await d
      .updateTable('conversations')
      .set({ status: 'open', updated_at: jst('2026-11-02T10:50') })
      .where('id', '=', ids.A)
      .execute();
    await d.updateTable('conversations').set({ status: 'resolved' }).where('id', '=', ids.A).execute();
    while ((await refreshReportFacts(d, 1000)) > 0);
  });
  afterAll(() => desk.close());

  const week = 'from=2026-11-02&to=2026-11-08';

  it('computes the week’s figures as counted by hand, against the week before', async () => {
    const r = await desk.admin.get(`/api/reports/summary?${week}`);
    expect(r.status).toBe(200);
    const c = r.body.current;
    expect(r.body.timeZone).toBe('Asia/Tokyo');
    expect(r.body.from).toBe(jst('2026-11-02T00:00'));
    expect(r.body.to).toBe(jst('2026-11-09T00:00'));
    expect(r.body.previous).toEqual({ from: jst('2026-10-26T00:00'), to: jst('2026-11-02T00:00') });
    expect(c).toMatchObject({
      conversations: 5,
      owed: 4, // D is spam
      replied: 3,
      responseRate: 0.75,
      publicPosts: 1,
      publicReplied: 1,
      publicResponseRate: 1,
      within5m: 0.25, // A (3 min)
      within1h: 0.5, // A and E (45 min)
      // Calendar: 3 min, 45 min, 40 h (B waited from Monday 17:30 to Wednesday 09:30).
      frtMedianMs: 45 * MIN,
      frtP90Ms: 40 * 60 * MIN,
      // Business time: B waited 30 min on Monday, none on the holiday, 30 min on Wednesday.
      frtBusinessMedianMs: 45 * MIN,
      frtBusinessP90Ms: 60 * MIN,
      slaMet: 2, // A (3 ≤ 5 min), B (60 ≤ 60 business min)
      slaBreached: 2, // C (no reply past 12:30), E (45 > 30 min)
      slaAttainment: 0.5,
      nextResponseMeanMs: 10 * MIN, // A: customer 10:10, reply 10:20
      resolved: 1,
      resolutionMedianMs: 60 * MIN,
      reopenRate: 1,
      escalations: 1,
      handoffMedianMs: 10 * MIN,
    });
    expect(r.body.before).toMatchObject({ conversations: 1, replied: 1, frtMedianMs: 120 * MIN });
    expect(r.body.industryResponseRate).toBe(0.14);
    expect(r.body.slaByLevel).toEqual([
      { level: 1, met: 1, breached: 0, due: 0 },
      { level: 2, met: 0, breached: 2, due: 0 },
      { level: 3, met: 1, breached: 0, due: 0 },
    ]);
    expect(r.body.escalationsByLevel).toEqual([
      { level: 2, conversations: 0 },
      { level: 3, conversations: 1 },
    ]);
    const bins = Object.fromEntries(r.body.frtDistribution.map((b: any) => [b.bin, b.conversations]));
    expect(bins).toEqual({ lt5m: 1, '5to15m': 0, '15to60m': 1, '1to4h': 0, '4to24h': 0, gt24h: 1, none: 1 });
    // Monday (1) 10:00 and 17:00, Wednesday 12:00, Thursday 20:00, Friday 09:00.
    const cells = r.body.heatmap.flatMap((row: number[], wd: number) =>
      row.flatMap((n, h) => (n ? [`${wd}-${h}:${n}`] : [])),
    );
    expect(cells).toEqual(['1-10:1', '1-17:1', '3-12:1', '4-20:1', '5-9:1']);
    expect(r.body.days).toHaveLength(7);
    expect(r.body.days[0]).toEqual({
      day: '2026-11-02',
      conversations: 2,
      replied: 2,
      customerMessages: 3,
      agentMessages: 2,
    });
    // B's reply arrived on Wednesday: counted on the day it was written.
    expect(r.body.days[2]).toMatchObject({
      day: '2026-11-04',
      conversations: 1,
      customerMessages: 1,
      agentMessages: 1,
    });
    expect(r.body.categories.slice(0, 2)).toEqual([
      { category: 'defect', conversations: 2, before: 0, change: 2 },
      { category: 'billing_error', conversations: 1, before: 0, change: 1 },
    ]);
    const byLevel = Object.fromEntries(r.body.breakdown.level.map((x: any) => [x.key, x]));
    expect(byLevel['2']).toMatchObject({ conversations: 2, replied: 1, responseRate: 0.5, slaAttainment: 0 });
    expect(r.body.breakdown.channel[0]).toMatchObject({
      key: desk.channel.id,
      name: 'サイトのチャット',
      conversations: 5,
    });
  });

  it('says the same as a report derived from the raw tables', async () => {
    // Over the whole desk the report adds up per-day rollups. Every count, share, sum and mean must be equal to the
    // one derived from the raw tables; medians and 90th percentiles come from histograms and may differ from the exact
    // nearest-rank value by at most the width of the bin that value falls in: 1/64 of it (1 ms below 128 ms).
    expect(await reports.unrolled(desk.koe.koe.db, ws)).toBe(false);
    const naive = JSON.parse(
      JSON.stringify(await buildNaiveReport(desk.koe.koe.db, ws, { from: '2026-11-02', to: '2026-11-08' })),
    );
    const stored = { ...(await desk.admin.get(`/api/reports/summary?${week}`)).body, pending: 0 };
    expect(rollupDifferences(stored, naive)).toEqual([]);
    // The comparison fails on a percentile two bins away, and on any count that is off by one.
    const wide = 2 * binWidth(binOf(naive.current.frtMedianMs));
    const off = structuredClone(stored);
    off.current.frtMedianMs += wide;
    off.breakdown.level[0].resolutionMedianMs = (off.breakdown.level[0].resolutionMedianMs ?? 0) + 10 * 60_000;
    off.days[3].customerMessages++;
    expect(rollupDifferences(off, naive)).toEqual([
      '.current.frtMedianMs',
      '.days.3.customerMessages',
      '.breakdown.level.0.resolutionMedianMs',
    ]);
    // One channel or one level reads that scope's rollups (same tolerance); any other filter reads the facts and is
    // exactly the naive report.
    for (const q of [{ level: 2 }, { level: 0 }, { channel: desk.channel.id }, { channel: 'none' }]) {
      const exact = await buildNaiveReport(desk.koe.koe.db, ws, { from: '2026-11-02', to: '2026-11-08', ...q });
      const filtered = await buildDeskReport(desk.koe.koe.db, ws, { from: '2026-11-02', to: '2026-11-08', ...q });
      expect(rollupDifferences({ ...filtered, pending: 0 }, exact), JSON.stringify(q)).toEqual([]);
    }
    for (const q of [{ category: 'defect' }, { level: 2, channel: desk.channel.id }]) {
      const exact = await buildNaiveReport(desk.koe.koe.db, ws, { from: '2026-11-02', to: '2026-11-08', ...q });
      const filtered = await buildDeskReport(desk.koe.koe.db, ws, { from: '2026-11-02', to: '2026-11-08', ...q });
      expect({ ...filtered, pending: 0 }).toEqual(exact);
    }
  });

  it('counts the facts already there when the rollups arrive (migration 021), reading the facts until then', async () => {
    const d = desk.koe.koe.db;
    const range = { from: '2026-10-26', to: '2026-11-08' };
    const exact = JSON.parse(JSON.stringify(await buildNaiveReport(d, ws, range)));
    const migrator = new Migrator({ db: d, provider: migrationProvider });
    const down = await migrator.migrateTo('020_weekly_summary');
    expect(down.error).toBeUndefined();
    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    expect(await reports.unrolled(d, ws)).toBe(true);
    expect(rollupDifferences({ ...(await buildDeskReport(d, ws, range)), pending: 0 }, exact)).toEqual([]);
    while ((await refreshReportFacts(d, 1000)) > 0);
    expect(await reports.unrolled(d, ws)).toBe(false);
    expect(rollupDifferences({ ...(await buildDeskReport(d, ws, range)), pending: 0 }, exact)).toEqual([]);
  });

  it('recomputes every conversation when the SLA targets or opening hours change', async () => {
    const settings = (await desk.admin.get('/api/settings/desk')).body;
    const put = await desk.admin.req('PUT', '/api/settings/desk', {
      ...settings,
      sla: { ...settings.sla, firstResponseMins: { ...settings.sla.firstResponseMins, 3: 2 } },
    });
    expect(put.status).toBe(200);
    expect((await desk.admin.get(`/api/reports/summary?${week}`)).body.pending).toBeGreaterThanOrEqual(6);
    while ((await refreshReportFacts(desk.koe.koe.db, 1000)) > 0);
    const r = (await desk.admin.get(`/api/reports/summary?${week}`)).body;
    expect(r.pending).toBe(0);
    // A's 3-minute first reply now misses a 2-minute target.
    expect(r.slaByLevel.find((l: any) => l.level === 3)).toEqual({ level: 3, met: 0, breached: 1, due: 0 });
    expect((await desk.admin.req('PUT', '/api/settings/desk', settings)).status).toBe(200);
    while ((await refreshReportFacts(desk.koe.koe.db, 1000)) > 0);
  });

  it('narrows every figure by a filter', async () => {
    const r = await desk.admin.get(`/api/reports/summary?${week}&level=2`);
    expect(r.body.current).toMatchObject({ conversations: 2, replied: 1, slaBreached: 2 });
    expect(r.body.messagesByDay).toBe(false);
  });

  it('opens the conversations behind a bar or cell', async () => {
    const list = async (cell: string) => {
      const r = await desk.admin.get(`/api/reports/conversations?${week}&cell=${encodeURIComponent(cell)}`);
      expect(r.status).toBe(200);
      return (r.body.items as any[]).map((i) => i.preview).sort();
    };
    expect(await list('frt=none')).toEqual(['C']);
    expect(await list('sla=2-breached')).toEqual(['C', 'E']);
    expect(await list('hour=1-17')).toEqual(['B']);
    expect(await list('day=2026-11-02')).toEqual(['A', 'B']);
    expect(await list('escalated=3')).toEqual(['C']);
    expect(await list('category=defect')).toEqual(['C', 'E']);
    expect(await list(`channel=${desk.channel.id}`)).toEqual(['A', 'B', 'C', 'D', 'E']);
    const bad = await desk.admin.get(`/api/reports/conversations?${week}&cell=hour=9-99`);
    expect(bad.status).toBe(400);
    expect((await desk.admin.get(`/api/reports/summary?from=2026-11-08&to=2026-11-02`)).status).toBe(400);
    // Dates that are not in the calendar, or a range beyond two years, are refused, never a 500.
    for (const q of [
      'from=2024-13-01',
      'to=2024-02-31',
      'from=0000-01-01&to=9999-12-31',
      'from=2020-01-01&to=2026-01-01',
    ])
      for (const path of ['summary', 'conversations', 'export.csv'])
        expect((await desk.admin.raw('GET', `/api/reports/${path}?${q}`)).status, `${path}?${q}`).toBe(400);
    expect((await desk.admin.get('/api/reports/summary?from=2019-01-01')).status).toBe(400); // to defaults to today
  });

  /** The export in a language (`lang`, or the agent's by default): its header and rows. */
  async function exportCsv(query: string) {
    const r = await desk.admin.raw('GET', `/api/reports/export.csv?${week}${query}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await r.arrayBuffer());
    // A byte-order mark first, so spreadsheet programs read the Japanese as UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [head, ...rows] = parseCsv(new TextDecoder().decode(bytes));
    const cell = (key: string, column: string) => {
      expect(head, column).toContain(column);
      const row = rows.find((x) => x[0] === refs[key]);
      expect(row, key).toBeDefined();
      return row![head.indexOf(column)];
    };
    const col = (column: string) => rows.map((row) => row[head.indexOf(column)]);
    return { head, rows, cell, col };
  }
  const refs: Record<string, string> = {};
  /** Internal codes a person must never read in the export. */
  const CODES =
    /^(billing_error|question|defect|neutral|open|resolved|spam|troll|webchat|met|breached|due|none)$|[0-9a-f]{8}-[0-9a-f]{4}-/;

  it('exports one CSV row per conversation with the figures the API gives, in words', async () => {
    // The reference each conversation shows in the app (「#3F2A9C1E」), as the conversation API gives it.
    for (const key of ['A', 'B', 'C', 'D', 'E'])
      refs[key] = `#${(await desk.admin.get(`/api/conversations/${ids[key]}`)).body.reference}`;
    const { head, rows, cell, col } = await exportCsv('&lang=ja');
    expect(head.slice(0, 3)).toEqual(['お問い合わせ番号', '会話へのリンク', '受信日時']);
    expect(head).toHaveLength(27);
    const summary = (await desk.admin.get(`/api/reports/summary?${week}`)).body.current;
    expect(rows).toHaveLength(summary.conversations);
    expect(col('お問い合わせ番号').sort()).toEqual(['A', 'B', 'C', 'D', 'E'].map((k) => refs[k]).sort());
    expect(col('初回応答（分）').filter(Boolean).length).toBe(summary.replied);
    expect(col('SLA（初回応答）').filter((s) => s === '超過').length).toBe(summary.slaBreached);
    expect(col('SLA（初回応答）').filter((s) => s === '達成').length).toBe(summary.slaMet);
    expect(cell('B', '初回応答（分）')).toBe('2400');
    expect(cell('B', '初回応答・営業時間内（分）')).toBe('60');
    expect(cell('B', '受信日時')).toBe('2026-11-02 17:30');
    expect(cell('B', 'チャネル')).toBe('サイトのチャット');
    expect(cell('B', 'チャネルの種類')).toBe('Webチャット');
    expect(cell('B', 'レベル')).toBe('L1');
    expect(cell('B', '分類')).toBe('質問');
    expect(cell('B', '感情')).toBe('ニュートラル');
    expect(cell('B', '状態')).toBe('対応中');
    expect(cell('B', 'チーム')).toBe('チームなし');
    expect(cell('B', '担当者')).toBe('未割り当て');
    expect(cell('B', '公開投稿')).toBe('いいえ');
    expect(cell('B', '別枠（スパム・荒らし）')).toBe('');
    // The link opens the conversation (the address the request came to when KOE_PUBLIC_URL is not set).
    expect(cell('B', '会話へのリンク')).toBe(`${desk.koe.base}/conversations/${ids.B}`);
    expect(cell('A', '分類')).toBe('請求トラブル');
    expect(cell('A', '状態')).toBe('解決済み');
    expect(cell('A', '再オープン回数')).toBe('1');
    expect(cell('C', 'エスカレーション先')).toBe('L3');
    expect(cell('C', 'SLA（初回応答）')).toBe('超過');
    expect(cell('D', '別枠（スパム・荒らし）')).toBe('スパムの疑い');
    expect(cell('D', '分類')).toBe('分類なし');
    expect(cell('E', '公開投稿')).toBe('はい');
    // No cell carries a code or a conversation id, except inside the link.
    const link = head.indexOf('会話へのリンク');
    for (const row of rows) for (const [i, v] of row.entries()) if (i !== link) expect(v).not.toMatch(CODES);
    expect(new Set(col('公開投稿'))).toEqual(new Set(['はい', 'いいえ']));
  });

  it("exports in English when asked, and in the agent's own language by default", async () => {
    const en = await exportCsv('&lang=en');
    expect(en.head.slice(0, 3)).toEqual(['Reference number', 'Link to the conversation', 'Received (desk time)']);
    expect(en.cell('B', 'Category')).toBe('questions');
    expect(en.cell('B', 'Status')).toBe('open');
    expect(en.cell('B', 'Agent')).toBe('unassigned');
    expect(en.cell('A', 'Category')).toBe('billing errors');
    expect(en.cell('C', 'SLA (first response)')).toBe('breached');
    expect(en.cell('D', 'Set aside (spam or troll)')).toBe('possible spam');
    expect(en.cell('E', 'Public post')).toBe('yes');
    expect(en.cell('B', 'Channel type')).toBe('web chat');

    // No `lang`: the signed-in agent's language.
    expect((await exportCsv('')).head[0]).toBe('お問い合わせ番号');
    expect((await desk.admin.patch('/api/me', { locale: 'en' })).status).toBe(200);
    try {
      expect((await exportCsv('')).head[0]).toBe('Reference number');
    } finally {
      await desk.admin.patch('/api/me', { locale: 'ja' });
    }
    expect((await desk.admin.raw('GET', `/api/reports/export.csv?${week}&lang=fr`)).status).toBe(400);

    // With KOE_PUBLIC_URL, the link is the desk's public address.
    const config = desk.koe.koe.config as { publicUrl?: string };
    const before = config.publicUrl;
    config.publicUrl = 'https://support.example.jp';
    try {
      expect((await exportCsv('&lang=ja')).cell('B', '会話へのリンク')).toBe(
        `https://support.example.jp/conversations/${ids.B}`,
      );
    } finally {
      config.publicUrl = before;
    }
  });

  it('follows a conversation as the desk works it, and is for supervisors and admins only', async () => {
    const c = await desk.write('注文した商品が届きません。確認をお願いします。');
    expect(
      (await desk.admin.post(`/api/conversations/${c.id}/messages`, { text: '担当の山田です。すぐに確認します。' }))
        .status,
    ).toBe(201);
    await desk.koe.koe.jobs.drain();
    while ((await refreshReportFacts(desk.koe.koe.db, 1000)) > 0);
    const today = (await desk.admin.get('/api/reports/summary')).body;
    expect(today.current.conversations).toBe(1);
    expect(today.current.replied).toBe(1);
    expect(today.pending).toBe(0);

    const email = 'agent-reports@example.jp';
    await desk.admin.post('/api/agents', {
      email,
      password: 'agent-password-1',
      name: '加藤',
      role: 'agent',
      level: 1,
    });
    const agent = new Client(desk.koe.base);
    expect((await agent.post('/api/auth/login', { email, password: 'agent-password-1' })).status).toBe(200);
    expect((await agent.get('/api/reports/summary')).status).toBe(403);
    expect((await agent.raw('GET', '/api/reports/export.csv')).status).toBe(403);
  });

  it('counts a first reply that falls due after the facts were computed, and settles it on the next round', async () => {
    const d = desk.koe.koe.db;
    const id = newId();
    const t0 = new Date();
    const created = new Date(t0.getTime() - MIN).toISOString();
    await d
      .insertInto('conversations')
      .values({
        id,
        workspace_id: ws,
        channel_id: desk.channel.id,
        customer_id: customer,
        status: 'open',
        level: 3,
        priority: 30,
        sentiment: 'negative',
        categories: '["outage"]',
        tags: '[]',
        assignee_id: null,
        preview: 'due',
        last_message_at: created,
        waiting_since: created,
        sort_wait: created,
        first_response_at: null,
        resolved_at: null,
        created_at: created,
        updated_at: created,
        flag: null,
        triage_reasons: '[]',
      })
      .execute();
    while ((await refreshReportFacts(d, 1000, t0)) > 0);
    const level3 = (r: { slaByLevel: { level: number; due: number; breached: number }[] }) =>
      r.slaByLevel.find((l) => l.level === 3)!;
    const before = await buildDeskReport(d, ws, {}, t0);
    expect(level3(before).due).toBeGreaterThanOrEqual(1);
    // Ten minutes later the 5-minute target has passed, though nothing changed the conversation.
    const later = new Date(t0.getTime() + 10 * MIN);
    const stored = await buildDeskReport(d, ws, {}, later);
    expect(level3(stored)).toMatchObject({ due: level3(before).due - 1, breached: level3(before).breached + 1 });
    const exact = JSON.parse(JSON.stringify(await buildNaiveReport(d, ws, {}, later)));
    expect(rollupDifferences({ ...stored, pending: 0 }, exact)).toEqual([]);
    expect(await refreshReportFacts(d, 1000, later)).toBeGreaterThanOrEqual(1);
    const fact = await d
      .selectFrom('conversation_facts')
      .select('sla')
      .where('conversation_id', '=', id)
      .executeTakeFirst();
    expect(fact?.sla).toBe('breached');
    expect(rollupDifferences({ ...(await buildDeskReport(d, ws, {}, later)), pending: 0 }, exact)).toEqual([]);
  });
});
