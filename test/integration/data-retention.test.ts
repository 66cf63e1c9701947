import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRetention } from '../../src/desk/data-retention';
import { dialects, openDesk, signedInAgent, Visitor, type OpenDesk } from './harness';

const BIN = path.resolve(import.meta.dirname, '../../bin/koe.mjs');

describe.each(dialects)('data retention and erasure (%s)', (dialect) => {
  let desk: OpenDesk;
  beforeAll(async () => {
    desk = await openDesk(dialect);
  });
  afterAll(async () => {
    await desk.close();
  });

  const messagesOf = async (conversationId: string) =>
    (await desk.admin.get(`/api/conversations/${conversationId}/messages`)).body.items as any[];
  const auditActions = async () =>
    ((await desk.admin.get('/api/audit?limit=500')).body.items as any[]).map((e) => e.action);
  const search = async (q: string) =>
    ((await desk.admin.get(`/api/search?q=${encodeURIComponent(q)}`)).body.items as any[]).length;

  it('is off by default and only admins change it', async () => {
    expect((await desk.admin.get('/api/admin/retention')).body).toEqual({ messageDays: null });
    const agent = await signedInAgent(desk.koe.base, desk.admin);
    expect((await agent.client.put('/api/admin/retention', { messageDays: 30 })).status).toBe(403);
    expect((await desk.admin.put('/api/admin/retention', {})).status).toBe(400);
    expect(await applyRetention(desk.koe.koe)).toBe(0);
  });

  it('removes the words of messages older than the setting, keeps conversations, and is idempotent', async () => {
    const old = await desk.write('注文番号A-1001の配送先は東京都港区1-2-3です');
    const recent = await desk.write('昨日届いた商品について質問です');
    // The first conversation happened 40 days ago.
    const past = new Date(Date.now() - 40 * 86_400_000).toISOString();
    await desk.koe.koe.db
      .updateTable('messages')
      .set({ created_at: past })
      .where('conversation_id', '=', old.id)
      .execute();
    await desk.koe.koe.db
      .updateTable('conversations')
      .set({ last_message_at: past })
      .where('id', '=', old.id)
      .execute();
    expect(await search('港区')).toBe(1);

    expect((await desk.admin.put('/api/admin/retention', { messageDays: 30 })).body).toEqual({ messageDays: 30 });
    expect(await applyRetention(desk.koe.koe)).toBe(1);
    const [removed] = (await messagesOf(old.id)).filter((m) => m.kind === 'customer');
    expect(removed.text).not.toContain('港区');
    expect(removed.localized.en).toContain('removed');
    expect(await search('港区')).toBe(0);
    const rawEvents = await desk.koe.koe.db.selectFrom('inbound_events').select('payload').execute();
    expect(rawEvents.filter((e) => e.payload.includes('港区'))).toEqual([]);
    const conversations = (await desk.admin.get('/api/conversations?limit=100')).body.items as any[];
    expect(conversations.map((c) => c.id)).toEqual(expect.arrayContaining([old.id, recent.id]));
    expect(conversations.find((c) => c.id === old.id).preview).not.toContain('港区');
    expect((await messagesOf(recent.id)).find((m) => m.kind === 'customer').text).toBe(
      '昨日届いた商品について質問です',
    );

    expect(await applyRetention(desk.koe.koe)).toBe(0);
    expect((await auditActions()).filter((a) => a === 'retention.applied')).toHaveLength(1);
    expect(await auditActions()).toContain('retention.settings_changed');
  });

  it('erases one customer on request (admin API), once, audited', async () => {
    const visitor = new Visitor(desk.koe.base, desk.channel.publicKey);
    const c = await desk.write('私のメールアドレスは hanako@example.jp です', visitor);
    const erase = () => desk.admin.post(`/api/customers/${c.customer.id}/erase`);
    const first = await erase();
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ customerId: c.customer.id, messages: 1, profileErased: true });
    expect((await messagesOf(c.id)).find((m) => m.kind === 'customer').text).not.toContain('hanako');
    expect(await search('hanako')).toBe(0);
    const again = await erase();
    expect(again.body).toMatchObject({ messages: 0, conversations: 0, profileErased: false });
    expect((await auditActions()).filter((a) => a === 'customer.erased')).toHaveLength(2);
    // The visitor writes again: a new customer, not the erased profile.
    await visitor.say('もう一度連絡します');
    await desk.koe.koe.jobs.drain();
    const list = (await desk.admin.get('/api/conversations?limit=100')).body.items as any[];
    const next = list.find((x) => x.preview === 'もう一度連絡します');
    expect(next.customer.id).not.toBe(c.customer.id);
    expect(list.some((x) => x.id === c.id)).toBe(true); // the erased customer's conversation stays for reports
  });

  it('erases from the command line: koe erase-customer <id>', async () => {
    const c = await desk.write('電話番号は090-1234-5678です');
    const run = (args: string[]) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const p = spawn(process.execPath, [BIN, ...args], {
          env: {
            ...process.env,
            KOE_DATA_DIR: desk.db.dataDir,
            KOE_DATABASE_URL: desk.db.url ?? '',
            KOE_LOG_LEVEL: 'silent',
          },
        });
        let out = '';
        p.stdout.on('data', (d: Buffer) => (out += d.toString()));
        p.stderr.on('data', (d: Buffer) => (out += d.toString()));
        p.once('exit', (code) => resolve({ code, out }));
      });
    expect((await run(['erase-customer', 'no-such-customer'])).code).toBe(1);
    const r = await run(['erase-customer', c.customer.id]);
    expect(r.out).toContain('1 messages removed');
    expect(r.code).toBe(0);
    expect((await messagesOf(c.id)).find((m) => m.kind === 'customer').text).not.toContain('090');
  }, 60_000);
});
