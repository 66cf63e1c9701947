import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/ids';
import { conversations } from '../../src/store/repositories';
import { NOT_WAITING } from '../../src/store/repositories/conversations';
import { Migrator } from 'kysely';
import { benchWorkspace } from '../../bench/seed';
import { migrateToLatest, openStore } from '../../src/store/db';
import { migrationProvider } from '../../src/store/migrations';
import { dialects, freshDatabase, openDesk, type OpenDesk } from './harness';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe.each(dialects)('inbox counts kept by the database (%s)', (dialect) => {
  let desk: OpenDesk;
  let ws: string;
  let agents: string[];
  let teams: string[];
  let channels: string[];
  let customer: string;
  const rnd = random(20261207);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const STATUSES = ['open', 'open', 'pending', 'resolved', 'closed'] as const;
  const FLAGS = [null, null, null, 'spam', 'troll', 'other'] as const;
  const MARKS = [null, null, 'needs_look', 'competitor'] as const;

  beforeAll(async () => {
    desk = await openDesk(dialect);
    ws = (await desk.admin.get('/api/me')).body.workspace.id;
    agents = [(await desk.admin.get('/api/me')).body.agent.id];
    for (const email of ['kato@example.jp', 'mori@example.jp']) {
      const r = await desk.admin.post('/api/agents', {
        email,
        password: 'agent-password-1',
        name: email,
        role: 'agent',
        level: 1,
      });
      expect(r.body).toMatchObject({ id: expect.any(String) });
      agents.push(r.body.id);
    }
    teams = [];
    for (const name of ['請求', '配送'])
      teams.push((await desk.admin.post('/api/teams', { name, memberIds: [] })).body.id);
    const second = await desk.admin.post('/api/channels', { kind: 'webchat', name: 'アプリ内チャット' });
    channels = [desk.channel.id, second.body.id];
    customer = newId();
    await desk.koe.koe.db
      .insertInto('customers')
      .values({ id: customer, workspace_id: ws, name: '佐藤', email: null, created_at: new Date().toISOString() })
      .execute();
  });
  afterAll(() => desk.close());

  const row = () => {
    const at = new Date(Date.UTC(2026, 11, 1, 0, Math.floor(rnd() * 1000))).toISOString();
    return {
      id: newId(),
      workspace_id: ws,
      channel_id: pick(channels),
      customer_id: customer,
      status: pick(STATUSES),
      level: Math.floor(rnd() * 4),
      priority: Math.floor(rnd() * 100),
      sentiment: null,
      categories: '[]',
      tags: '[]',
      assignee_id: pick([null, ...agents]),
      team_id: pick([null, ...teams]),
      flag: pick(FLAGS),
      triage_mark: pick(MARKS),
      preview: 'x',
      last_message_at: at,
      waiting_since: at,
      sort_wait: at ?? NOT_WAITING,
      first_response_at: null,
      resolved_at: null,
      created_at: at,
      updated_at: at,
      triage_reasons: '[]',
    };
  };
  const expectSame = async () => {
    for (const me of [...agents, 'nobody']) {
      const kept = await conversations.counts(desk.koe.koe.db, ws, me);
      const counted = await conversations.countsByScan(desk.koe.koe.db, ws, me);
      expect(kept).toEqual(counted);
    }
  };

  it('match a count of the table after inserts, every kind of update and deletes', async () => {
    const d = desk.koe.koe.db;
    const ids: string[] = [];
    const rows = Array.from({ length: 400 }, row);
    await d.insertInto('conversations').values(rows).execute();
    ids.push(...rows.map((r) => r.id));
    await expectSame();
    const before = await conversations.counts(d, ws, agents[0]);
    expect(before.all_open + before.flagged).toBe(before.open);
    expect(before.needs_look).toBeGreaterThan(0);

    for (let i = 0; i < 300; i++) {
      const id = pick(ids);
      const change = pick(['status', 'assignee_id', 'team_id', 'flag', 'triage_mark', 'channel_id', 'many'] as const);
      const next = row();
      const set =
        change === 'many'
          ? { status: next.status, assignee_id: next.assignee_id, flag: next.flag, triage_mark: next.triage_mark }
          : { [change]: next[change] };
      await d.updateTable('conversations').set(set).where('id', '=', id).execute();
      // Moves are folded into the buckets now and then; the counts are exact before and after.
      if (i % 97 === 0) await conversations.foldCountChanges(d);
    }
    // An update of columns the counts do not depend on leaves them alone.
    await d.updateTable('conversations').set({ priority: 5, preview: 'y' }).where('workspace_id', '=', ws).execute();
    await expectSame();

    // A conversation removed (the only delete path is a test's or an operator's) leaves its bucket.
    const gone = ids.splice(0, 25);
    await d.deleteFrom('conversations').where('id', 'in', gone).execute();
    await expectSame();
  });

  it('are the same after the moves are folded, which leaves none behind', async () => {
    const d = desk.koe.koe.db;
    const before = await conversations.counts(d, ws, agents[0]);
    expect(await conversations.foldCountChanges(d)).toBeGreaterThan(0);
    const left = await d
      .selectFrom('conversation_count_changes')
      .select((eb) => eb.fn.countAll().as('n'))
      .execute();
    expect(Number(left[0].n)).toBe(0);
    expect(await conversations.counts(d, ws, agents[0])).toEqual(before);
    expect(await conversations.foldCountChanges(d)).toBe(0);
    await expectSame();
  });

  it('are untouched by a change that is rolled back', async () => {
    const d = desk.koe.koe.db;
    const before = await conversations.counts(d, ws, agents[0]);
    await expect(
      d.transaction().execute(async (tx) => {
        await tx.updateTable('conversations').set({ status: 'closed' }).where('workspace_id', '=', ws).execute();
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    expect(await conversations.counts(d, ws, agents[0])).toEqual(before);
  });

  it('stay right under concurrent changes moving conversations both ways between the same buckets', async () => {
    const d = desk.koe.koe.db;
    const rows = Array.from({ length: 40 }, () => ({ ...row(), status: 'open', flag: null, triage_mark: null }));
    await d.insertInto('conversations').values(rows).execute();
    // Half move from unassigned to an agent, half the other way, each batch in its own transaction, all at once.
    const batches = Array.from({ length: 8 }, (_, b) => rows.filter((_, i) => i % 8 === b));
    await Promise.all(
      batches.map((batch, b) =>
        d.transaction().execute(async (tx) => {
          for (const r of batch)
            await tx
              .updateTable('conversations')
              .set({ assignee_id: b % 2 ? null : agents[1], team_id: b % 2 ? teams[0] : null })
              .where('id', '=', r.id)
              .execute();
        }),
      ),
    );
    await Promise.all([conversations.foldCountChanges(d), conversations.foldCountChanges(d)]);
    await expectSame();
  });

  it('are what the inbox shows after a customer writes', async () => {
    const before = (await desk.admin.get('/api/conversations/counts')).body;
    await desk.write('注文した商品がまだ届きません');
    const after = (await desk.admin.get('/api/conversations/counts')).body;
    expect(after.open).toBe(before.open + 1);
    expect(after.all_open + after.flagged).toBe(after.open);
    await expectSame();
  });
});

describe.each(dialects)('inbox counts on a desk that had conversations before they were kept (%s)', (dialect) => {
  it('start from a count of what is there', async () => {
    const tdb = await freshDatabase(dialect);
    const store = openStore({ databaseUrl: tdb.url, dataDir: tdb.dataDir });
    try {
      const migrator = new Migrator({ db: store.db, provider: migrationProvider });
      expect((await migrator.migrateTo('016_brand_awareness')).error).toBeUndefined();
      const { ws, ch, now } = await benchWorkspace(store.db);
      const cu = newId();
      await store.db
        .insertInto('customers')
        .values({ id: cu, workspace_id: ws, name: 'c', email: null, created_at: now })
        .execute();
      const statuses = ['open', 'open', 'pending', 'resolved', 'closed'];
      await store.db
        .insertInto('conversations')
        .values(
          Array.from({ length: 60 }, (_, i) => ({
            id: newId(),
            workspace_id: ws,
            channel_id: ch,
            customer_id: cu,
            status: statuses[i % 5],
            level: i % 4,
            priority: i,
            sentiment: null,
            categories: '[]',
            tags: '[]',
            assignee_id: null,
            preview: `#${i}`,
            last_message_at: now,
            waiting_since: null,
            sort_wait: NOT_WAITING,
            first_response_at: null,
            resolved_at: null,
            created_at: now,
            updated_at: now,
            flag: i % 7 === 0 ? 'spam' : null,
            triage_reasons: '[]',
            triage_mark: i % 6 === 0 ? 'needs_look' : null,
          })),
        )
        .execute();
      await migrateToLatest(store.db);
      const kept = await conversations.counts(store.db, ws, 'nobody');
      expect(kept).toEqual(await conversations.countsByScan(store.db, ws, 'nobody'));
      expect(kept.open).toBe(24);
    } finally {
      await store.close();
      await tdb.drop();
    }
  });
});
