import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInboundMail } from './parse';

const eml = (name: string) => readFileSync(path.join(import.meta.dirname, '../../../test/fixtures/email', name));
const opts = { channelId: 'ch1', supportAddress: 'Support@Koe.example', receivedAt: new Date('2026-05-01T01:00:00Z') };

describe('parseInboundMail', () => {
  it('decodes a Japanese ISO-2022-JP mail and keys the customer by the lower-cased address', async () => {
    const parsed = await parseInboundMail(eml('japanese-iso-2022-jp.eml'), opts);
    if (!('event' in parsed)) throw new Error(parsed.ignored);
    expect(parsed.event).toMatchObject({
      externalId: '<20260501093000.ja-double-charge@example.jp>',
      occurredAt: '2026-05-01T01:00:00.000Z',
      customer: { externalId: 'taro.tanaka@example.jp', name: '田中 太郎', email: 'taro.tanaka@example.jp' },
      meta: {
        visibility: 'private',
        messageId: '<20260501093000.ja-double-charge@example.jp>',
        inReplyTo: null,
        references: [],
        subject: '請求が二重になっています',
        threadKey: '<20260501093000.ja-double-charge@example.jp>',
        hadHtml: false,
      },
    });
    expect(parsed.event.text).toBe(
      '請求が二重になっています\n\n山田様\n\n先月の請求が二重になっています。\nご確認をお願いいたします。\n\n田中 太郎',
    );
  });

  it('shows HTML-only mail as plain text without markup or scripts', async () => {
    const parsed = await parseInboundMail(eml('html-only.eml'), opts);
    if (!('event' in parsed)) throw new Error(parsed.ignored);
    const { text, meta } = parsed.event;
    expect(text).toContain('The zipper on my new bag broke after one day.');
    expect(text).toContain('Order & invoice: #A-1234');
    expect(text).not.toMatch(/<[a-z/]|alert|document\.cookie|color: red/i);
    expect(meta).toMatchObject({ hadHtml: true });
  });

  it('threads a reply by References and drops the quoted history', async () => {
    const parsed = await parseInboundMail(eml('customer-reply.eml'), opts);
    if (!('event' in parsed)) throw new Error(parsed.ignored);
    expect(parsed.event.text).toBe('Thanks, I have sent the photos.');
    expect(parsed.event.meta).toMatchObject({
      inReplyTo: '<koe-reply-1@koe.example>',
      references: ['<html-only-0001@example.com>', '<koe-reply-1@koe.example>'],
      threadKey: '<html-only-0001@example.com>',
      subject: 'Re: Broken zipper on my order',
    });
  });

  it('leaves automatic replies and its own mail alone, so replies cannot loop', async () => {
    expect(await parseInboundMail(eml('out-of-office.eml'), opts)).toEqual({ ignored: 'auto-submitted: auto-replied' });
    const own = Buffer.from('From: support@koe.example\r\nTo: support@koe.example\r\nSubject: x\r\n\r\nhi\r\n');
    expect(await parseInboundMail(own, opts)).toEqual({ ignored: 'sent from the support address itself' });
  });

  it('dedupes mail without a Message-ID by its content', async () => {
    const raw = Buffer.from('From: a@example.com\r\nTo: support@koe.example\r\nSubject: x\r\n\r\nhi\r\n');
    const [a, b] = await Promise.all([parseInboundMail(raw, opts), parseInboundMail(raw, opts)]);
    expect('event' in a && 'event' in b && a.event.externalId === b.event.externalId).toBe(true);
  });
});
