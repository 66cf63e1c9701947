import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openDesk, Visitor, waitFor, type OpenDesk } from './harness';

describe.each(dialects)('automation rules (%s)', (dialect) => {
  let desk: OpenDesk;

  beforeAll(async () => {
    desk = await openDesk(dialect);
  });
  afterAll(async () => {
    await desk.close();
  });

  const write = (text: string, visitor?: Visitor) => desk.write(text, visitor);
  const firedCount = async (conversationId: string) =>
    (await desk.admin.get('/api/audit?limit=500')).body.items.filter(
      (a: any) => a.action === 'automation.fired' && a.target?.id === conversationId,
    ).length;

  it('rejects a malformed rule with the reason', async () => {
    const r = await desk.admin.post('/api/automation/rules', {
      name: 'bad',
      event: 'conversation.created',
      conditions: [{ field: 'level', op: 'contains', value: 'x' }],
      actions: [{ type: 'add_tag', tag: 'x' }],
    });
    expect(r.status).toBe(400);
    expect(r.body.detail).toContain('does not apply to level');
    expect((await desk.admin.get('/api/automation/rules')).body.items).toHaveLength(0);
  });

  it('runs ordered rules on a new conversation, honours stop-processing, and audits what fired', async () => {
    const refund = await desk.admin.post('/api/automation/rules', {
      name: '返金は最優先',
      order: 1,
      event: 'conversation.created',
      stopProcessing: true,
      conditions: [{ field: 'keywords', op: 'matches_any', value: ['返金', 'refund'] }],
      actions: [
        { type: 'set_priority', priority: 95 },
        { type: 'add_tag', tag: '返金' },
        { type: 'add_note', text: '返金の規定を確認してから回答すること' },
      ],
    });
    expect(refund.status).toBe(201);
    await desk.admin.post('/api/automation/rules', {
      name: 'never after stop',
      order: 2,
      event: 'conversation.created',
      actions: [{ type: 'add_tag', tag: 'after-stop' }],
    });
    const c = await write('先週の注文を返金してほしいです');
    expect(c.priority).toBe(95);
    expect(c.tags).toEqual(['返金']);
    const thread = (await desk.admin.get(`/api/conversations/${c.id}/messages`)).body.items;
    expect(thread.some((m: any) => m.kind === 'note' && m.text.includes('返金の規定'))).toBe(true);
    const fired = (await desk.admin.get('/api/audit?limit=500')).body.items.find(
      (a: any) => a.action === 'automation.fired' && a.target?.id === c.id,
    );
    expect(fired.detail).toMatchObject({ ruleId: refund.body.id, event: 'conversation.created' });
    expect(fired.detail.changes.join(' ')).toContain('95');
    // The same changes as data, for the audit page to say in the reader's words.
    expect(fired.detail.edits).toContainEqual(expect.objectContaining({ kind: 'priority', to: 95 }));
    const other = await write('営業時間を教えてください');
    expect(other.tags).toEqual(['after-stop']);
  });

  it('does not loop: a rule whose action updates the conversation fires once per chain', async () => {
    await desk.admin.post('/api/automation/rules', {
      name: 'tag on update',
      event: 'conversation.updated',
      actions: [{ type: 'add_tag', tag: 'touched' }],
    });
    const c = await write('ギフト包装はできますか');
    const before = await firedCount(c.id);
    const r = await desk.admin.patch(`/api/conversations/${c.id}`, { status: 'pending' });
    expect(r.status).toBe(200);
    const after = (await desk.admin.get(`/api/conversations/${c.id}`)).body;
    expect(after.tags).toContain('touched');
    // Its own add_tag causes another conversation.updated; the rule does not fire again in that chain.
    expect((await firedCount(c.id)) - before).toBe(1);
  });

  it('sends a template reply only when the admin enabled it, on a private channel', async () => {
    const t = await desk.admin.post('/api/templates', {
      name: '受付',
      body: 'お問い合わせありがとうございます。担当者より順番にご連絡します。',
    });
    await desk.admin.post('/api/automation/rules', {
      name: '受付返信',
      event: 'conversation.created',
      order: 50,
      conditions: [{ field: 'keywords', op: 'contains', value: '配送' }],
      actions: [{ type: 'send_template', templateId: t.body.id }],
    });
    const off = new Visitor(desk.koe.base, desk.channel.publicKey);
    await write('配送状況を知りたい', off);
    expect((await off.history()).map((m) => m.from)).toEqual(['customer']);

    const settings = (await desk.admin.get('/api/settings/desk')).body;
    await desk.admin.req('PUT', '/api/settings/desk', { ...settings, automation: { allowTemplateReplies: true } });
    const on = new Visitor(desk.koe.base, desk.channel.publicKey);
    await write('配送日を変更したい', on);
    const history = await waitFor(async () => {
      const h = await on.history();
      return h.length === 2 && h;
    });
    expect(history[1]).toMatchObject({
      from: 'agent',
      text: 'お問い合わせありがとうございます。担当者より順番にご連絡します。',
    });
    expect(history[1].authorName).toContain('受付返信');
  });

  it('dry-runs a draft rule against a sample conversation without changing it', async () => {
    const c = await write('アプリにログインできません。エラーが出ます');
    const before = (await desk.admin.get(`/api/conversations/${c.id}`)).body;
    const r = await desk.admin.post('/api/automation/dry-run', {
      conversationId: c.id,
      event: 'message.received',
      text: 'アプリにログインできません',
      rule: {
        name: 'outage to L3',
        event: 'message.received',
        conditions: [{ field: 'categories', op: 'contains', value: 'outage' }],
        actions: [
          { type: 'set_level', level: 3 },
          { type: 'add_tag', tag: '障害' },
        ],
      },
    });
    expect(r.status).toBe(200);
    expect(r.body.fired).toHaveLength(1);
    expect(r.body.after.conversation.tags).toContain('障害');
    expect(r.body.changes.length).toBeGreaterThan(0);
    const after = (await desk.admin.get(`/api/conversations/${c.id}`)).body;
    expect(after.tags).toEqual(before.tags);
  });
});
