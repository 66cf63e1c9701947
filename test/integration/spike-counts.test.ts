import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as arrivalsMigration from '../../src/store/migrations/029_category_arrivals';
import { countArrival, pruneArrivalCounts } from '../../src/desk/incidents';
import { spikeAlerts } from '../../src/store/repositories';
import { dialects, openDesk, Visitor, type OpenDesk } from './harness';

/** Spike detection reads counts of arrivals per category and minute, kept as conversations are created. */
describe.each(dialects)('category arrival counts for spike detection (%s)', (dialect) => {
  let desk: OpenDesk;
  let ws: string;
  const count = (category: string, from: string, to: string) =>
    spikeAlerts.countCategory(desk.koe.koe.db, ws, category, from, to);
  const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();
  const now = () => new Date(Date.now() + 60_000).toISOString();

  beforeAll(async () => {
    desk = await openDesk(dialect);
    ws = (await desk.admin.get('/api/me')).body.workspace.id;
  });
  afterAll(async () => {
    await desk?.close();
  });

  it('counts each new conversation once under its urgent categories, not a second message or a plain question', async () => {
    const visitors: Visitor[] = [];
    for (const text of [
      'アプリが開けません。障害ですか？',
      'The app is down, I cannot log in',
      '営業時間を教えてください',
    ]) {
      const v = new Visitor(desk.koe.base, desk.channel.publicKey);
      await v.open();
      await v.say(text);
      visitors.push(v);
    }
    await desk.koe.koe.jobs.drain();
    expect(await count('outage', hourAgo(), now())).toBe(2);
    // The same customer writing again continues the conversation: no new arrival.
    await visitors[0].say('まだ開けません。サーバー落ちてますか？');
    await desk.koe.koe.jobs.drain();
    expect(await count('outage', hourAgo(), now())).toBe(2);
    expect(await count('faq', hourAgo(), now())).toBe(0); // only urgent categories are counted
  });

  it('fills the counts of the last day from the conversations already there when the table is added', async () => {
    const before = await desk.koe.koe.db
      .selectFrom('category_arrivals')
      .selectAll()
      .where('workspace_id', '=', ws)
      .execute();
    expect(before.length).toBeGreaterThan(0);
    await arrivalsMigration.down(desk.koe.koe.db);
    await arrivalsMigration.up(desk.koe.koe.db);
    expect(await count('outage', hourAgo(), now())).toBe(2);
  });

  it('splits time by whole minutes: back-to-back periods never count an arrival twice or lose one', async () => {
    const db = desk.koe.koe.db;
    for (const at of [
      '2026-03-01T12:00:05.000Z',
      '2026-03-01T12:00:59.999Z',
      '2026-03-01T12:01:00.000Z',
      '2026-03-01T12:09:30.000Z',
    ])
      await countArrival(db, ws, ['billing_error'], at);
    await countArrival(db, ws, ['billing_error', 'billing_error', 'outage'], '2026-03-01T11:50:00.000Z');
    const t = (hm: string) => `2026-03-01T${hm}.000Z`;
    // (11:59:40, 12:09:40] holds the minutes 12:00 … 12:09; the period before it ends with the minute 11:59.
    expect(await count('billing_error', t('11:59:40'), t('12:09:40'))).toBe(4);
    expect(await count('billing_error', t('11:00:00'), t('11:59:40'))).toBe(1); // counted once, not twice
    expect(
      (await count('billing_error', t('11:00:00'), t('12:00:30'))) +
        (await count('billing_error', t('12:00:30'), t('12:30:00'))),
    ).toBe(5);
    expect(await count('outage', t('11:00:00'), t('12:00:00'))).toBe(1);
  });

  it('forgets counts older than two days and a bit, keeping the baseline a spike check reads', async () => {
    const db = desk.koe.koe.db;
    const t = (d: string) => `2026-03-${d}.000Z`;
    // Kept: 2 × (a day of baseline + the 10-minute window) = 48 h 20 min back from now.
    await pruneArrivalCounts(db, new Date(t('03T12:10:00')));
    expect(await count('billing_error', t('01T00:00:00'), t('02T00:00:00'))).toBe(5);
    await pruneArrivalCounts(db, new Date(t('03T12:11:00')));
    expect(await count('billing_error', t('01T00:00:00'), t('01T12:00:00'))).toBe(2); // the 11:50 arrival is gone
    expect(await count('outage', t('01T00:00:00'), t('01T12:00:00'))).toBe(0);
    await pruneArrivalCounts(db, new Date(t('05T00:00:00')));
    expect(await count('billing_error', t('01T00:00:00'), t('02T00:00:00'))).toBe(0);
    expect(await count('outage', hourAgo(), now())).toBe(2); // today's stay
  });
});
