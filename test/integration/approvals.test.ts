import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiDirectory, startSandbox, type Sandbox } from '../../src/sandbox';
import { dialects, openDesk, signedInAgent, waitFor, type OpenDesk } from './harness';

/** Issue 12: approval of public replies — held, sent back with a note, edited and approved; private replies never wait. */
describe.each(dialects)('approval of public replies (%s)', (dialect) => {
  let desk: OpenDesk;
  let sandbox: Sandbox;
  let agent: Awaited<ReturnType<typeof signedInAgent>>;

  const mention = async (text: string) => {
    const entry = await sandbox.sendOne('x', text, { visibility: 'public' });
    const conv = await waitFor(async () => {
      await desk.koe.koe.jobs.drain();
      const items = (await desk.admin.get('/api/conversations?limit=100')).body.items as any[];
      return items.find((c) => c.channel.kind === 'x' && String(c.preview).includes(entry.text.slice(-12)));
    }, 10_000);
    return { conv, entry };
  };
  // The brand's public replies to a post (a satisfaction survey after the resolution goes by DM and is not one).
  const xReplies = (entryId: string) =>
    sandbox.world.transcript
      .list('x')
      .filter((e) => e.inReplyTo === entryId && !e.reaction && e.visibility === 'public');
  const detail = async (id: string) => (await desk.admin.get(`/api/conversations/${id}`)).body;

  beforeAll(async () => {
    desk = await openDesk(dialect);
    const token = (await desk.admin.post('/api/tokens', { name: 'sandbox' })).body.token;
    sandbox = await startSandbox({ port: 0, ratePerMinute: 0 });
    await sandbox.connect(desk.koe.base, apiDirectory(desk.koe.base, token));
    agent = await signedInAgent(desk.koe.base, desk.admin, { email: 'appr@koe.example', name: '佐藤 次郎' });
    const settings = (await desk.admin.get('/api/settings/desk')).body;
    expect(settings.approvals).toEqual({ enabled: false, roles: ['agent'], levels: [], backlash: true });
    const put = await desk.admin.req('PUT', '/api/settings/desk', {
      ...settings,
      approvals: { ...settings.approvals, enabled: true },
    });
    expect(put.status).toBe(200);
  }, 20_000);
  afterAll(async () => {
    await sandbox?.stop();
    await desk?.close();
  });

  it('holds an agent’s public reply: nothing is posted, supervisors are told, the SLA clock keeps running', async () => {
    const { conv, entry } = await mention('@koemart 注文した靴のサイズが違いました。交換できますか？');
    const held = await agent.client.post(`/api/conversations/${conv.id}/messages`, {
      text: '佐藤です。サイズ交換を承ります。',
      then: 'resolve',
    });
    expect(held.status).toBe(202);
    expect(held.body.approval).toMatchObject({
      status: 'pending',
      reason: 'role',
      author: { name: '佐藤 次郎' },
      then: 'resolve',
      text: '佐藤です。サイズ交換を承ります。',
    });
    await desk.koe.koe.jobs.drain();
    expect(xReplies(entry.id)).toHaveLength(0);
    const thread = (await desk.admin.get(`/api/conversations/${conv.id}/messages`)).body.items as any[];
    expect(thread.filter((m) => m.kind === 'reply')).toHaveLength(0);
    const d = await detail(conv.id);
    expect(d.approval).toMatchObject({ status: 'pending' });
    expect(d.status).toBe('open');
    expect(d.sla).toMatchObject({ target: 'first_response', state: 'ok' });
    const notes = (await desk.admin.get('/api/notifications')).body.items as any[];
    expect(notes.find((n) => n.kind === 'approval_requested')).toMatchObject({
      conversationId: conv.id,
      title: '佐藤 次郎さんの公開返信が承認待ちです',
    });
    // Agents cannot approve (their own or anyone's).
    expect((await agent.client.post(`/api/approvals/${held.body.approval.id}/approve`, {})).status).toBe(403);
    expect(((await desk.admin.get('/api/approvals')).body.items as any[]).map((a) => a.id)).toEqual([
      held.body.approval.id,
    ]);

    // Sent back with a note: the author is told why; still nothing posted.
    const back = await desk.admin.post(`/api/approvals/${held.body.approval.id}/reject`, {
      note: '交換の送料が無料であることも添えてください',
    });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: 'rejected', note: '交換の送料が無料であることも添えてください' });
    expect((await detail(conv.id)).approval).toMatchObject({ status: 'rejected' });
    const mine = (await agent.client.get('/api/notifications')).body.items as any[];
    expect(mine.find((n) => n.kind === 'approval_decided')).toMatchObject({
      urgent: true,
      body: '交換の送料が無料であることも添えてください',
    });
    expect((await desk.admin.post(`/api/approvals/${held.body.approval.id}/approve`, {})).status).toBe(409);

    // Rewritten, held again, approved with an edit: it goes out as the author's reply, and the conversation resolves.
    const again = await agent.client.post(`/api/conversations/${conv.id}/messages`, {
      text: '佐藤です。サイズ交換を承ります。送料は無料です。',
      then: 'resolve',
    });
    expect(again.status).toBe(202);
    const approved = await desk.admin.post(`/api/approvals/${again.body.approval.id}/approve`, {
      text: '佐藤です。サイズ交換を承ります。往復の送料は無料です。',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', reviewer: { name: '山田 花子' } });
    await desk.koe.koe.jobs.drain();
    await waitFor(async () => xReplies(entry.id).length === 1);
    expect(xReplies(entry.id)[0]!.text).toContain('往復の送料は無料です');
    const after = await detail(conv.id);
    expect(after.approval).toBeNull();
    expect(after.status).toBe('resolved');
    const reply = ((await desk.admin.get(`/api/conversations/${conv.id}/messages`)).body.items as any[]).find(
      (m) => m.kind === 'reply',
    );
    expect(reply.author).toMatchObject({ id: agent.id, name: '佐藤 次郎' });
    const actions = ((await desk.admin.get('/api/audit?limit=50')).body.items as any[]).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['reply.approval_requested', 'reply.rejected', 'reply.approved']));
  });

  it('never holds private replies, notes, or a supervisor’s own public reply; the author can withdraw', async () => {
    const chat = await desk.write('配送状況を教えてください');
    expect(
      (await agent.client.post(`/api/conversations/${chat.id}/messages`, { text: '佐藤です。確認いたします。' }))
        .status,
    ).toBe(201);
    const { conv } = await mention('@koemart 領収書をください');
    expect(
      (await agent.client.post(`/api/conversations/${conv.id}/messages`, { text: 'メモ', private: true })).status,
    ).toBe(201);
    expect(
      (await desk.admin.post(`/api/conversations/${conv.id}/messages`, { text: '山田です。発行いたします。' })).status,
    ).toBe(201);
    const held = await agent.client.post(`/api/conversations/${conv.id}/messages`, {
      text: '佐藤です。追ってお送りします。',
    });
    expect(held.status).toBe(202);
    expect((await desk.admin.req('DELETE', `/api/approvals/${held.body.approval.id}`)).status).toBe(403);
    expect((await agent.client.req('DELETE', `/api/approvals/${held.body.approval.id}`)).status).toBe(204);
    expect((await detail(conv.id)).approval).toBeNull();
  });
});
