import { readFileSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  dialects,
  freshDatabase,
  seededDesk,
  startKoe,
  waitFor,
  type RunningKoe,
  type TestDatabase,
} from './harness';
import { mailRelay } from './mail-relay';

const SUPPORT = 'support@koe.example';
const eml = (name: string) => readFileSync(path.join(import.meta.dirname, '../fixtures/email', name));

/** The organisation's outgoing relay: records every mail; mailboxes named gone@… do not exist. */
const fakeRelay = () => mailRelay({ unknown: (address) => address.startsWith('gone@') });

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe.each(dialects)('email channel: SMTP in, SMTP out (%s)', (dialect) => {
  let db: TestDatabase;
  let koe: RunningKoe;
  let admin: Client;
  let relay: Awaited<ReturnType<typeof fakeRelay>>;
  let channel: any;
  let inboundPort: number;
  const customerMail = () =>
    nodemailer.createTransport({ host: '127.0.0.1', port: inboundPort, secure: false, ignoreTLS: true });
  const sendRaw = (from: string, raw: Buffer) => customerMail().sendMail({ envelope: { from, to: [SUPPORT] }, raw });

  const conversationOf = (address: string) =>
    waitFor(() =>
      koe.koe.db
        .selectFrom('conversations as c')
        .innerJoin('customer_identities as i', 'i.customer_id', 'c.customer_id')
        .select('c.id')
        .where('i.channel_id', '=', channel.id)
        .where('i.external_id', '=', address)
        .where('c.channel_id', '=', channel.id)
        .executeTakeFirst(),
    );
  const messagesOf = async (id: string) => (await admin.get(`/api/conversations/${id}/messages`)).body.items as any[];
  const replyAndWait = async (conversationId: string, text: string, status: 'sent' | 'failed') => {
    const reply = (await admin.post(`/api/conversations/${conversationId}/messages`, { text })).body;
    return waitFor(async () => {
      const m = (await messagesOf(conversationId)).find((x) => x.id === reply.id);
      return m?.delivery?.status === status && m;
    }, 8000);
  };

  beforeAll(async () => {
    relay = await fakeRelay();
    inboundPort = await freePort();
    db = await freshDatabase(dialect);
    koe = await startKoe(db);
    ({ admin } = await seededDesk(koe.base));
    channel = (
      await admin.post('/api/channels', {
        kind: 'email',
        name: 'Koeマート サポート',
        credentials: { address: SUPPORT, smtpHost: '127.0.0.1', smtpPort: relay.port, inboundPort },
      })
    ).body;
    expect(channel.id).toBeTruthy();
    // The plugin notices the new channel and opens its SMTP port within a second or so.
    await waitFor(
      async () => (await admin.post(`/api/channels/${channel.id}/test`)).body.detail.includes('receiving on'),
      5000,
    );
  });
  afterAll(async () => {
    await koe?.stop();
    await db?.drop();
    await relay?.close();
  });

  it('turns a Japanese ISO-2022-JP mail into a conversation with the sender and subject, once', async () => {
    const raw = eml('japanese-iso-2022-jp.eml');
    await sendRaw('Taro.Tanaka@Example.JP', raw);
    await sendRaw('Taro.Tanaka@Example.JP', raw); // the sender's MTA retried
    const conv = await conversationOf('taro.tanaka@example.jp');
    await koe.koe.jobs.drain();
    const detail = (await admin.get(`/api/conversations/${conv.id}`)).body;
    expect(detail.customer).toMatchObject({ name: '田中 太郎', email: 'taro.tanaka@example.jp' });
    const msgs = await messagesOf(conv.id);
    expect(msgs).toHaveLength(1);
    expect(msgs[0].text).toMatch(/^請求が二重になっています\n\n山田様/);
    const stored = await koe.koe.db
      .selectFrom('messages')
      .select('meta')
      .where('id', '=', msgs[0].id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.meta!)).toMatchObject({
      visibility: 'private',
      subject: '請求が二重になっています',
      messageId: '<20260501093000.ja-double-charge@example.jp>',
    });
  });

  it('receives mail composed by nodemailer', async () => {
    await customerMail().sendMail({
      from: '"Ken Sato" <ken@example.net>',
      to: SUPPORT,
      subject: 'Where is my order?',
      text: 'Ordered on Monday, still nothing.',
    });
    const conv = await conversationOf('ken@example.net');
    await waitFor(async () => (await messagesOf(conv.id)).length === 1);
    expect((await messagesOf(conv.id))[0].text).toBe('Where is my order?\n\nOrdered on Monday, still nothing.');
    expect((await admin.get(`/api/conversations/${conv.id}`)).body.customer.name).toBe('Ken Sato');
  });

  it('shows HTML-only mail as text, and threads the agent’s reply under it', async () => {
    await sendRaw('alice@example.com', eml('html-only.eml'));
    const conv = await conversationOf('alice@example.com');
    const [msg] = await waitFor(async () => {
      const m = await messagesOf(conv.id);
      return m.length === 1 && m;
    });
    expect(msg.text).toContain('The zipper on my new bag broke after one day.');
    expect(msg.text).not.toMatch(/<[a-z/]|alert\(|document\.cookie/i);

    const sent = await replyAndWait(conv.id, 'Sorry about that! Could you send us a photo of the zipper?', 'sent');
    const out = relay.received.find((r) => r.to.includes('alice@example.com'))!;
    expect(out.mail.subject).toBe('Re: Broken zipper on my order');
    expect(out.mail.inReplyTo).toBe('<html-only-0001@example.com>');
    expect([out.mail.references].flat()).toEqual(['<html-only-0001@example.com>']);
    expect(out.mail.messageId).toBe(`<koe-${sent.id}@koe.example>`);
    expect(out.mail.from?.value[0]).toMatchObject({ address: SUPPORT, name: 'Koeマート サポート' });
    expect(out.mail.text?.trim()).toBe('Sorry about that! Could you send us a photo of the zipper?');
  });

  it('fails a reply the relay rejects with 5xx, showing the server’s response', async () => {
    await customerMail().sendMail({ from: 'gone@example.com', to: SUPPORT, subject: '退会', text: '退会したいです' });
    const conv = await conversationOf('gone@example.com');
    await waitFor(async () => (await messagesOf(conv.id)).length === 1);
    const failed = await replyAndWait(conv.id, '承知しました。', 'failed');
    expect(failed.delivery.error).toMatch(/^SMTP: .*550.*User unknown/);
    expect(failed.delivery.attempts).toBe(1);
  });

  it('rejects mail over 10 MB with 552 and mail for other addresses with 550', async () => {
    const big = Buffer.concat([
      Buffer.from('From: big@example.com\r\nTo: support@koe.example\r\nSubject: big\r\n\r\n'),
      Buffer.alloc(10.5 * 1024 * 1024, 'a\r\n'),
    ]);
    await expect(sendRaw('big@example.com', big)).rejects.toMatchObject({ responseCode: 552 });
    await expect(
      customerMail().sendMail({ from: 'x@example.com', to: 'sales@koe.example', subject: 'x', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 550 });
  });
});
