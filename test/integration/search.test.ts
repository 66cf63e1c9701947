import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openDesk, type OpenDesk } from './harness';

/** The desk's search box: Japanese phrases inside messages, order numbers, customers' handles, with filters. */
describe.each(dialects)('search (%s)', (dialect) => {
  let desk: OpenDesk;
  const conv: Record<string, any> = {};
  const find = async (q: string, extra = '') =>
    (await desk.admin.get(`/api/search?q=${encodeURIComponent(q)}${extra}`)).body.items as any[];

  beforeAll(async () => {
    desk = await openDesk(dialect);
    conv.order = await desk.write('注文番号はKM-20241206-0042です。まだ届いていません');
    conv.charge = await desk.write('カードで二重請求されました。至急返金してください');
    conv.kettle = await desk.write('The kettle arrived broken, can I get a replacement?');
    conv.gacha = await desk.write('ｶﾞﾁｬ石が消えた');
    await desk.admin.post(`/api/conversations/${conv.charge.id}/messages`, {
      text: '返金の手続きを進めます',
      private: true,
    });
    const customer = (await desk.admin.get(`/api/conversations/${conv.kettle.id}`)).body.customer;
    await desk.koe.koe.db
      .updateTable('customer_identities')
      .set({ handle: '@kettle_fan' })
      .where('customer_id', '=', customer.id)
      .execute();
  }, 30_000);
  afterAll(async () => {
    await desk.close();
  });

  it('finds a two-character Japanese word inside messages, newest first, with the words around it', async () => {
    const hits = await find('返金');
    expect(hits.map((h) => [h.conversationId, h.messageKind])).toEqual([
      [conv.charge.id, 'note'],
      [conv.charge.id, 'customer'],
    ]);
    expect(hits[1]).toMatchObject({
      match: 'message',
      snippet: 'カードで二重請求されました。至急返金してください',
      channel: { kind: 'webchat' },
      status: 'open',
    });
    expect(typeof hits[1].messageId).toBe('string');
    expect(await find('二重請求')).toHaveLength(1);
    expect(await find('返品')).toEqual([]);
  });

  it('finds an order number whole or by its leading part, half-width kana by their ordinary form, and English', async () => {
    for (const q of ['KM-20241206-0042', 'km-2024', 'ＫＭ－２０２４１２０６'])
      expect(
        (await find(q)).map((h) => h.conversationId),
        q,
      ).toEqual([conv.order.id]);
    expect((await find('ガチャ石')).map((h) => h.conversationId)).toEqual([conv.gacha.id]);
    expect((await find('arrived broken')).map((h) => h.conversationId)).toEqual([conv.kettle.id]);
    // A single character the bigram index cannot hold is found by a scan.
    expect((await find('石')).map((h) => h.conversationId)).toEqual([conv.gacha.id]);
  });

  it('finds a customer by a handle, with their conversation', async () => {
    const hits = await find('kettle_fan');
    expect(hits[0]).toMatchObject({
      match: 'customer',
      conversationId: conv.kettle.id,
      snippet: '@kettle_fan',
      messageId: null,
    });
  });

  it("finds a conversation by the reference a customer quotes (the saved replies' {{conversation.id}})", async () => {
    const detail = (await desk.admin.get(`/api/conversations/${conv.kettle.id}`)).body;
    expect(detail.reference).toMatch(/^[0-9A-F]{8}$/);
    expect(detail.reference).toBe(conv.kettle.id.replace(/-/g, '').slice(0, 8).toUpperCase());
    for (const q of [detail.reference, `#${detail.reference}`, detail.reference.toLowerCase()]) {
      const [hit] = await find(q);
      expect(hit).toMatchObject({
        match: 'reference',
        conversationId: conv.kettle.id,
        snippet: `#${detail.reference}`,
      });
    }
    // Another workspace's or an unknown reference finds nothing by reference.
    expect((await find('00000000')).filter((h) => h.match === 'reference')).toEqual([]);
  });

  it('narrows by status, level, category, channel and date, and refuses an empty query', async () => {
    expect(await find('返金', '&status=resolved')).toEqual([]);
    expect((await find('返金', '&status=open&category=billing_error')).length).toBe(2);
    expect(await find('返金', '&category=praise')).toEqual([]);
    expect((await find('返金', `&channel=${desk.channel.id}`)).length).toBe(2);
    expect(await find('返金', '&from=2099-01-01T00:00:00Z')).toEqual([]);
    expect((await find('返金', '&to=2099-01-01T00:00:00Z')).length).toBe(2);
    const level = conv.charge.level;
    expect((await find('返金', `&level=${level}`)).length).toBe(2);
    expect((await desk.admin.get('/api/search?q=%20')).status).toBe(400);
  });
});
