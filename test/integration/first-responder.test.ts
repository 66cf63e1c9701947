import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, dialects, openDesk, type OpenDesk } from './harness';

// Issue 4: every urgent post gets a first reply within 5 minutes. When every L3 agent already owes another
// urgent customer a first reply, a free agent acknowledges the new one and hands it back to L3.
describe.each(dialects)('first responders (%s)', (dialect) => {
  let desk: OpenDesk;
  const team: Record<'l1' | 'sato' | 'takahashi', { client: Client; id: string }> = {} as never;
  const DOUBLE_CHARGES = [
    '昨日カードで払ったら二重請求されてました。至急返金してください',
    '同じ注文で2回引き落とされています。二重請求です、早く返金してください',
    'カードの明細を見たら二重請求になっていました。至急対応してください',
    '先月の利用料が二重請求されています。すぐに返金してください',
    'クレジットカードに二重請求がありました。至急確認して返金してください',
    '二重請求されています！同じ金額が2回引き落とされました。至急返金を',
  ];

  const agent = async (key: keyof typeof team, body: Record<string, unknown>) => {
    const created = await desk.admin.post('/api/agents', { password: 'agent-password-1', ...body });
    expect(created.status).toBe(201);
    const client = new Client(desk.koe.base);
    await client.post('/api/auth/login', { email: body.email, password: 'agent-password-1' });
    team[key] = { client, id: created.body.id };
  };
  const presence = async (key: keyof typeof team, p: 'online' | 'away') => {
    expect((await team[key].client.req('PUT', '/api/me/presence', { presence: p })).status).toBe(200);
  };
  const conversation = async (id: string) => (await desk.admin.get(`/api/conversations/${id}`)).body;
  const thread = async (id: string) => (await desk.admin.get(`/api/conversations/${id}/messages`)).body.items as any[];
  const auditFor = async (id: string) =>
    ((await desk.admin.get('/api/audit?limit=500')).body.items as any[]).filter((a) => a.target?.id === id);
  const reply = async (key: keyof typeof team, id: string, text: string, isPrivate = false) => {
    const r = await team[key].client.post(`/api/conversations/${id}/messages`, { text, private: isPrivate });
    expect(r.status).toBe(201);
  };

  beforeAll(async () => {
    desk = await openDesk(dialect);
    await agent('l1', { email: 'suzuki@koe.example', name: '鈴木', level: 1, role: 'agent', skills: ['general'] });
    await agent('sato', { email: 'sato@koe.example', name: '佐藤', level: 3, role: 'agent', skills: ['billing'] });
    await agent('takahashi', {
      email: 'takahashi@koe.example',
      name: '高橋',
      level: 3,
      role: 'agent',
      skills: ['technical'],
    });
    for (const k of ['l1', 'sato', 'takahashi'] as const) await presence(k, 'online');
  });
  afterAll(async () => {
    await desk.close();
  });

  let urgent: string;

  it('is on by default, and an older settings row without it reads as on', async () => {
    expect((await desk.admin.get('/api/settings/desk')).body.autoAssign).toEqual({
      enabled: true,
      strategy: 'least_loaded',
      reserveUrgentSlots: 1,
      firstResponders: true,
      takeOnReply: true,
    });
    const { deskSettings } = await import('../../src/desk/settings');
    const ws = (await desk.admin.get('/api/me')).body.workspace.id;
    const db = desk.koe.koe.db;
    const saved =
      (await db.selectFrom('workspace_settings').select('settings').where('workspace_id', '=', ws).executeTakeFirst())
        ?.settings ?? null;
    const old = { autoAssign: { enabled: true, strategy: 'least_loaded', reserveUrgentSlots: 1 } };
    if (saved === null)
      await db
        .insertInto('workspace_settings')
        .values({ workspace_id: ws, settings: JSON.stringify(old), updated_at: new Date().toISOString() })
        .execute();
    else
      await db
        .updateTable('workspace_settings')
        .set({ settings: JSON.stringify(old) })
        .where('workspace_id', '=', ws)
        .execute();
    expect((await deskSettings.get(db, ws)).autoAssign.firstResponders).toBe(true);
  });

  it('gives a new double charge to a free L1 agent as first responder when both L3 agents owe an urgent reply', async () => {
    const first = await desk.write(DOUBLE_CHARGES[0]);
    const second = await desk.write(DOUBLE_CHARGES[1]);
    expect([first.level, second.level]).toEqual([3, 3]);
    // The second goes to the L3 agent who owes nothing yet, even off-skill.
    expect(first.assignee?.id).toBe(team.sato.id);
    expect(second.assignee?.id).toBe(team.takahashi.id);
    expect(first.firstResponder).toBe(false);

    const c = await desk.write(DOUBLE_CHARGES[2]);
    urgent = c.id;
    expect(c.level).toBe(3);
    expect(c.assignee?.id).toBe(team.l1.id);
    expect(c.firstResponder).toBe(true);
    expect((await conversation(c.id)).firstResponder).toBe(true);

    const why = (await thread(c.id)).find((m) => m.kind === 'system');
    expect(why.text).toMatch(/^鈴木が一次対応（L3は全員が別の緊急対応中・返信後はL3へ引き継ぎ）：L1/);
    const assigned = (await auditFor(c.id)).find((a) => a.action === 'conversation.auto_assigned');
    expect(assigned.detail).toMatchObject({ to: team.l1.id, firstResponder: true });
    expect(assigned.detail.explanation).toMatch(/^first response by 鈴木/);

    const note = ((await team.l1.client.get('/api/notifications?unread=1')).body.items as any[]).find(
      (n) => n.conversationId === c.id,
    );
    expect(note).toMatchObject({ kind: 'assigned', urgent: true });
    expect(note.title).toMatch(/^一次対応 \(L3\): /);
  });

  it('a private note by the first responder and a reply by someone else do not hand it back', async () => {
    await reply('l1', urgent, '請求担当のL3に確認します（メモ）', true);
    await reply('sato', urgent, '佐藤です。状況を確認しております。', false);
    const c = await conversation(urgent);
    expect(c.assignee?.id).toBe(team.l1.id);
    expect(c.firstResponder).toBe(true);
    expect((await auditFor(urgent)).some((a) => a.action === 'conversation.handed_back')).toBe(false);
  });

  it("the first responder's reply hands the conversation to an L3 agent, once", async () => {
    await reply('l1', urgent, 'ご不便をおかけし申し訳ございません。二重請求の件、確認いたします。');
    const c = await conversation(urgent);
    expect(c.status).toBe('open');
    expect(c.level).toBe(3);
    expect(c.firstResponder).toBe(false);
    expect([team.sato.id, team.takahashi.id]).toContain(c.assignee?.id);
    const texts = (await thread(urgent)).filter((m) => m.kind === 'system').map((m) => m.text);
    expect(texts).toContain('一次対応済み（鈴木）→ L3へ引き継ぎ');
    // The hand-off comes after the acknowledgement, and the L3 assignment after the hand-off.
    expect(texts.indexOf('一次対応済み（鈴木）→ L3へ引き継ぎ')).toBeLessThan(texts.length - 1);
    expect(texts.at(-1)).toMatch(/^(佐藤|高橋)に割り当て：L3/);
    const l3 = c.assignee.id === team.sato.id ? team.sato : team.takahashi;
    expect(
      ((await l3.client.get('/api/notifications?unread=1')).body.items as any[]).some(
        (n) => n.conversationId === urgent && n.kind === 'assigned',
      ),
    ).toBe(true);
    const handedBack = (await auditFor(urgent)).filter((a) => a.action === 'conversation.handed_back');
    expect(handedBack).toHaveLength(1);
    expect(handedBack[0]).toMatchObject({ actor: { id: team.l1.id } });

    // A second reply by the former first responder changes nothing.
    await reply('l1', urgent, '追加のご連絡です。');
    expect((await conversation(urgent)).assignee?.id).toBe(c.assignee.id);
    expect((await auditFor(urgent)).filter((a) => a.action === 'conversation.handed_back')).toHaveLength(1);
  });

  it('waits unassigned for L3 when no L3 agent has room, and goes to the first L3 agent who comes online', async () => {
    await presence('sato', 'away');
    await presence('takahashi', 'away');
    const c = await desk.write(DOUBLE_CHARGES[3]);
    expect(c.assignee?.id).toBe(team.l1.id);
    expect(c.firstResponder).toBe(true);
    await reply('l1', c.id, 'ご迷惑をおかけし申し訳ございません。担当より確認いたします。');
    const waiting = await conversation(c.id);
    expect(waiting).toMatchObject({ status: 'open', level: 3, assignee: null, firstResponder: false });
    expect((await thread(c.id)).some((m) => m.text === '一次対応済み（鈴木）→ L3へ引き継ぎ')).toBe(true);
    await presence('takahashi', 'online');
    expect((await conversation(c.id)).assignee?.id).toBe(team.takahashi.id);
    await presence('sato', 'online');
  });

  it('with the setting off, urgent work goes to (or queues for) L3 as before', async () => {
    const settings = (await desk.admin.get('/api/settings/desk')).body;
    const off = await desk.admin.req('PUT', '/api/settings/desk', {
      ...settings,
      autoAssign: { ...settings.autoAssign, firstResponders: false },
    });
    expect(off.status).toBe(200);
    expect(off.body.autoAssign.firstResponders).toBe(false);
    // Both L3 agents still owe the first two customers a reply.
    const c = await desk.write(DOUBLE_CHARGES[4]);
    expect(c.assignee?.id).toBe(team.sato.id);
    expect(c.firstResponder).toBe(false);
    await presence('sato', 'away');
    await presence('takahashi', 'away');
    const queued = await desk.write(DOUBLE_CHARGES[5]);
    expect(queued.level).toBe(3);
    expect(queued.assignee).toBeNull();
  });
});
