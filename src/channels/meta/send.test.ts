import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../types';
import { metaCredentialsSchema } from './credentials';
import { GraphClient } from './graph';
import { checkDirectMessageLength, replyToComment, sendDirectMessage, sendPrivateReply } from './send';

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
