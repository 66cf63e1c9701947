import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openDesk, signedInAgent, type Client, type OpenDesk } from './harness';

/** What a reply does to its conversation: take it when nobody owned it, and resolve or wait in the same click. */
describe.each(dialects)('a reply and what follows it (%s)', (dialect) => {
  let desk: OpenDesk;
  let agent: Client;
  let agentId: string;
  let n = 0;
  const fresh = () => desk.write(`返品の方法を教えてください (${++n})`);
  const reply = (client: Client, id: string, body: object) =>
    client.post(`/api/conversations/${id}/messages`, { text: '担当の鈴木です。ご案内します。', ...body });
  const detail = async (id: string) => (await desk.admin.get(`/api/conversations/${id}`)).body;

  beforeAll(async () => {
    desk = await openDesk(dialect);
    ({ client: agent, id: agentId } = await signedInAgent(desk.koe.base, desk.admin));
  }, 20_000);
  afterAll(async () => {
    await desk.close();
  });

  it('takes an unassigned conversation for the agent who replies; a private note does not', async () => {
    const noted = await fresh();
    expect(noted.assignee).toBeNull();
    expect((await agent.post(`/api/conversations/${noted.id}/messages`, { text: 'メモ', private: true })).status).toBe(
      201,
    );
    expect((await detail(noted.id)).assignee).toBeNull();

    const c = await fresh();
    expect((await reply(agent, c.id, {})).status).toBe(201);
    const after = await detail(c.id);
    expect(after.assignee).toEqual({ id: agentId, name: '鈴木' });
    expect(after.status).toBe('open');
    const audit = (await desk.admin.get('/api/audit?limit=20')).body.items;
    expect(audit.find((e: any) => e.action === 'conversation.assigned' && e.target?.id === c.id)).toMatchObject({
      actor: { id: agentId },
      detail: { from: null, to: agentId },
    });
  });

  it("leaves a colleague's conversation with the colleague", async () => {
    const c = await fresh();
    const adminId = (await desk.admin.get('/api/me')).body.agent.id;
    expect((await desk.admin.patch(`/api/conversations/${c.id}`, { assigneeId: adminId })).status).toBe(200);
    expect((await reply(agent, c.id, {})).status).toBe(201);
    expect((await detail(c.id)).assignee?.id).toBe(adminId);
  });

  it('sends and resolves, or sends and waits on the customer, in one request', async () => {
    const resolved = await fresh();
    const r = await reply(agent, resolved.id, { then: 'resolve' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ kind: 'reply', text: '担当の鈴木です。ご案内します。' });
    expect(await detail(resolved.id)).toMatchObject({ status: 'resolved', assignee: { id: agentId } });

    const waiting = await fresh();
    expect((await reply(agent, waiting.id, { then: 'pending' })).status).toBe(201);
    const d = await detail(waiting.id);
    expect(d.status).toBe('pending');
    expect(d.sla.state).toBe('paused');
    // The customer writing again reopens it, as any pending conversation.
  });

  it('refuses a follow-up the conversation cannot take, before anything is sent', async () => {
    const c = await fresh();
    expect((await reply(agent, c.id, { then: 'resolve' })).status).toBe(201);
    // Resolving asks the customer for a rating in a job of its own: let it write its message before counting.
    await desk.koe.koe.jobs.drain();
    const before = (await desk.admin.get(`/api/conversations/${c.id}/messages`)).body.items.length;
    const refused = await reply(agent, c.id, { then: 'pending' });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/resolved conversation cannot become pending/);
    const note = await agent.post(`/api/conversations/${c.id}/messages`, {
      text: 'メモ',
      private: true,
      then: 'resolve',
    });
    expect(note.status).toBe(400);
    expect(note.body.errors).toEqual([{ path: 'then', message: 'only a reply to the customer can resolve or wait' }]);
    expect((await desk.admin.get(`/api/conversations/${c.id}/messages`)).body.items).toHaveLength(before);
  });

  it('keeps replies from taking conversations when the desk turns it off', async () => {
    const settings = (await desk.admin.get('/api/settings/desk')).body;
    const put = await desk.admin.put('/api/settings/desk', {
      ...settings,
      autoAssign: { ...settings.autoAssign, takeOnReply: false },
    });
    expect(put.status).toBe(200);
    expect(put.body.autoAssign.takeOnReply).toBe(false);
    const c = await fresh();
    expect((await reply(agent, c.id, { then: 'resolve' })).status).toBe(201);
    expect(await detail(c.id)).toMatchObject({ status: 'resolved', assignee: null });
  });
});
