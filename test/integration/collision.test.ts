import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openDesk, signedInAgent, type Client, type OpenDesk } from './harness';

/** Collision control: agents see who else has a conversation open, and a reply sent meanwhile stops a stale draft. */
describe.each(dialects)('two agents on one conversation (%s)', (dialect) => {
  let desk: OpenDesk;
  let agent: Client;
  let agentId: string;

  beforeAll(async () => {
    desk = await openDesk(dialect);
    ({ client: agent, id: agentId } = await signedInAgent(desk.koe.base, desk.admin));
  }, 20_000);
  afterAll(async () => {
    await desk.close();
  });

  it('refuses a reply whose draft began before a colleague replied, until the agent has seen that reply', async () => {
    const c = await desk.write('届いた商品が壊れていました');
    const messages = async () => (await desk.admin.get(`/api/conversations/${c.id}/messages`)).body.items as any[];
    // The agent starts a draft with no reply in the thread; meanwhile the admin answers.
    const first = await desk.admin.post(`/api/conversations/${c.id}/messages`, {
      text: '山田です。交換品をお送りします。',
      sinceReplyId: null,
    });
    expect(first.status).toBe(201);

    const stale = await agent.post(`/api/conversations/${c.id}/messages`, {
      text: '鈴木です。ご不便をおかけしました。',
      sinceReplyId: null,
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'replied_since_draft' });
    expect(stale.body.detail).toContain('山田 花子');
    expect((await messages()).filter((m) => m.kind === 'reply')).toHaveLength(1);

    // Having seen it (its id is the new baseline), or choosing to send anyway, the reply goes.
    const seen = await agent.post(`/api/conversations/${c.id}/messages`, {
      text: '鈴木です。到着まで少々お待ちください。',
      sinceReplyId: first.body.id,
    });
    expect(seen.status).toBe(201);
    const forced = await agent.post(`/api/conversations/${c.id}/messages`, {
      text: '鈴木です。念のためもう一度ご連絡します。',
      sinceReplyId: first.body.id,
      force: true,
    });
    expect(forced.status).toBe(201);
    // Notes are never guarded; API clients that send no baseline are not either.
    expect(
      (await agent.post(`/api/conversations/${c.id}/messages`, { text: 'メモ', private: true, sinceReplyId: null }))
        .status,
    ).toBe(201);
    expect((await agent.post(`/api/conversations/${c.id}/messages`, { text: '鈴木です。' })).status).toBe(201);
  });

  it('shows who has a conversation open and who is typing, until they leave', async () => {
    const c = await desk.write('ポイントが消えました');
    const viewers = async () =>
      ((await desk.admin.get('/api/conversations/viewers')).body.items as any[]).find((v) => v.conversationId === c.id);
    expect(await viewers()).toBeUndefined();

    expect((await agent.put(`/api/conversations/${c.id}/viewing`, { typing: false })).status).toBe(204);
    expect((await desk.admin.put(`/api/conversations/${c.id}/viewing`, { typing: true })).status).toBe(204);
    const adminId = (await desk.admin.get('/api/me')).body.agent.id;
    expect((await viewers()).viewers).toEqual([
      { id: agentId, name: '鈴木', typing: false },
      { id: adminId, name: '山田 花子', typing: true },
    ]);

    expect((await agent.del(`/api/conversations/${c.id}/viewing`)).status).toBe(204);
    expect((await viewers()).viewers).toEqual([{ id: adminId, name: '山田 花子', typing: true }]);
    expect((await desk.admin.del(`/api/conversations/${c.id}/viewing`)).status).toBe(204);
    expect(await viewers()).toBeUndefined();
    expect((await agent.put('/api/conversations/no-such-conversation/viewing', { typing: false })).status).toBe(404);
  });

  it('with the soft lock on, replying while a colleague types asks first (409 soft_locked), and force sends', async () => {
    const c = await desk.write('配送先の変更をお願いします');
    // Off by default: a colleague typing does not stop a reply.
    expect((await agent.put(`/api/conversations/${c.id}/viewing`, { typing: true })).status).toBe(204);
    expect(
      (await desk.admin.post(`/api/conversations/${c.id}/messages`, { text: '山田です。承ります。' })).status,
    ).toBe(201);
    const settings = (await desk.admin.get('/api/settings/desk')).body;
    expect(settings.collision).toEqual({ softLock: false });
    expect(
      (await desk.admin.req('PUT', '/api/settings/desk', { ...settings, collision: { softLock: true } })).status,
    ).toBe(200);
    const locked = await desk.admin.post(`/api/conversations/${c.id}/messages`, { text: '山田です。変更しました。' });
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe('soft_locked');
    expect(locked.body.detail).toContain('鈴木');
    // Notes, the typist's own reply and a confirmed reply go through.
    expect((await desk.admin.post(`/api/conversations/${c.id}/messages`, { text: 'メモ', private: true })).status).toBe(
      201,
    );
    expect((await agent.post(`/api/conversations/${c.id}/messages`, { text: '鈴木です。確認します。' })).status).toBe(
      201,
    );
    expect(
      (await desk.admin.post(`/api/conversations/${c.id}/messages`, { text: '山田です。変更しました。', force: true }))
        .status,
    ).toBe(201);
    // Once the colleague stops typing, no question is asked.
    expect((await agent.put(`/api/conversations/${c.id}/viewing`, { typing: false })).status).toBe(204);
    expect(
      (await desk.admin.post(`/api/conversations/${c.id}/messages`, { text: '山田です。完了です。' })).status,
    ).toBe(201);
    await desk.admin.req('PUT', '/api/settings/desk', { ...settings, collision: { softLock: false } });
  });
});
