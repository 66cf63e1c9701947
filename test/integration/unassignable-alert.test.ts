import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openDesk, signedInAgent, waitFor, type OpenDesk } from './harness';

/** Issue 12 item 10: an urgent conversation nobody can take is brought to the supervisors by its SLA warning. */
describe.each(dialects)('unassignable urgent conversations (%s)', (dialect) => {
  let desk: OpenDesk;
  let l3: Awaited<ReturnType<typeof signedInAgent>>;

  beforeAll(async () => {
    desk = await openDesk(dialect);
    l3 = await signedInAgent(desk.koe.base, desk.admin, {
      email: 'l3-only@koe.example',
      name: '佐藤',
      level: 3,
    });
    expect((await desk.admin.patch(`/api/agents/${l3.id}/routing`, { capacity: 1 })).status).toBe(200);
    expect((await l3.client.req('PUT', '/api/me/presence', { presence: 'online' })).status).toBe(200);
    const settings = (await desk.admin.get('/api/settings/desk')).body;
    const put = await desk.admin.req('PUT', '/api/settings/desk', {
      ...settings,
      autoAssign: { ...settings.autoAssign, firstResponders: false, reserveUrgentSlots: 0 },
      // An L3 first reply is due in 6 s; the warning comes at half of it.
      sla: { ...settings.sla, warnAtFraction: 0.5, firstResponseMins: { 3: 0.1 } },
    });
    expect(put.status).toBe(200);
  });
  afterAll(async () => {
    await desk.close();
  });

  it('tells the supervisors why when the only L3 agent is at capacity (at the warning, again at the breach); an assigned one raises nothing', async () => {
    const taken = await desk.write('昨日カードで払ったら二重請求されてました。至急返金してください');
    expect(taken).toMatchObject({ level: 3, assignee: { id: l3.id } });
    const waiting = await desk.write('注文した電子レンジから煙が出ました。危ないです');
    expect(waiting.level).toBe(3);
    expect(waiting.assignee).toBeNull();

    const alerts = async () =>
      ((await desk.admin.get('/api/notifications')).body.items as any[]).filter((n) => n.kind === 'unassigned_urgent');
    const [alert] = await waitFor(async () => {
      const found = await alerts();
      return found.length > 0 && found;
    }, 15_000);
    expect(alert).toMatchObject({ conversationId: waiting.id, urgent: true });
    expect(alert.title).toContain('誰にも割り当てられません');
    expect(alert.body).toContain('上限到達1名');
    // The L3 agent is not told: they cannot take it.
    expect(((await l3.client.get('/api/notifications')).body.items as any[]).map((n) => n.kind)).not.toContain(
      'unassigned_urgent',
    );
    // By the breach, both clocks have announced; the assigned conversation never raised this alert.
    await waitFor(async () => {
      const audit = (await desk.admin.get('/api/audit?limit=200')).body.items as any[];
      return audit.some((a) => a.action === 'sla.breached' && a.target?.id === taken.id);
    }, 15_000);
    const all = await alerts();
    expect(all.every((n) => n.conversationId === waiting.id)).toBe(true);
    expect(all.length).toBeLessThanOrEqual(2);
    const audit = (await desk.admin.get('/api/audit?limit=200')).body.items as any[];
    expect(audit.find((a) => a.action === 'conversation.unassignable')?.detail.reason).toContain('at capacity');
  });
});
