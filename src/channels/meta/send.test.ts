import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../types';
import { metaCredentialsSchema } from './credentials';
import { GraphClient } from './graph';
import {
  checkDirectMessageLength,
  metaAdapter,
  quickRepliesOf,
  replyToComment,
  sendDirectMessage,
  sendPrivateReply,
} from './send';
import type { ChannelContext } from '../plugin';
import type { OutboundMessage } from '../types';

const creds = metaCredentialsSchema.parse({
  appSecret: 's',
  verifyToken: 'v',
  pageAccessToken: 'tok',
  pageId: 'PAGE',
  graphBaseUrl: 'http://graph.test',
});

function recordingFetch(answer: unknown = { id: 'c1', message_id: 'm1', recipient_id: 'r1' }) {
  const calls: { url: URL; body: any; auth: string | null }[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    calls.push({
      url: new URL(url),
      body: JSON.parse(String(init.body)),
      auth: new Headers(init.headers).get('authorization'),
    });
    return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { calls, fetchImpl };
}

describe('Meta sends', () => {
  const now = new Date('2026-05-01T12:00:00Z');

  it('sends a DM as a RESPONSE inside the window, with the page token and appsecret_proof', async () => {
    const { calls, fetchImpl } = recordingFetch();
    const res = await sendDirectMessage(
      new GraphClient(creds, fetchImpl),
      creds,
      'facebook',
      { recipientId: 'PSID', text: 'hi', lastCustomerDmAt: '2026-05-01T00:00:00Z' },
      now,
    );
    expect(res).toEqual({ externalId: 'm1' });
    expect(calls[0].url.pathname).toBe('/v21.0/PAGE/messages');
    expect(calls[0].url.searchParams.get('appsecret_proof')).toMatch(/^[0-9a-f]{64}$/);
    expect(calls[0].auth).toBe('Bearer tok');
    expect(calls[0].body).toEqual({ recipient: { id: 'PSID' }, messaging_type: 'RESPONSE', message: { text: 'hi' } });
  });

  it('sends choices as quick replies on a DM inside the window', async () => {
    const { calls, fetchImpl } = recordingFetch();
    const choices = [1, 2, 3, 4, 5].map((n) => ({ label: String(n), data: `koe-survey:s1:${n}` }));
    await sendDirectMessage(
      new GraphClient(creds, fetchImpl),
      creds,
      'instagram',
      { recipientId: 'IGSID', text: 'いかがでしたか', lastCustomerDmAt: '2026-05-01T00:00:00Z', choices },
      now,
    );
    expect(calls[0].body).toEqual({
      recipient: { id: 'IGSID' },
      messaging_type: 'RESPONSE',
      message: {
        text: 'いかがでしたか',
        quick_replies: choices.map((c) => ({ content_type: 'text', title: c.label, payload: c.data })),
      },
    });
  });

  it('keeps quick replies within Meta’s limits: 13 buttons, 20-character titles, 1,000-character payloads', () => {
    const many = Array.from({ length: 15 }, (_, i) => ({ label: String(i), data: `d${i}` }));
    expect(quickRepliesOf(many)).toHaveLength(13);
    expect(quickRepliesOf([{ label: 'とても満足しています、ありがとう！！', data: 'd' }])![0].title).toBe(
      'とても満足しています、ありがとう！！'.slice(0, 20),
    );
    // A payload the platform would cut would come back unreadable: that button is left out.
    expect(
      quickRepliesOf([
        { label: 'a', data: 'x'.repeat(1001) },
        { label: 'b', data: 'ok' },
      ]),
    ).toEqual([{ content_type: 'text', title: 'b', payload: 'ok' }]);
    expect(quickRepliesOf([])).toBeUndefined();
    expect(quickRepliesOf(undefined)).toBeUndefined();
  });

  it('offers quick replies in a DM, but not in a private reply to a comment', async () => {
    const { calls, fetchImpl } = recordingFetch();
    const ctx = { credentials: async () => creds } as unknown as ChannelContext;
    const adapter = metaAdapter('facebook', ctx, fetchImpl);
    const out = (meta: Record<string, unknown>, createdAt: string): OutboundMessage =>
      ({
        channel: { id: 'ch' },
        conversationId: 'c',
        recipient: { externalId: 'PSID', handle: null },
        message: { id: 'm', text: '満足度を教えてください https://desk.example/rate/t', authorName: 'Koe', createdAt },
        idempotencyKey: 'k',
        via: 'dm',
        inReplyTo: { messageId: 'in', meta, createdAt },
        choices: [{ label: '5', data: 'koe-survey:s1:5' }],
      }) as unknown as OutboundMessage;
    const recent = new Date(Date.now() - 60_000).toISOString();
    await adapter.send(out({ visibility: 'private', psid: 'PSID' }, recent));
    await adapter.send(out({ visibility: 'public', commentId: 'C1' }, recent));
    expect(calls[0].body.message.quick_replies).toEqual([
      { content_type: 'text', title: '5', payload: 'koe-survey:s1:5' },
    ]);
    expect(calls[1].body).toEqual({
      recipient: { comment_id: 'C1' },
      message: { text: '満足度を教えてください https://desk.example/rate/t' },
    });
  });

  it('refuses a DM outside the 24-hour window without calling Meta', async () => {
    const { calls, fetchImpl } = recordingFetch();
    const p = sendDirectMessage(
      new GraphClient(creds, fetchImpl),
      creds,
      'instagram',
      { recipientId: 'IGSID', text: 'hi', lastCustomerDmAt: '2026-04-29T00:00:00Z' },
      now,
    );
    await expect(p).rejects.toMatchObject({ permanent: true, message: expect.stringContaining('24') });
    expect(calls).toHaveLength(0);
  });

  it('checks Messenger characters and Instagram bytes', () => {
    expect(() => checkDirectMessageLength('facebook', 'あ'.repeat(1999))).not.toThrow();
    expect(() => checkDirectMessageLength('facebook', 'a'.repeat(2000))).toThrow(DeliveryError);
    expect(() => checkDirectMessageLength('instagram', 'a'.repeat(1000))).not.toThrow();
    expect(() => checkDirectMessageLength('instagram', 'あ'.repeat(334))).toThrow(/1,000/); // 1,002 bytes
  });

  it('replies to comments on the right edge for each platform', async () => {
    const { calls, fetchImpl } = recordingFetch();
    const graph = new GraphClient(creds, fetchImpl);
    await replyToComment(graph, 'facebook', {
      commentId: 'POST_C1',
      parentId: 'PAGE_POST',
      text: 'ありがとうございます',
    });
    await replyToComment(graph, 'instagram', { commentId: 'IGC2', parentId: 'IGC1', text: 'Thanks!' });
    expect(calls.map((c) => c.url.pathname)).toEqual(['/v21.0/POST_C1/comments', '/v21.0/IGC1/replies']);
    expect(calls[1].body).toEqual({ message: 'Thanks!' });
  });

  it('sends a private reply to a commenter within 7 days only', async () => {
    const { calls, fetchImpl } = recordingFetch();
    const res = await sendPrivateReply(
      creds,
      'facebook',
      { commentId: 'C1', text: 'DMで詳しく伺います', commentCreatedAt: '2026-04-28T00:00:00Z' },
      { now, fetchImpl },
    );
    expect(res).toEqual({ externalId: 'm1', recipientId: 'r1' });
    expect(calls[0].body).toEqual({ recipient: { comment_id: 'C1' }, message: { text: 'DMで詳しく伺います' } });
    await expect(
      sendPrivateReply(
        creds,
        'facebook',
        { commentId: 'C1', text: 'x', commentCreatedAt: '2026-04-20T00:00:00Z' },
        { now, fetchImpl },
      ),
    ).rejects.toMatchObject({ permanent: true });
  });
});
