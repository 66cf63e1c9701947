import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, dialects, openDesk, signedInAgent, type OpenDesk } from './harness';

/** Issue 12: saved replies — shared and personal, per-language bodies, variables filled per conversation, usage counts. */
describe.each(dialects)('saved replies (%s)', (dialect) => {
  let desk: OpenDesk;
  let agent: { client: Client; id: string };

  /** A named web chat customer writes these messages in one conversation; resolves with the conversation. */
  const customerWrites = async (name: string, texts: string[]) => {
    const widget = new Client(desk.koe.base);
    const key = desk.channel.publicKey;
    const { visitorToken } = (await widget.post(`/api/widget/${key}/session`, {})).body;
    for (const text of texts) {
      const sent = await widget.post(`/api/widget/${key}/messages`, {
        visitorToken,
        clientMessageId: `sr-${Math.random().toString(36).slice(2)}`,
        text,
        name,
      });
      expect(sent.status).toBe(202);
      await desk.koe.koe.jobs.drain();
    }
    return ((await desk.admin.get('/api/conversations?limit=100')).body.items as any[]).find(
      (c) => c.preview === texts.at(-1),
    );
  };
  const list = async (client: Client, conversationId?: string) =>
    (await client.get(`/api/saved-replies${conversationId ? `?conversationId=${conversationId}` : ''}`)).body
      .items as any[];

  beforeAll(async () => {
    desk = await openDesk(dialect);
    agent = await signedInAgent(desk.koe.base, desk.admin, { email: 'sr-agent@koe.example', name: '佐藤 次郎' });
  });
  afterAll(async () => {
    await desk.close();
  });

  it('keeps shared replies for everyone and personal ones for their owner; only supervisors share', async () => {
    const shared = await desk.admin.post('/api/saved-replies', {
      title: '返金のご案内',
      bodies: {
        ja: '{{customer.name}}様、ご注文 {{order.number}} の返金を承りました。担当の{{agent.name}}です。',
        en: 'Hi {{customer.name}}, we have started the refund for order {{order.number}}. {{agent.name}}',
      },
      shared: true,
    });
    expect(shared.status).toBe(201);
    expect(shared.body).toMatchObject({
      title: '返金のご案内',
      shared: true,
      owner: null,
      editable: true,
      usageCount: 0,
    });

    const mine = await agent.client.post('/api/saved-replies', {
      title: '私の挨拶',
      bodies: { ja: 'お問い合わせありがとうございます。{{ask:お届け予定日}}にお届けします。' },
    });
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({ shared: false, owner: { id: agent.id, name: '佐藤 次郎' }, editable: true });

    // An agent cannot share, nor change a shared reply; the admin does not see the agent's personal one.
    expect(
      (await agent.client.post('/api/saved-replies', { title: 'x', bodies: { ja: 'x' }, shared: true })).status,
    ).toBe(403);
    const agentView = await list(agent.client);
    expect(agentView.map((r) => r.title).sort()).toEqual(['私の挨拶', '返金のご案内']);
    expect(agentView.find((r) => r.shared).editable).toBe(false);
    const put = await agent.client.req('PUT', `/api/saved-replies/${shared.body.id}`, {
      title: '変更',
      bodies: { ja: '変更' },
      shared: true,
    });
    expect(put.status).toBe(403);
    expect((await agent.client.req('DELETE', `/api/saved-replies/${shared.body.id}`)).status).toBe(403);
    expect((await list(desk.admin)).map((r) => r.title)).toEqual(['返金のご案内']);
    expect((await desk.admin.req('DELETE', `/api/saved-replies/${mine.body.id}`)).status).toBe(404);

    // Automation sees only the shared one.
    expect(((await desk.admin.get('/api/templates')).body.items as any[]).map((t) => t.name)).toEqual(['返金のご案内']);
  });

  it('refuses unknown variables and a reply without any text, with the field named', async () => {
    const bad = await desk.admin.post('/api/saved-replies', {
      title: 'x',
      bodies: { ja: 'こんにちは {{customer.nmae}}' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('unknown_reply_variable');
    expect(bad.body.detail).toContain('{{customer.nmae}}');
    const empty = await desk.admin.post('/api/saved-replies', { title: 'x', bodies: { ja: '  ' } });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body.errors)).toContain('bodies');
  });

  it("renders each reply for a conversation: the customer's language, their name, the order number in the thread, the agent's name", async () => {
    const ja = await customerWrites('田中 一郎', ['注文番号は KM-20241206-0042 です', '返金をお願いします']);
    const rendered = (await list(agent.client, ja.id)).find((r) => r.title === '返金のご案内').rendered;
    expect(rendered).toEqual({
      lang: 'ja',
      text: '田中 一郎様、ご注文 KM-20241206-0042 の返金を承りました。担当の佐藤 次郎です。',
      prompts: [],
    });
    // An `ask:` variable is left for the agent to answer.
    const personal = (await list(agent.client, ja.id)).find((r) => r.title === '私の挨拶').rendered;
    expect(personal.prompts).toEqual([{ key: '{{ask:お届け予定日}}', label: 'お届け予定日' }]);
    expect(personal.text).toContain('{{ask:お届け予定日}}');

    const en = await customerWrites('Alex', ['I need a refund please']);
    const enRendered = (await list(agent.client, en.id)).find((r) => r.title === '返金のご案内').rendered;
    expect(enRendered.lang).toBe('en');
    expect(enRendered.text).toBe('Hi Alex, we have started the refund for order {{order.number}}. 佐藤 次郎');
    // No order number in that thread: the agent is asked for it, in the agent's language.
    expect(enRendered.prompts).toEqual([{ key: '{{order.number}}', label: '注文番号' }]);
    expect((await desk.admin.get('/api/saved-replies?conversationId=nope')).status).toBe(404);
  });

  it('counts uses, and lists the most used first', async () => {
    const items = await list(agent.client);
    const personal = items.find((r) => r.title === '私の挨拶');
    for (let i = 0; i < 2; i++)
      expect((await agent.client.post(`/api/saved-replies/${personal.id}/uses`, {})).status).toBe(204);
    const after = await list(agent.client);
    expect(after[0]).toMatchObject({ title: '私の挨拶', usageCount: 2 });
    expect(after[0].lastUsedAt).toBeTruthy();
    // Someone else's personal reply cannot be counted (nor seen).
    expect((await desk.admin.post(`/api/saved-replies/${personal.id}/uses`, {})).status).toBe(404);
  });

  it('lets the owner edit a personal reply, and an admin share it', async () => {
    const personal = (await list(agent.client)).find((r) => r.title === '私の挨拶');
    const edited = await agent.client.req('PUT', `/api/saved-replies/${personal.id}`, {
      title: '私の挨拶（改）',
      bodies: { ja: 'ありがとうございます。', en: 'Thank you.' },
      shared: false,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      title: '私の挨拶（改）',
      bodies: { ja: 'ありがとうございます。', en: 'Thank you.' },
    });
    expect(edited.body.updatedAt).toBeTruthy();
    const audit = (await desk.admin.get('/api/audit?limit=50')).body.items as any[];
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['saved_reply.created', 'saved_reply.updated']));
  });
});
