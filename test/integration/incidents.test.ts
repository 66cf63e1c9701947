import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics, type RealtimeEvent } from '../../src/realtime/bus';
import { Client, dialects, openDesk, Visitor, type OpenDesk } from './harness';

const ACK_JA =
  'ただいまアプリにログインできない障害が発生しており、復旧作業中です。ご迷惑をおかけして申し訳ございません。';
const ACK_EN = 'We are fixing an outage that stops the app from signing in. We are sorry for the trouble.';
const FOLLOW_JA = 'アプリの障害は復旧しました。ご不便をおかけしました。';
const FOLLOW_EN = 'The app works again. Thank you for your patience.';

describe.each(dialects)('incidents and spike alerts (%s)', (dialect) => {
  let desk: OpenDesk;
  let sup: { client: Client; id: string };
  let agent: { client: Client; id: string };
  const events: RealtimeEvent[] = [];
  /** Visitors by the conversation id they started. */
  const visitors = new Map<string, Visitor>();
  let outage: any[] = [];
  let named: any;
  let english: any;
  let elsewhere: any;
  let defect: any;
  let incident: any;

  const login = async (email: string, body: Record<string, unknown>) => {
    const created = await desk.admin.post('/api/agents', { email, password: 'agent-password-1', ...body });
    expect(created.status).toBe(201);
    const client = new Client(desk.koe.base);
    expect((await client.post('/api/auth/login', { email, password: 'agent-password-1' })).status).toBe(200);
    return { client, id: created.body.id as string };
  };
  /** A new visitor writes `text` (optionally giving a name); resolves with the conversation once routed. */
  const write = async (text: string, name?: string) => {
    const v = new Visitor(desk.koe.base, desk.channel.publicKey);
    await v.open();
    if (name)
      await new Client(desk.koe.base).post(`/api/widget/${desk.channel.publicKey}/messages`, {
        visitorToken: v.token,
        clientMessageId: `cm-${text.length}-${Date.now()}`,
        text,
        name,
      });
    else await v.say(text);
    await desk.koe.koe.jobs.drain();
    // Found by the customer's message: an acknowledgement sent by the route job replaces the preview.
    const m = await desk.koe.koe.db
      .selectFrom('messages')
      .select('conversation_id')
      .where('kind', '=', 'customer')
      .where('text', '=', text)
      .executeTakeFirstOrThrow();
    const c = await conversation(m.conversation_id);
    visitors.set(c.id, v);
    return c;
  };
  const conversation = async (id: string) => (await desk.admin.get(`/api/conversations/${id}`)).body;
  const replies = async (id: string) =>
    ((await desk.admin.get(`/api/conversations/${id}/messages`)).body.items as any[]).filter((m) => m.kind === 'reply');
  const spikeNotes = async (c: Client) =>
    ((await c.get('/api/notifications')).body.items as any[]).filter((n) => n.kind === 'spike');

  beforeAll(async () => {
    desk = await openDesk(dialect);
    sup = await login('sup@koe.example', {
      name: '伊藤',
      displayName: '伊藤（サポート責任者）',
      level: 3,
      role: 'supervisor',
      skills: [],
    });
    agent = await login('tech@koe.example', {
      name: '高橋',
      level: 3,
      role: 'agent',
      skills: ['technical', 'product'],
    });
    expect((await desk.admin.patch(`/api/agents/${agent.id}/routing`, { capacity: 100 })).status).toBe(200);
    expect((await agent.client.req('PUT', '/api/me/presence', { presence: 'online' })).status).toBe(200);
    const me = (await desk.admin.get('/api/me')).body;
    desk.koe.koe.bus.subscribe(topics.workspace(me.workspace.id), (e) => events.push(e));
  });
  afterAll(async () => {
    await desk?.close();
  });

  it('raises exactly one spike alert for 8 outage posts within minutes, and notifies supervisors and admins', async () => {
    for (let i = 1; i <= 6; i++) outage.push(await write(`アプリが開けません。障害ですか？ (${i})`));
    named = await write('アプリにログインできない。サーバー落ちてますか？', '田中 一郎');
    english = await write('The app is down, I cannot log in');
    outage = [...outage, named, english];
    for (const c of outage) expect(c.categories).toContain('outage');

    const spikes = (await sup.client.get('/api/incidents/spikes')).body.items;
    expect(spikes).toHaveLength(1);
    expect(spikes[0]).toMatchObject({ category: 'outage', observed: 8, expected: 0, incidentId: null });
    expect(events.filter((e) => e.type === 'spike.detected')).toHaveLength(1);
    for (const c of [sup.client, desk.admin]) {
      const notes = await spikeNotes(c);
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatchObject({ urgent: true, conversationId: null });
      // The category by its name, never its code (outage).
      expect(notes[0].title).toBe('急増：障害・利用不可が10分間に8件（通常<0.1件）');
      expect(notes[0].body).toContain('インシデント');
    }
    expect(await spikeNotes(agent.client)).toHaveLength(0);
    // Without an incident, urgent posts go to the online technical agent as usual.
    expect((await conversation(outage[0].id)).assignee?.id).toBe(agent.id);

    // More of the same within 30 minutes: no second alert.
    elsewhere = await write('サイトが繋がらない、503エラーが出ます');
    expect(elsewhere.categories).toContain('outage');
    expect((await sup.client.get('/api/incidents/spikes')).body.items).toHaveLength(1);
    expect(await spikeNotes(sup.client)).toHaveLength(1);
    defect = await write('届いた商品が壊れていました');
    expect(defect.categories).toEqual(['defect']);
  });

  it('raises one alert when a burst of posts is routed concurrently', async () => {
    // All posts are recorded first, so several route jobs (the runner runs 4 at once) see the spike together.
    const burst = Array.from({ length: 10 }, () => new Visitor(desk.koe.base, desk.channel.publicKey));
    for (const [i, v] of burst.entries()) {
      await v.open();
      await v.say(`カードで二重請求されています。返金してください (${i})`);
    }
    await desk.koe.koe.jobs.drain();
    const billing = ((await sup.client.get('/api/incidents/spikes')).body.items as any[]).filter(
      (a) => a.category === 'billing_error',
    );
    expect(billing).toHaveLength(1);
    expect(billing[0].observed).toBeGreaterThanOrEqual(8);
    expect((await spikeNotes(sup.client)).filter((n) => n.title.includes('請求トラブル'))).toHaveLength(1);
    expect(events.filter((e) => e.type === 'spike.detected')).toHaveLength(2);
  });

  it('refuses agents (403) and malformed declarations (400 with field paths)', async () => {
    const body = {
      title: 'アプリのログイン障害',
      categories: ['outage'],
      keywords: ['アプリ', 'app'],
      ackJa: ACK_JA,
      ackEn: ACK_EN,
    };
    expect((await agent.client.post('/api/incidents', body)).status).toBe(403);
    expect((await agent.client.get('/api/incidents')).status).toBe(200);
    const bad = async (b: Record<string, unknown>, path: string) => {
      const r = await sup.client.post('/api/incidents', b);
      expect(r.status).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(r.body.errors.map((e: any) => e.path)).toContain(path);
    };
    await bad({ ...body, title: '' }, 'body.title');
    await bad({ ...body, categories: [] }, 'body.categories');
    await bad({ ...body, categories: ['praise'] }, 'body.categories.0');
    await bad({ ...body, ackJa: '', ackEn: ' ' }, 'body.ackJa');
    await bad({ ...body, keywords: Array.from({ length: 21 }, (_, i) => `k${i}`) }, 'body.keywords');
    await bad({ ...body, keywords: ['x'.repeat(41)] }, 'body.keywords.0');
    await bad({ ...body, linkSinceMinutes: 0 }, 'body.linkSinceMinutes');
    expect((await sup.client.get('/api/incidents/nope')).status).toBe(404);
    expect((await sup.client.post('/api/incidents/nope/acknowledge')).status).toBe(404);
    expect((await sup.client.get('/api/incidents')).body.items).toEqual([]);
  });

  it('declaring links the matching open conversations only (not the defect, not one without a keyword)', async () => {
    const before = events.length;
    const r = await sup.client.post('/api/incidents', {
      title: 'アプリのログイン障害',
      categories: ['outage'],
      keywords: ['アプリ', 'app'],
      ackJa: ACK_JA,
      ackEn: ACK_EN,
    });
    expect(r.status).toBe(201);
    incident = r.body;
    expect(incident).toMatchObject({
      status: 'open',
      categories: ['outage'],
      keywords: ['アプリ', 'app'],
      autoAcknowledge: true,
      declaredBy: { id: sup.id, name: '伊藤' },
      linkedCount: 8,
      acknowledgedCount: 0,
      resolvedAt: null,
      followUpJa: null,
    });
    const detail = (await sup.client.get(`/api/incidents/${incident.id}`)).body;
    expect(detail.conversations.map((c: any) => c.id).sort()).toEqual(outage.map((c) => c.id).sort());
    expect(detail.conversations.find((c: any) => c.id === named.id)).toMatchObject({
      customerName: '田中 一郎',
      channelType: 'webchat',
      status: 'open',
      firstResponseAt: null,
    });

    const list = (await desk.admin.get('/api/conversations?limit=100')).body.items as any[];
    for (const c of outage) expect(list.find((x) => x.id === c.id).incidentId).toBe(incident.id);
    for (const c of [elsewhere, defect]) expect(list.find((x) => x.id === c.id).incidentId).toBeNull();
    expect((await conversation(named.id)).incidentId).toBe(incident.id);
    const thread = (await desk.admin.get(`/api/conversations/${named.id}/messages`)).body.items as any[];
    expect(
      thread.some((m) => m.kind === 'system' && m.text === 'インシデント「アプリのログイン障害」に紐付けました'),
    ).toBe(true);

    const alerts = (await sup.client.get('/api/incidents/spikes')).body.items as any[];
    expect(alerts.find((a) => a.category === 'outage').incidentId).toBe(incident.id);
    expect(alerts.find((a) => a.category === 'billing_error').incidentId).toBeNull();
    expect(events.slice(before).some((e) => e.type === 'incident.updated' && (e.data as any).id === incident.id)).toBe(
      true,
    );
    expect((await desk.admin.get('/api/audit')).body.items.some((a: any) => a.action === 'incident.declared')).toBe(
      true,
    );
    expect((await sup.client.get('/api/incidents?status=all')).body.items.map((i: any) => i.id)).toEqual([incident.id]);
    expect((await sup.client.get('/api/incidents?status=resolved')).body.items).toEqual([]);
  });

  it('links and unlinks by hand', async () => {
    const linked = await sup.client.post(`/api/incidents/${incident.id}/link`, { conversationIds: [defect.id] });
    expect(linked.status).toBe(200);
    expect(linked.body.linkedCount).toBe(9);
    expect((await conversation(defect.id)).incidentId).toBe(incident.id);
    const unlinked = await sup.client.post(`/api/incidents/${incident.id}/unlink`, { conversationIds: [defect.id] });
    expect(unlinked.body.linkedCount).toBe(8);
    expect((await conversation(defect.id)).incidentId).toBeNull();
    expect((await sup.client.post(`/api/incidents/${incident.id}/link`, { conversationIds: ['nope'] })).status).toBe(
      400,
    );
    expect((await sup.client.post(`/api/incidents/${incident.id}/link`, { conversationIds: [] })).status).toBe(400);
    expect(
      (await agent.client.post(`/api/incidents/${incident.id}/link`, { conversationIds: [defect.id] })).status,
    ).toBe(403);
  });

  it('acknowledges every linked customer once, on their own channel, signed by the supervisor; then they wait on the customer', async () => {
    const closed = outage[1];
    expect((await desk.admin.patch(`/api/conversations/${closed.id}`, { status: 'closed' })).status).toBe(200);
    expect((await agent.client.post(`/api/incidents/${incident.id}/acknowledge`)).status).toBe(403);

    const r = await sup.client.post(`/api/incidents/${incident.id}/acknowledge`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ sent: 7, skipped: 1 });
    await desk.koe.koe.jobs.drain();

    for (const c of outage) {
      const sent = await replies(c.id);
      if (c.id === closed.id) {
        expect(sent).toHaveLength(0);
        continue;
      }
      expect(sent).toHaveLength(1);
      expect(sent[0].author).toMatchObject({ type: 'agent', id: sup.id, name: '伊藤（サポート責任者）' });
      expect(sent[0].delivery.status).toBe('sent');
      const after = await conversation(c.id);
      expect(after.status).toBe('pending');
      expect(after.firstResponseAt).not.toBeNull();
      // The customer sees it in the chat widget.
      const seen = (await visitors.get(c.id)!.history()).filter((m) => m.from === 'agent');
      expect(seen.map((m) => m.text)).toEqual([sent[0].text]);
    }
    expect((await replies(named.id))[0].text).toBe(`田中 一郎さん、${ACK_JA}`);
    expect((await replies(english.id))[0].text).toBe(ACK_EN);
    expect((await replies(outage[0].id))[0].text).toBe(ACK_JA);
    // Pending conversations do not count against the agent's capacity.
    expect(
      (await desk.admin.get('/api/conversations?view=all_open&limit=100')).body.items.some((x: any) =>
        outage.some((c) => c.id === x.id),
      ),
    ).toBe(false);

    const again = await sup.client.post(`/api/incidents/${incident.id}/acknowledge`);
    expect(again.body).toEqual({ sent: 0, skipped: 1 });
    await desk.koe.koe.jobs.drain();
    for (const c of outage) expect((await replies(c.id)).length).toBeLessThanOrEqual(1);
    expect((await sup.client.get(`/api/incidents/${incident.id}`)).body).toMatchObject({
      linkedCount: 8,
      acknowledgedCount: 7,
    });
  });

  it('acknowledges a new matching post automatically, as the declarer, without assigning it — once, even if routed twice', async () => {
    const c = await write('アプリが起動しない、落ちてる？');
    const after = await conversation(c.id);
    expect(after).toMatchObject({ incidentId: incident.id, status: 'pending', assignee: null });
    await desk.koe.koe.jobs.drain();
    const sent = await replies(c.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ text: ACK_JA, author: { id: sup.id }, delivery: { status: 'sent' } });
    expect((await visitors.get(c.id)!.history()).filter((m) => m.from === 'agent')).toHaveLength(1);

    // The job queue may run the route job again: nothing is sent twice and the conversation is not assigned.
    await desk.koe.koe.jobs.enqueue('conversation.route', {
      workspaceId: (await desk.admin.get('/api/me')).body.workspace.id,
      conversationId: c.id,
      event: 'conversation.created',
      text: 'アプリが起動しない、落ちてる？',
    });
    await desk.koe.koe.jobs.drain();
    expect(await replies(c.id)).toHaveLength(1);
    expect((await conversation(c.id)).assignee).toBeNull();

    // A post outside the incident is assigned as usual, and the covered category raises no new alert.
    const other = await write('サイトにアクセスできません。メンテナンス中ですか？');
    expect(await conversation(other.id)).toMatchObject({
      incidentId: null,
      status: 'open',
      assignee: { id: agent.id },
    });
    expect(
      ((await sup.client.get('/api/incidents/spikes')).body.items as any[]).filter((a) => a.category === 'outage'),
    ).toHaveLength(1);
    outage.push(c);
  });

  it('resolves: follow-up to every answered customer, pending ones resolved, reopened ones stay open; a second resolve is 409', async () => {
    const wroteBack = named;
    await visitors.get(wroteBack.id)!.say('まだログインできません');
    await desk.koe.koe.jobs.drain();
    expect((await conversation(wroteBack.id)).status).toBe('open');

    expect(
      (
        await agent.client.post(`/api/incidents/${incident.id}/resolve`, {
          followUpJa: FOLLOW_JA,
          followUpEn: FOLLOW_EN,
        })
      ).status,
    ).toBe(403);
    const bad = await sup.client.post(`/api/incidents/${incident.id}/resolve`, { followUpJa: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.path)).toContain('body.followUpJa');

    const r = await sup.client.post(`/api/incidents/${incident.id}/resolve`, {
      followUpJa: FOLLOW_JA,
      followUpEn: FOLLOW_EN,
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'resolved', followUpJa: FOLLOW_JA, followUpEn: FOLLOW_EN });
    expect(r.body.resolvedAt).not.toBeNull();
    await desk.koe.koe.jobs.drain();

    const closed = outage[1];
    for (const c of outage) {
      const sent = await replies(c.id);
      if (c.id === closed.id) {
        expect(sent).toHaveLength(0);
        continue;
      }
      expect(sent).toHaveLength(2);
      expect(sent[1]).toMatchObject({ author: { id: sup.id }, delivery: { status: 'sent' } });
      expect((await visitors.get(c.id)!.history()).filter((m) => m.from === 'agent').map((m) => m.text)).toEqual(
        sent.map((m) => m.text),
      );
      expect((await conversation(c.id)).status).toBe(c.id === wroteBack.id ? 'open' : 'resolved');
    }
    expect((await replies(english.id))[1].text).toBe(FOLLOW_EN);
    expect((await replies(wroteBack.id))[1].text).toBe(`田中 一郎さん、${FOLLOW_JA}`);

    const again = await sup.client.post(`/api/incidents/${incident.id}/resolve`, {
      followUpJa: FOLLOW_JA,
      followUpEn: FOLLOW_EN,
    });
    expect(again.status).toBe(409);
    expect((await sup.client.post(`/api/incidents/${incident.id}/acknowledge`)).status).toBe(409);
    expect((await sup.client.get('/api/incidents')).body.items).toEqual([]);
    expect((await sup.client.get('/api/incidents?status=resolved')).body.items.map((i: any) => i.id)).toEqual([
      incident.id,
    ]);
    expect((await desk.admin.get('/api/audit')).body.items.some((a: any) => a.action === 'incident.resolved')).toBe(
      true,
    );
  });
});
