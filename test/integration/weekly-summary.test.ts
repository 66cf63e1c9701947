import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { refreshReportFacts } from '../../src/desk/reports/facts';
import { dueWeek, sendWeeklySummaries } from '../../src/desk/reports/weekly';
import {
  Client,
  dialects,
  freshDatabase,
  seededDesk,
  startKoe,
  Visitor,
  type RunningKoe,
  type TestDatabase,
} from './harness';
import { mailRelay } from './mail-relay';

describe('the week a summary is due for', () => {
  it('is the last complete week, from Monday 09:00 in the desk’s time zone', () => {
    // Monday 7 December 2026, 09:30 and 08:30 in Tokyo; Sunday 6 December.
    expect(dueWeek(new Date('2026-12-07T00:30:00Z'), 'Asia/Tokyo')).toBe('2026-11-30');
    expect(dueWeek(new Date('2026-12-06T23:30:00Z'), 'Asia/Tokyo')).toBeNull();
    expect(dueWeek(new Date('2026-12-06T03:00:00Z'), 'Asia/Tokyo')).toBeNull();
  });
});

describe.each(dialects)('weekly summary email (%s)', (dialect) => {
  let db: TestDatabase;
  let koe: RunningKoe;
  let relay: Awaited<ReturnType<typeof mailRelay>>;

  beforeAll(async () => {
    relay = await mailRelay();
    db = await freshDatabase(dialect);
    koe = await startKoe(db, {
      env: { KOE_SMTP_URL: `smtp://127.0.0.1:${relay.port}`, KOE_PUBLIC_URL: 'https://desk.koe.example' },
    });
    const { admin, channel } = await seededDesk(koe.base);
    const visitor = new Visitor(koe.base, channel.publicKey);
    await visitor.open();
    await visitor.say('注文のキャンセルはできますか');
    await koe.koe.jobs.drain();
    await admin.post('/api/agents', {
      email: 'lead@koe.example',
      password: 'agent-password-1',
      name: 'Lead',
      role: 'supervisor',
      level: 3,
    });
    // The supervisor reads Koe in English (their own setting).
    const lead = new Client(koe.base);
    expect(
      (await lead.post('/api/auth/login', { email: 'lead@koe.example', password: 'agent-password-1' })).status,
    ).toBe(200);
    expect((await lead.patch('/api/me', { locale: 'en' })).status).toBe(200);
    await admin.post('/api/agents', {
      email: 'agent@koe.example',
      password: 'agent-password-1',
      name: '鈴木',
      role: 'agent',
      level: 1,
    });
    while ((await refreshReportFacts(koe.koe.db, 1000)) > 0);
  });
  afterAll(async () => {
    await koe.stop();
    await db.drop();
    await relay.close();
  });

  it('goes once a week to supervisors and admins, each in their language, with a link to the week’s report', async () => {
    const deps = { db: koe.koe.db, log: pino({ level: 'silent' }), config: koe.koe.config };
    // The conversation above was written this week: its summary is due next Monday from 09:00 Tokyo time (00:00 UTC).
    const local = new Date(Date.now() + 9 * 3_600_000);
    const ahead = (8 - local.getUTCDay()) % 7 || 7;
    const at = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + ahead, 1));
    expect(await sendWeeklySummaries(deps, new Date(at.getTime() - 2 * 3_600_000))).toBe(0); // 08:00 Monday
    expect(await sendWeeklySummaries(deps, at)).toBe(2);
    expect(await sendWeeklySummaries(deps, at)).toBe(0); // once
    const to = relay.received.map((r) => r.to[0]).sort();
    expect(to).toEqual(['admin@koe.example', 'lead@koe.example']);
    const ja = relay.received.find((r) => r.to[0] === 'admin@koe.example')!.mail;
    const en = relay.received.find((r) => r.to[0] === 'lead@koe.example')!.mail;
    expect(ja.subject).toMatch(/^【Koeマート】週間レポート \d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}$/);
    expect(ja.text).toContain('・受信した会話: 1（前週 0）');
    expect(ja.text).toContain('業界平均 14%');
    expect(ja.text).toMatch(/レポート: https:\/\/desk\.koe\.example\/reports\?from=\d{4}-\d{2}-\d{2}&to=/);
    expect(en.subject).toMatch(/^\[Koeマート\] Weekly report /);
    expect(en.text).toContain('- Conversations received: 1 (week before: 0)');
    expect(en.text).not.toMatch(/billing_error|question\b/);
  });
});
