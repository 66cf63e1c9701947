import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, dialects, openDesk, type OpenDesk } from './harness';

/** Issue 4: the composer's acknowledge-and-apologise draft for an urgent conversation nobody has answered yet. */
describe.each(dialects)('acknowledgement draft in the reply context (%s)', (dialect) => {
  let desk: OpenDesk;
  /** A named web chat visitor writes one message; resolves with the conversation once triage and routing ran. */
  const writeAs = async (name: string | undefined, text: string) => {
    const widget = new Client(desk.koe.base);
    const key = desk.channel.publicKey;
    const { visitorToken } = (await widget.post(`/api/widget/${key}/session`, {})).body;
    const sent = await widget.post(`/api/widget/${key}/messages`, {
      visitorToken,
      clientMessageId: `cm-${Math.random().toString(36).slice(2)}`,
      text,
      ...(name ? { name } : {}),
    });
    expect(sent.status).toBe(202);
    await desk.koe.koe.jobs.drain();
    return ((await desk.admin.get('/api/conversations?limit=100')).body.items as any[]).find((c) => c.preview === text);
  };
  const draftOf = async (id: string) =>
    (await desk.admin.get(`/api/conversations/${id}`)).body.replyContext.acknowledgementDraft;

  beforeAll(async () => {
    desk = await openDesk(dialect);
  });
  afterAll(async () => {
    await desk.close();
  });

  it('offers a Japanese draft naming the double charge and the customer until the first reply', async () => {
    const c = await writeAs('山田 太郎', '昨日カードで払ったら二重請求されてました。至急返金してください');
    expect(c.level).toBe(3);
    const draft = await draftOf(c.id);
    expect(draft).toMatch(/^山田 太郎さん、/);
    expect(draft).toContain('二重請求');
    expect(draft).toContain('申し訳ございません');
    // Web chat is private: the draft asks for the order number directly.
    expect(draft).toContain('ご注文番号とご請求日をお知らせいただけますか');
    // The draft is only offered: nothing was sent.
    const thread = (await desk.admin.get(`/api/conversations/${c.id}/messages`)).body.items;
    expect(thread.filter((m: any) => m.kind === 'reply')).toHaveLength(0);

    expect((await desk.admin.post(`/api/conversations/${c.id}/messages`, { text: draft, private: true })).status).toBe(
      201,
    );
    expect(await draftOf(c.id)).toBe(draft); // a private note is not a reply
    expect(
      (await desk.admin.post(`/api/conversations/${c.id}/messages`, { text: `${draft}\n担当の山田が確認します。` }))
        .status,
    ).toBe(201);
    expect(await draftOf(c.id)).toBeNull();
  });

  it('has no draft for an L1 question', async () => {
    const c = await writeAs('鈴木 一郎', 'ポイントの有効期限はいつまでですか？');
    expect(c.level).toBe(1);
    expect(await draftOf(c.id)).toBeNull();
  });

  it("writes in the customer's language and leaves out a placeholder guest name", async () => {
    const en = await writeAs('Alex', 'I was charged twice for my order!! Refund me now, this is unacceptable');
    expect(en.level).toBe(3);
    expect(await draftOf(en.id)).toMatch(/^Hi Alex, we're very sorry about the double or incorrect charge/);
    const guest = await writeAs(undefined, '注文した電子レンジから煙が出ました。危ないです');
    expect(guest.customer.name).toMatch(/^(ゲスト|Guest|Visitor)/i);
    const draft = await draftOf(guest.id);
    expect(draft).toMatch(/^安全に関わる/);
    expect(draft).toContain('ご使用はお控えください');
  });

  it('uses the order number the customer gave two messages earlier instead of asking for it again', async () => {
    const widget = new Client(desk.koe.base);
    const key = desk.channel.publicKey;
    const { visitorToken } = (await widget.post(`/api/widget/${key}/session`, {})).body;
    const texts = [
      'こんにちは、注文番号はＫＭ－２０２４１２０６－００４２です',
      '先日の件です',
      '二重請求されてました。至急返金してください',
    ];
    for (const [i, text] of texts.entries()) {
      const sent = await widget.post(`/api/widget/${key}/messages`, {
        visitorToken,
        clientMessageId: `facts-${i}-${Math.random().toString(36).slice(2)}`,
        text,
        name: '佐藤 花子',
      });
      expect(sent.status).toBe(202);
      await desk.koe.koe.jobs.drain();
    }
    const c = ((await desk.admin.get('/api/conversations?limit=100')).body.items as any[]).find(
      (x) => x.preview === texts[2],
    );
    expect(c.level).toBe(3);
    const draft = await draftOf(c.id);
    expect(draft).toContain('ご注文番号（KM-20241206-0042）の件、すぐに確認いたします。');
    expect(draft).toContain('あわせてご請求日をお知らせいただけますか');
    expect(draft).not.toContain('ご注文番号とご請求日');
  });
});
