import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/ids';
import { NOT_WAITING } from '../../src/store/repositories/conversations';
import {
  Client,
  dialects,
  freshDatabase,
  seededDesk,
  startKoe,
  Visitor,
  waitFor,
  type RunningKoe,
  type TestDatabase,
} from './harness';

describe.each(dialects)('inbox views, pagination and restarts (%s)', (dialect) => {
  let db: TestDatabase;
  let koe: RunningKoe;
  let admin: Client;
  let channel: any;

  beforeAll(async () => {
    db = await freshDatabase(dialect);
    koe = await startKoe(db);
    ({ admin, channel } = await seededDesk(koe.base));
  });
  afterAll(async () => {
    await koe.stop();
    await db.drop();
  });

  it('pages through every conversation once, by priority then longest waiting', async () => {
    const d = koe.koe.db;
    const ws = (await admin.get('/api/me')).body.workspace.id;
    const customerId = newId();
    await d
      .insertInto('customers')
      .values({ id: customerId, workspace_id: ws, name: '田中', email: null, created_at: new Date().toISOString() })
      .execute();
    const rows = Array.from({ length: 137 }, (_, i) => {
      const waiting = i % 5 === 0 ? null : new Date(Date.UTC(2026, 10, 1, 0, i % 17)).toISOString();
      return {
        id: newId(),
        workspace_id: ws,
        channel_id: channel.id,
        customer_id: customerId,
        status: 'open',
        level: i % 4,
        priority: ((i * 37) % 7) * 10,
        sentiment: null,
        categories: '[]',
        tags: '[]',
        assignee_id: null,
        preview: `#${i}`,
        last_message_at: '2026-11-01T00:00:00.000Z',
        waiting_since: waiting,
        sort_wait: waiting ?? NOT_WAITING,
        first_response_at: null,
        resolved_at: null,
        created_at: '2026-11-01T00:00:00.000Z',
        updated_at: '2026-11-01T00:00:00.000Z',
        flag: null,
        triage_reasons: '[]',
      };
    });
    await d.insertInto('conversations').values(rows).execute();

    const seen: any[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r: any = await admin.get(`/api/conversations?view=all_open&limit=40${cursor ? `&cursor=${cursor}` : ''}`);
      expect(r.status).toBe(200);
      seen.push(...r.body.items);
      cursor = r.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(137);
    expect(new Set(seen.map((c) => c.id)).size).toBe(137);
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1], seen[i]];
      expect(a.priority >= b.priority).toBe(true);
      if (a.priority === b.priority)
        expect((a.waitingSince ?? NOT_WAITING) <= (b.waitingSince ?? NOT_WAITING)).toBe(true);
    }
    const counts = (await admin.get('/api/conversations/counts')).body;
    expect(counts).toMatchObject({ all_open: 137, unassigned: 137, mine: 0 });
    expect(counts.byChannel[channel.id]).toBe(137);
    const level3 = (await admin.get('/api/conversations?level=3&limit=100')).body.items;
    expect(level3.length).toBe(rows.filter((r) => r.level === 3).length);
    expect((await admin.get(`/api/conversations?channel=${channel.id}&status=resolved`)).body.items).toHaveLength(0);
  });

  it('loses nothing across a restart, including work queued while the server was down', async () => {
    const visitor = new Visitor(koe.base, channel.publicKey);
    await visitor.open();
    await visitor.say('再起動テスト：届いていますか？');
    await koe.koe.jobs.drain();
    const before = (await admin.get('/api/conversations/counts')).body;

    // Stop the job runner first so the next event is recorded but not yet processed, then restart.
    await koe.koe.jobs.stop();
    await visitor.say('停止中に送ったメッセージ');
    await koe.stop();
    koe = await startKoe(db);
    const again = new Client(koe.base);
    expect(
      (await again.post('/api/auth/login', { email: 'admin@koe.example', password: 'correct-horse-battery' })).status,
    ).toBe(200);
    const reloaded = new Visitor(koe.base, channel.publicKey);
    reloaded.token = visitor.token;
    await waitFor(async () => (await reloaded.history()).some((m) => m.text === '停止中に送ったメッセージ'));
    expect((await again.get('/api/conversations/counts')).body.all_open).toBe(before.all_open);
    expect((await reloaded.history()).map((m) => m.text)).toEqual([
      '再起動テスト：届いていますか？',
      '停止中に送ったメッセージ',
    ]);
    admin = again;
  });
});
