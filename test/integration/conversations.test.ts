import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/channels/types';
import { Client, dialects, openDesk, Visitor, waitFor, type OpenDesk } from './harness';

/** Reads Server-Sent Events from a URL until `until` matches one, or the timeout passes. */
async function nextEvent(
  url: string,
  headers: Record<string, string>,
  until: (type: string, data: any) => boolean,
  timeoutMs = 5000,
) {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), timeoutMs);
  const res = await fetch(url, { headers, signal: ac.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  const ready = { resolve: () => {} };
  const opened = new Promise<void>((r) => (ready.resolve = r));
  const found = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return null;
        buf += decoder.decode(value, { stream: true });
        if (buf.includes(': connected')) ready.resolve();
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const type = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (type && data && until(type, JSON.parse(data))) return { type, data: JSON.parse(data) };
        }
      }
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
      ac.abort();
    }
  })();
  await opened;
  return found;
}

describe.each(dialects)('conversations through the web chat channel (%s)', (dialect) => {
  let desk: OpenDesk;

  beforeAll(async () => {
    desk = await openDesk(dialect);
  });
  afterAll(async () => {
    await desk.close();
  });

  it('widget message → conversation in the inbox (realtime) → reply → delivered to the widget (realtime)', async () => {
    const visitor = new Visitor(desk.koe.base, desk.channel.publicKey);
    const session = await visitor.open();
    expect(session.body).toMatchObject({
      channelName: 'サイトのチャット',
      greeting: 'いらっしゃいませ！',
      messages: [],
    });

    const agentEvent = nextEvent(
      `${desk.koe.base}/api/events`,
      { cookie: `koe_session=${desk.admin.cookie('koe_session')}` },
      (t) => t === 'conversation.updated',
    );
    await new Promise((r) => setTimeout(r, 50));
    expect((await visitor.say('注文した商品がまだ届きません。注文番号は12345です。')).status).toBe(202);
    const pushed = await agentEvent;
    expect(pushed?.data.preview).toContain('注文した商品');

    const list = await desk.admin.get('/api/conversations?view=all_open');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    const conv = list.body.items[0];
    expect(conv).toMatchObject({
      status: 'open',
      channel: { kind: 'webchat', name: 'サイトのチャット' },
      assignee: null,
    });
    expect(conv.waitingSince).toBeTruthy();

    const visitorEvent = nextEvent(
      `${desk.koe.base}/api/widget/${desk.channel.publicKey}/events?visitorToken=${visitor.token}`,
      {},
      (t, d) => t === 'message' && d.from === 'agent',
    );
    const reply = await desk.admin.post(`/api/conversations/${conv.id}/messages`, {
      text: 'お待たせして申し訳ございません。すぐに配送状況を確認いたします。',
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ kind: 'reply', author: { type: 'agent', name: '山田 花子' } });
    const delivered = await visitorEvent;
    expect(delivered?.data).toMatchObject({ from: 'agent', authorName: '山田 花子' });

    const msgs = await waitFor(async () => {
      const r = await desk.admin.get(`/api/conversations/${conv.id}/messages`);
      return r.body.items.find((m: any) => m.kind === 'reply')?.delivery.status === 'sent' && r.body.items;
    });
    expect(msgs.map((m: any) => m.kind)).toEqual(['customer', 'reply']);

    // The widget keeps the conversation across a reload: a new session with the same token sees history.
    const again = await visitor.open();
    expect(again.body.messages.map((m: any) => m.from)).toEqual(['customer', 'agent']);
    const after = (await desk.admin.get(`/api/conversations/${conv.id}`)).body;
    expect(after.waitingSince).toBeNull();
    expect(after.firstResponseAt).toBeTruthy();
    expect(after.customer.identities).toEqual([expect.objectContaining({ channelKind: 'webchat' })]);
  });

  it('records a re-delivered inbound message once', async () => {
    const visitor = new Visitor(desk.koe.base, desk.channel.publicKey);
    await visitor.open();
    const first = await visitor.say('二重請求されています', 'dup-message-1');
    const second = await visitor.say('二重請求されています', 'dup-message-1');
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    await desk.koe.koe.jobs.drain();
    const history = await visitor.history();
    expect(history.filter((m) => m.clientMessageId === 'dup-message-1')).toHaveLength(1);
    const rows = await desk.koe.koe.db
      .selectFrom('inbound_events')
      .select('id')
      .where('external_id', 'like', '%dup-message-1')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('keeps private notes away from the customer', async () => {
    const visitor = new Visitor(desk.koe.base, desk.channel.publicKey);
    await visitor.open();
    await visitor.say('Where is my order?');
    await desk.koe.koe.jobs.drain();
    const conv = (await desk.admin.get('/api/conversations?view=unassigned')).body.items.find(
      (c: any) => c.preview === 'Where is my order?',
    );
    const note = await desk.admin.post(`/api/conversations/${conv.id}/messages`, {
      text: '倉庫に確認中',
      private: true,
    });
    expect(note.body).toMatchObject({ kind: 'note', delivery: null });
    await desk.koe.koe.jobs.drain();
    expect((await visitor.history()).map((m) => m.text)).toEqual(['Where is my order?']);
    expect((await desk.admin.get(`/api/conversations/${conv.id}`)).body.waitingSince).not.toBeNull();
  });

  it('answers bad input with a clear 4xx and changes nothing', async () => {
    const conv = (await desk.admin.get('/api/conversations')).body.items[0];
    const before = (await desk.admin.get(`/api/conversations/${conv.id}/messages`)).body.items.length;
    const empty = await desk.admin.post(`/api/conversations/${conv.id}/messages`, { text: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].path).toBe('body.text');
    expect(
      (
        await desk.admin.post(`/api/conversations/${conv.id}/messages`, '{"text": "broken', {
          'content-type': 'application/json',
        })
      ).status,
    ).toBe(400);
    expect(
      (await desk.admin.post(`/api/conversations/${conv.id}/messages`, { text: 'x'.repeat(300_000) })).status,
    ).toBe(413);
    expect((await desk.admin.post('/api/conversations/no-such-id/messages', { text: 'hello' })).status).toBe(404);
    expect((await desk.admin.patch(`/api/conversations/${conv.id}`, { status: 'archived' })).status).toBe(400);
    expect((await desk.admin.get('/api/conversations?cursor=garbage')).status).toBe(400);
    expect((await desk.admin.get(`/api/conversations/${conv.id}/messages`)).body.items.length).toBe(before);
    const widget = await new Client(desk.koe.base).post(`/api/widget/${desk.channel.publicKey}/messages`, {
      visitorToken: 'short',
      clientMessageId: 'x',
      text: '',
    });
    expect(widget.status).toBe(400);
    expect((await new Client(desk.koe.base).post('/api/widget/unknown-key/session', {})).status).toBe(404);
  });

  it('moves through statuses, refuses illegal transitions, and audits assignment', async () => {
    const conv = (await desk.admin.get('/api/conversations')).body.items[0];
    const me = (await desk.admin.get('/api/me')).body.agent;
    const assigned = await desk.admin.patch(`/api/conversations/${conv.id}`, { assigneeId: me.id, tags: ['配送'] });
    expect(assigned.body).toMatchObject({ assignee: { id: me.id }, tags: ['配送'] });
    expect((await desk.admin.get('/api/conversations?view=mine')).body.items.map((c: any) => c.id)).toContain(conv.id);
    expect((await desk.admin.patch(`/api/conversations/${conv.id}`, { status: 'pending' })).body.status).toBe(
      'pending',
    );
    expect((await desk.admin.patch(`/api/conversations/${conv.id}`, { status: 'closed' })).body.status).toBe('closed');
    const reopen = await desk.admin.patch(`/api/conversations/${conv.id}`, { status: 'open' });
    expect(reopen.status).toBe(409);
    expect((await desk.admin.post(`/api/conversations/${conv.id}/messages`, { text: 'hello?' })).status).toBe(409);
    const actions = (await desk.admin.get('/api/audit')).body.items.map((i: any) => i.action);
    expect(actions).toEqual(
      expect.arrayContaining(['conversation.assigned', 'conversation.status_changed', 'reply.sent', 'note.added']),
    );
    const counts = (await desk.admin.get('/api/conversations/counts')).body;
    expect(counts.closed).toBe(1);
  });

  it('shows a failed delivery with its reason and sends it on retry', async () => {
    const real = desk.koe.koe.adapters.get('webchat')!;
    let fail = true;
    desk.koe.koe.adapters.set('webchat', {
      kind: 'webchat',
      send: async (out) => {
        if (fail) throw new DeliveryError('Recipient blocked the account', true);
        return real.send(out);
      },
    });
    try {
      const visitor = new Visitor(desk.koe.base, desk.channel.publicKey);
      await visitor.open();
      await visitor.say('返品したいです');
      await desk.koe.koe.jobs.drain();
      const conv = (await desk.admin.get('/api/conversations?view=all_open')).body.items.find(
        (c: any) => c.preview === '返品したいです',
      );
      const reply = (await desk.admin.post(`/api/conversations/${conv.id}/messages`, { text: '承知しました。' })).body;
      const failed = await waitFor(async () => {
        const m = (await desk.admin.get(`/api/conversations/${conv.id}/messages`)).body.items.find(
          (x: any) => x.id === reply.id,
        );
        return m.delivery.status === 'failed' && m;
      });
      expect(failed.delivery.error).toBe('Recipient blocked the account');
      fail = false;
      expect((await desk.admin.post(`/api/messages/${reply.id}/retry`)).status).toBe(202);
      await waitFor(
        async () =>
          (await desk.admin.get(`/api/conversations/${conv.id}/messages`)).body.items.find(
            (x: any) => x.id === reply.id,
          ).delivery.status === 'sent',
      );
      expect((await desk.admin.post(`/api/messages/${reply.id}/retry`)).status).toBe(409);
    } finally {
      desk.koe.koe.adapters.set('webchat', real);
    }
  });
});

describe.each(dialects)('failures stay visible (%s)', (dialect) => {
  let desk: OpenDesk;
  beforeAll(async () => {
    desk = await openDesk(dialect);
  });
  afterAll(async () => {
    await desk.close();
  });

  it('parks a poison inbound event with its error and lets an admin retry the failed job', async () => {
    const { koe } = desk.koe;
    // A processor that always fails: the event is recorded and acknowledged, then fails visibly.
    const triage = koe.ingest.triage;
    koe.ingest.triage = async () => {
      throw new Error('simulated processing failure');
    };
    const v = new Visitor(desk.koe.base, desk.channel.publicKey);
    await v.open();
    const sent = await v.say('処理に失敗するメッセージ');
    expect(sent.status).toBe(202);
    await koe.db.updateTable('jobs').set({ max_attempts: 1 }).where('name', '=', 'inbound.process').execute();
    const failed = await waitFor(async () => {
      const r = (await desk.admin.get('/api/admin/jobs?status=failed')).body;
      return r.items.find((j: any) => j.name === 'inbound.process');
    }, 10_000);
    expect(failed.lastError).toBe('simulated processing failure');
    const parked = (await desk.admin.get('/api/admin/inbound-events?status=failed')).body.items;
    expect(parked[0]).toMatchObject({ error: 'simulated processing failure', channel: { kind: 'webchat' } });

    koe.ingest.triage = triage;
    expect((await desk.admin.post(`/api/admin/jobs/${failed.id}/retry`)).status).toBe(202);
    await waitFor(async () => (await v.history()).some((m) => m.text === '処理に失敗するメッセージ'));
    expect((await desk.admin.post(`/api/admin/jobs/${failed.id}/retry`)).status).toBe(409);
  });
});
