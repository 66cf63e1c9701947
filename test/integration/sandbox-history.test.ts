import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshReportFacts } from '../../src/desk/reports/facts';
import { apiDirectory, startSandbox, type Sandbox } from '../../src/sandbox';
import { seedHistory } from '../../src/sandbox/history';
import { conversations } from '../../src/store/repositories';
import { dialects, openDesk, type OpenDesk } from './harness';

/** The sandbox's past month: a fresh desk's reports have something to show. */
describe.each(dialects)('sandbox history (%s)', (dialect) => {
  let desk: OpenDesk;
  let sandbox: Sandbox;
  let ws: string;

  beforeAll(async () => {
    desk = await openDesk(dialect);
    ws = (await desk.admin.get('/api/me')).body.workspace.id;
    const token = (await desk.admin.post('/api/tokens', { name: 'sandbox' })).body.token;
    sandbox = await startSandbox({ port: 0, ratePerMinute: 0 });
    await sandbox.connect(desk.koe.base, apiDirectory(desk.koe.base, token));
  }, 20_000);
  afterAll(async () => {
    await sandbox?.stop();
    await desk?.close();
  });

  it('writes past days of answered, resolved and rated conversations once, and the report shows them', async () => {
    const db = desk.koe.koe.db;
    const seeded = await seedHistory(db, ws, { days: 14, perDay: 20 });
    expect(seeded!.conversations).toBeGreaterThan(14 * 12);
    expect(await seedHistory(db, ws, { days: 14, perDay: 20 })).toBeNull();
    expect(await conversations.counts(db, ws, 'nobody')).toEqual(await conversations.countsByScan(db, ws, 'nobody'));

    while ((await refreshReportFacts(db, 1000)) > 0);
    const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
    const from = new Date(Date.parse(today) - 14 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.parse(today) - 86_400_000).toISOString().slice(0, 10);
    const r = (await desk.admin.get(`/api/reports/summary?from=${from}&to=${to}`)).body;
    expect(r.current.conversations).toBe(seeded!.conversations);
    // Most answered, some set aside as spam, urgent ones fast, and ratings in.
    expect(r.current.responseRate).toBeGreaterThan(0.7);
    expect(r.current.responseRate).toBeLessThan(1);
    expect(r.current.owed).toBeLessThan(r.current.conversations);
    expect(r.current.csatResponses).toBeGreaterThan(10);
    expect(r.current.csatAverage).toBeGreaterThan(2.5);
    expect(r.current.frtMedianMs).toBeGreaterThan(0);
    expect(r.slaByLevel.find((l: any) => l.level === 3).met).toBeGreaterThan(0);
    expect(r.breakdown.channel.length).toBeGreaterThanOrEqual(4);
    expect(r.days.every((d: any) => d.conversations > 0 && d.customerMessages > 0)).toBe(true);
    expect(r.heatmap.flat().filter((n: number) => n > 0).length).toBeGreaterThan(50);

    // The listening queries found a fortnight of posts that needed no answer, day by day.
    const listened = (await desk.admin.get('/api/listening/summary?days=15')).body;
    const past = listened.days.slice(0, 14);
    expect(past.filter((d: any) => d.negative + d.neutral + d.positive > 0).length).toBeGreaterThanOrEqual(13);
    expect(listened.totals.needsAnswer).toBe(0);
    expect(listened.totals.posts).toBeGreaterThan(14 * 3);
  });
});
