import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, dialects, openDesk, type OpenDesk } from './harness';

describe.each(dialects)('one customer across channels: merge and undo (%s)', (dialect) => {
  let desk: OpenDesk;
  let shop: any;
  let support: any;

  /** A visitor with a name writes on a chat channel; resolves with the conversation. */
  const writeAs = async (channel: any, name: string, text: string) => {
    const c = new Client(desk.koe.base);
    const token = (await c.post(`/api/widget/${channel.publicKey}/session`, {})).body.visitorToken;
    await c.post(`/api/widget/${channel.publicKey}/messages`, {
      visitorToken: token,
      clientMessageId: `m-${Math.random().toString(36).slice(2)}`,
      text,
      name,
    });
    await desk.koe.koe.jobs.drain();
    return {
      token,
      conv: ((await desk.admin.get('/api/conversations?limit=100')).body.items as any[]).find(
        (x) => x.preview === text,
      ),
    };
  };

  beforeAll(async () => {
    desk = await openDesk(dialect);
    shop = desk.channel;
    support = (await desk.admin.post('/api/channels', { kind: 'webchat', name: 'サポートサイト' })).body;
  });
  afterAll(async () => {
    await desk.close();
  });

  it('suggests the same person on another channel, merges with history kept, and undoes exactly', async () => {
    const a = await writeAs(shop, '田中 太郎', '注文の配送日を変えたいです');
    const b = await writeAs(support, '田中 太郎', 'アカウントのメールアドレスを変更したい');
    await writeAs(shop, '田中 花子', '別人の問い合わせです');
    const target = a.conv.customer.id;
    const source = b.conv.customer.id;
    expect(target).not.toBe(source);

    const suggestions = (await desk.admin.get(`/api/customers/${target}/merge-suggestions`)).body.items;
    expect(suggestions.map((s: any) => s.id)).toEqual([source]);
    expect(suggestions[0].reason).toBe('same_name');

    const merged = await desk.admin.post(`/api/customers/${target}/merge`, { sourceId: source });
    expect(merged.status).toBe(201);
    const customer = (await desk.admin.get(`/api/customers/${target}`)).body;
    expect(customer.identities.map((i: any) => i.channelId).sort()).toEqual([shop.id, support.id].sort());
    expect(customer.conversations.map((c: any) => c.id).sort()).toEqual([a.conv.id, b.conv.id].sort());
    expect(customer.merges[0]).toMatchObject({ sourceId: source, undoneAt: null });
    expect((await desk.admin.post(`/api/customers/${target}/merge`, { sourceId: source })).status).toBe(409);

    // The merged person writes again on the second channel: it lands with the merged customer.
    const again = new Client(desk.koe.base);
    await again.post(`/api/widget/${support.publicKey}/messages`, {
      visitorToken: b.token,
      clientMessageId: 'm-after-merge',
      text: 'まだ変更できていません',
    });
    await desk.koe.koe.jobs.drain();
    const conv = (await desk.admin.get(`/api/conversations/${b.conv.id}`)).body;
    expect(conv.customer.id).toBe(target);

    expect((await desk.admin.post(`/api/customer-merges/${merged.body.mergeId}/undo`)).status).toBe(204);
    expect((await desk.admin.get(`/api/conversations/${b.conv.id}`)).body.customer.id).toBe(source);
    expect((await desk.admin.get(`/api/customers/${target}`)).body.identities.map((i: any) => i.channelId)).toEqual([
      shop.id,
    ]);
    expect((await desk.admin.post(`/api/customer-merges/${merged.body.mergeId}/undo`)).status).toBe(409);
    const actions = (await desk.admin.get('/api/audit?limit=300')).body.items.map((i: any) => i.action);
    expect(actions).toEqual(expect.arrayContaining(['customer.merged', 'customer.merge_undone']));
  });

  it('refuses to merge a customer into itself', async () => {
    const c = (await desk.admin.get('/api/conversations?limit=1')).body.items[0].customer.id;
    expect((await desk.admin.post(`/api/customers/${c}/merge`, { sourceId: c })).status).toBe(400);
  });
});
