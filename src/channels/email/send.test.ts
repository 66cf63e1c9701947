import { describe, expect, it } from 'vitest';
import type { Channel } from '../../store/repositories';
import type { OutboundMessage } from '../types';
import { emailCredentialsSchema } from './credentials';
import { replyEnvelope, replySubject, smtpFailure } from './send';

const creds = emailCredentialsSchema.parse({ address: 'support@koe.example', smtpHost: '127.0.0.1', smtpPort: 2525 });
const channel = { id: 'ch1', kind: 'email', name: 'Koeマート サポート' } as Channel;
const out = (meta?: Record<string, unknown>): OutboundMessage => ({
  channel,
  conversationId: 'c1',
  recipient: { externalId: 'alice@example.com', handle: null },
  message: { id: 'm1', text: 'Thanks for waiting.', authorName: '山田', createdAt: '2026-05-01T00:00:00Z' },
  idempotencyKey: 'koe-m1',
  inReplyTo: meta && { messageId: 'x', meta, createdAt: '2026-05-01T00:00:00Z' },
});

describe('email replies', () => {
  it('threads under the customer’s mail with a Message-ID stable across retries', () => {
    const e = replyEnvelope(out({ messageId: '<b@ex>', references: ['<a@ex>'], subject: 'Broken zipper' }), creds);
    expect(e).toMatchObject({
      from: { name: 'Koeマート サポート', address: 'support@koe.example' },
      to: 'alice@example.com',
      subject: 'Re: Broken zipper',
      messageId: '<koe-m1@koe.example>',
      inReplyTo: '<b@ex>',
      references: ['<a@ex>', '<b@ex>'],
    });
    expect(replyEnvelope(out({ messageId: '<b@ex>' }), creds).messageId).toBe(e.messageId);
  });

  it('does not stack "Re:" and falls back to the channel name', () => {
    expect(replySubject('RE: Broken zipper', 'x')).toBe('RE: Broken zipper');
    expect(replySubject('', 'Koe')).toBe('Koe');
    expect(replyEnvelope(out(), creds)).not.toHaveProperty('inReplyTo');
  });

  it('retries SMTP 4xx and connection errors, gives up on 5xx with the server’s words', () => {
    expect(smtpFailure({ responseCode: 451, response: '451 4.3.0 Try later' })).toMatchObject({ permanent: false });
    expect(smtpFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' }))).toMatchObject({
      permanent: false,
    });
    expect(smtpFailure({ responseCode: 550, response: '550 5.1.1 No such user' })).toMatchObject({
      permanent: true,
      message: 'SMTP: 550 5.1.1 No such user',
    });
  });
});
