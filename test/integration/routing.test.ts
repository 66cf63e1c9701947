import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, dialects, openDesk, Visitor, waitFor, type OpenDesk } from './harness';

describe.each(dialects)('routing, escalation and SLA (%s)', (dialect) => {
  let desk: OpenDesk;
  const team: Record<string, { client: Client; id: string }> = {};

  const agent = async (key: string, body: Record<string, unknown>) => {
    const created = await desk.admin.post('/api/agents', { password: 'agent-password-1', ...body });
    expect(created.status).toBe(201);
    const client = new Client(desk.koe.base);
    await client.post('/api/auth/login', { email: body.email, password: 'agent-password-1' });
    team[key] = { client, id: created.body.id };
  };
  const write = (text: string, visitor?: Visitor) => desk.write(text, visitor);

  beforeAll(async () => {
    desk = await openDesk(dialect);
    await agent('l1', { email: 'l1@koe.example', name: '鈴木', level: 1, role: 'agent', skills: ['general'] });
    await agent('l3billing', { email: 'l3b@koe.example', name: '佐藤', level: 3, role: 'agent', skills: ['billing'] });
    await agent('l3tech', { email: 'l3t@koe.example', name: '高橋', level: 3, role: 'agent', skills: ['technical'] });
    await agent('l3off', { email: 'l3o@koe.example', name: '田中', level: 3, role: 'agent', skills: ['billing'] });
    await agent('sup', { email: 'sup@koe.example', name: '伊藤', level: 3, role: 'supervisor', skills: [] });
    for (const k of ['l1', 'l3billing', 'l3tech'])
      expect((await team[k].client.req('PUT', '/api/me/presence', { presence: 'online' })).status).toBe(200);
  });
  afterAll(async () => {
    await desk.close();
  });

  it('assigns an L3 double charge to the online L3 billing agent, explains why, and notifies them', async () => {
    const c = await write('昨日カードで払ったら二重請求されてました。至急返金してください');
    expect(c.level).toBe(3);
    expect(c.assignee?.id).toBe(team.l3billing.id);
    const thread = (await desk.admin.get(`/api/conversations/${c.id}/messages`)).body.items;
    const why = thread.find((m: any) => m.kind === 'system');
    expect(why.text).toContain('佐藤');
    expect(why.text).toContain('billing');
    const notes = (await team.l3billing.client.get('/api/notifications?unread=1')).body.items;
    expect(notes.find((n: any) => n.conversationId === c.id)).toMatchObject({ kind: 'assigned', urgent: true });
    expect((await team.l3off.client.get('/api/notifications')).body.items).toHaveLength(0);
    expect(c.sla).toMatchObject({ target: 'first_response', state: 'ok' });
    expect(Date.parse(c.sla.dueAt) - Date.parse(c.createdAt)).toBe(5 * 60_000);
    const audit = (await desk.admin.get('/api/audit')).body.items;
    expect(audit.find((a: any) => a.action === 'conversation.auto_assigned')?.detail.explanation).toMatch(/Sato|佐藤/);
  });

  it('does not give L3 work to an L1 agent, and hands waiting work to an agent who comes online', async () => {
    // With first responders on (the default) the free L1 agent would acknowledge it: see first-responder.test.ts.
    const settings = (await desk.admin.get('/api/settings/desk')).body;
    await desk.admin.req('PUT', '/api/settings/desk', {
      ...settings,
      autoAssign: { ...settings.autoAssign, firstResponders: false },
    });
    await team.l3billing.client.req('PUT', '/api/me/presence', { presence: 'offline' });
    await team.l3tech.client.req('PUT', '/api/me/presence', { presence: 'offline' });
    const c = await write('注文した電子レンジから煙が出ました。危ないです');
    expect(c.level).toBe(3);
    expect(c.assignee).toBeNull();
    await team.l3off.client.req('PUT', '/api/me/presence', { presence: 'online' });
    const after = (await desk.admin.get(`/api/conversations/${c.id}`)).body;
    expect(after.assignee?.id).toBe(team.l3off.id);
    for (const k of ['l3billing', 'l3tech'])
      await team[k].client.req('PUT', '/api/me/presence', { presence: 'online' });
    await team.l3off.client.req('PUT', '/api/me/presence', { presence: 'offline' });
    await desk.admin.req('PUT', '/api/settings/desk', settings);
  });

  it('escalates with a hand-off note that the receiver and the supervisor see', async () => {
    const c = await write('1週間後の友人の誕生日に予約をしたくて、様々なサプライズにも協力してほしい');
    expect(c.level).toBe(2);
    const l1 = team.l1.client;
    await desk.admin.patch(`/api/conversations/${c.id}`, { assigneeId: team.l1.id });
    const draft = (await l1.get(`/api/conversations/${c.id}/handoff-draft`)).body.text;
    expect(draft).toContain(c.customer.name);
    expect(draft).toContain('サプライズ');
    // In words, not codes: the channel kind, the categories and the sentiment are named for people.
    expect(draft).toContain('（サイトのチャット・Webチャット）');
    expect(draft).not.toMatch(/webchat|purchase_intent|request\b|neutral|positive|negative/);
    const noNote = await l1.post(`/api/conversations/${c.id}/escalations`, { toLevel: 3, note: '' });
    expect(noNote.status).toBe(400);
    expect(noNote.body.errors[0].path).toBe('note');
    const esc = await l1.post(`/api/conversations/${c.id}/escalations`, {
      toLevel: 3,
      note: `${draft}\nケーキの持ち込み可否を確認済み。折り返しを約束しました。`,
    });
    expect(esc.status).toBe(201);
    const detail = (await desk.admin.get(`/api/conversations/${c.id}`)).body;
    expect(detail.level).toBe(3);
    expect(detail.openEscalation).toMatchObject({ fromLevel: 2, toLevel: 3, status: 'open', from: { id: team.l1.id } });
    expect(detail.openEscalation.note).toContain('折り返しを約束');
    expect([team.l3billing.id, team.l3tech.id]).toContain(detail.assignee?.id);
    const receiver = detail.assignee.id === team.l3billing.id ? team.l3billing : team.l3tech;
    expect(
      (await receiver.client.get('/api/notifications?unread=1')).body.items.some(
        (n: any) => n.kind === 'escalated' && n.conversationId === c.id,
      ),
    ).toBe(true);

    expect((await l1.get('/api/escalations')).status).toBe(403);
    const board = (await team.sup.client.get('/api/escalations')).body;
    const item = board.items.find((i: any) => i.conversationId === c.id);
    expect(item).toMatchObject({ toLevel: 3, status: 'open', owner: { id: receiver.id } });
    expect(item.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(item.sla.state).toBeDefined();

    expect((await receiver.client.post(`/api/escalations/${esc.body.id}/accept`)).status).toBe(204);
    expect((await receiver.client.patch(`/api/conversations/${c.id}`, { status: 'resolved' })).status).toBe(200);
    const stats = (await team.sup.client.get('/api/escalations')).body.stats;
    expect(stats.find((s: any) => s.level === 3)).toMatchObject({ total: 1, inFlight: 0 });
    expect(stats.find((s: any) => s.level === 3).avgSecondsToAccept).toBeGreaterThanOrEqual(0);

    const back = await receiver.client.post(`/api/conversations/${c.id}/escalations`, {
      toLevel: 1,
      note: '予約は確定済み。以後のご質問はL1で対応可能です。',
    });
    expect(back.status).toBe(201);
    expect((await desk.admin.get(`/api/conversations/${c.id}`)).body.escalations.map((e: any) => e.direction)).toEqual([
      'down',
      'up',
    ]);
  });

  it("lists and counts a team's conversations", async () => {
    const t = await desk.admin.post('/api/teams', {
      name: '請求チーム',
      memberIds: [team.l3billing.id, team.l3off.id],
    });
    expect(t.status).toBe(201);
    expect((await desk.admin.post('/api/teams', { name: 'x', memberIds: ['nobody'] })).status).toBe(400);
    const c = await write('請求書の宛名を変更したいです');
    const esc = await team.l1.client.post(`/api/conversations/${c.id}/escalations`, {
      toTeamId: t.body.id,
      toLevel: 2,
      note: '宛名変更の手続きは請求チームの担当です。',
    });
    expect(esc.status).toBe(201);
    expect((await desk.admin.get(`/api/conversations?team=${t.body.id}`)).body.items.map((x: any) => x.id)).toEqual([
      c.id,
    ]);
    expect((await desk.admin.get('/api/conversations/counts')).body.byTeam[t.body.id]).toBe(1);
  });

  it('pauses the SLA clock while waiting on the customer', async () => {
    const c = await write('ポイントの有効期限はいつまでですか？');
    const pending = await desk.admin.patch(`/api/conversations/${c.id}`, { status: 'pending' });
    expect(pending.body.sla.state).toBe('paused');
    const reopened = await desk.admin.patch(`/api/conversations/${c.id}`, { status: 'open' });
    expect(reopened.body.sla.state).not.toBe('paused');
  });

  it('on an SLA breach, notifies supervisors and escalates as configured', async () => {
    const settings = (await desk.admin.get('/api/settings/desk')).body;
    const updated = await desk.admin.req('PUT', '/api/settings/desk', {
      ...settings,
      // Around the clock: the breach must not wait for opening time, whenever this runs.
      sla: { ...settings.sla, onBreach: 'escalate', firstResponseMins: { 1: 0.02 }, businessHoursLevels: [] },
    });
    expect(updated.status).toBe(200);
    for (const k of ['l1', 'l3billing', 'l3tech'])
      await team[k].client.req('PUT', '/api/me/presence', { presence: 'away' });
    const c = await write('営業時間は何時までですか？');
    expect(c.level).toBe(1);
    const escalated = await waitFor(async () => {
      const d = (await desk.admin.get(`/api/conversations/${c.id}`)).body;
      return d.level === 3 && d;
    }, 15_000);
    expect(escalated.escalations[0]).toMatchObject({ fromLevel: 1, toLevel: 3, from: null });
    expect(escalated.sla.state).toBe('ok');
    const supNotes = (await team.sup.client.get('/api/notifications')).body.items;
    expect(supNotes.some((n: any) => n.kind === 'sla.breached' && n.conversationId === c.id)).toBe(true);
    const actions = (await desk.admin.get('/api/audit?limit=300')).body.items
      .filter((a: any) => a.target?.id === c.id)
      .map((a: any) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['sla.breached', 'conversation.escalated']));
    expect(actions.filter((a: string) => a === 'sla.breached')).toHaveLength(1);
  });
});

describe.each(dialects)('reserved urgent capacity (%s)', (dialect) => {
  let desk: OpenDesk;
  let l3: { client: Client; id: string };
  const DOUBLE_CHARGES = [
    '昨日カードで払ったら二重請求されてました。至急返金してください',
    '同じ注文で2回引き落とされています。二重請求です、早く返金してください',
    'カードの明細を見たら二重請求になっていました。至急対応してください',
  ];
  const QUESTION = 'ポイントの有効期限はいつまでですか？';

  beforeAll(async () => {
    desk = await openDesk(dialect);
    const created = await desk.admin.post('/api/agents', {
      email: 'sato@koe.example',
      name: '佐藤',
      password: 'agent-password-1',
      level: 3,
      role: 'agent',
      skills: ['billing', 'general'],
    });
    expect(created.status).toBe(201);
    expect((await desk.admin.patch(`/api/agents/${created.body.id}/routing`, { capacity: 3 })).status).toBe(200);
    const client = new Client(desk.koe.base);
    await client.post('/api/auth/login', { email: 'sato@koe.example', password: 'agent-password-1' });
    l3 = { client, id: created.body.id };
    expect((await client.req('PUT', '/api/me/presence', { presence: 'online' })).status).toBe(200);
  });
  afterAll(async () => {
    await desk.close();
  });

  it('keeps one slot of an L3 agent for L3 work by default, and gives the L1 question once the reserve is 0', async () => {
    const settings = (await desk.admin.get('/api/settings/desk')).body;
    expect(settings.autoAssign).toEqual({
      enabled: true,
      strategy: 'least_loaded',
      reserveUrgentSlots: 1,
      firstResponders: true,
      takeOnReply: true,
    });

    // Two urgent conversations: 2 of 3 open, i.e. capacity − 1.
    const first = await desk.write(DOUBLE_CHARGES[0]);
    const second = await desk.write(DOUBLE_CHARGES[1]);
    for (const c of [first, second]) {
      expect(c.level).toBe(3);
      expect(c.assignee?.id).toBe(l3.id);
    }
    // The L1 question waits rather than taking the last slot…
    const question = await desk.write(QUESTION);
    expect(question.level).toBe(1);
    expect(question.assignee).toBeNull();
    // …which the next double charge gets, with the usual explanation.
    const third = await desk.write(DOUBLE_CHARGES[2]);
    expect(third.level).toBe(3);
    expect(third.assignee?.id).toBe(l3.id);
    const why = (await desk.admin.get(`/api/conversations/${third.id}/messages`)).body.items.find(
      (m: any) => m.kind === 'system',
    );
    expect(why.text).toBe('佐藤に割り当て：L3・billingスキル・対応中2/3件');

    // Out of range is refused; 0 turns the reserve off.
    expect(
      (
        await desk.admin.req('PUT', '/api/settings/desk', {
          ...settings,
          autoAssign: { ...settings.autoAssign, reserveUrgentSlots: 6 },
        })
      ).status,
    ).toBe(400);
    const off = await desk.admin.req('PUT', '/api/settings/desk', {
      ...settings,
      autoAssign: { ...settings.autoAssign, reserveUrgentSlots: 0 },
    });
    expect(off.status).toBe(200);
    expect(off.body.autoAssign.reserveUrgentSlots).toBe(0);
    // Back to 2 of 3 open; coming online again hands the agent waiting work.
    expect((await l3.client.patch(`/api/conversations/${first.id}`, { status: 'resolved' })).status).toBe(200);
    await l3.client.req('PUT', '/api/me/presence', { presence: 'away' });
    await l3.client.req('PUT', '/api/me/presence', { presence: 'online' });
    expect((await desk.admin.get(`/api/conversations/${question.id}`)).body.assignee?.id).toBe(l3.id);
  });

  it("counts conversations waiting on the agent's reply: replying frees the slot and routes waiting work", async () => {
    // After the test above the agent holds 3 of 3 conversations waiting on their reply.
    const waiting = await desk.write('カードの明細に同じ金額が2回あります。二重請求です、返金してください');
    expect(waiting.level).toBe(3);
    expect(waiting.assignee).toBeNull();
    const mine = (await l3.client.get('/api/conversations?view=mine')).body.items;
    const target = mine.find((c: any) => c.level === 3 && c.id !== waiting.id);
    expect(target).toBeTruthy();
    // A private note changes nothing; the reply leaves that conversation waiting on the customer.
    expect(
      (await l3.client.post(`/api/conversations/${target.id}/messages`, { text: '確認中', private: true })).status,
    ).toBe(201);
    expect((await desk.admin.get(`/api/conversations/${waiting.id}`)).body.assignee).toBeNull();
    expect(
      (
        await l3.client.post(`/api/conversations/${target.id}/messages`, {
          text: 'ご不便をおかけし申し訳ございません。確認いたします。',
        })
      ).status,
    ).toBe(201);
    await waitFor(async () => (await desk.admin.get(`/api/conversations/${waiting.id}`)).body.assignee?.id === l3.id);
    // The answered conversation is still the agent's and still open.
    expect((await desk.admin.get(`/api/conversations/${target.id}`)).body).toMatchObject({
      status: 'open',
      assignee: { id: l3.id },
    });
  });

  it('an older saved settings row without the field reads as the default', async () => {
    const { deskSettings } = await import('../../src/desk/settings');
    const ws = (await desk.admin.get('/api/me')).body.workspace.id;
    await desk.koe.koe.db
      .updateTable('workspace_settings')
      .set({ settings: JSON.stringify({ autoAssign: { enabled: true, strategy: 'round_robin' } }) })
      .where('workspace_id', '=', ws)
      .execute();
    expect((await deskSettings.get(desk.koe.koe.db, ws)).autoAssign).toEqual({
      enabled: true,
      strategy: 'round_robin',
      reserveUrgentSlots: 1,
      firstResponders: true,
      takeOnReply: true,
    });
  });
});
