import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { conversationKeys } from '../api/conversations';
import { routingKeys } from '../api/routing';
import type { AppNotification } from '../api/routingTypes';
import type { Conversation, ConversationItem, Message } from '../api/types';
import { applyEvent } from './applyEvent';

const item = (over: Partial<ConversationItem> = {}) =>
  ({
    id: 'c1',
    status: 'open',
    level: 3,
    preview: '二重請求です',
    customer: { id: 'u1', name: '田中' },
    ...over,
  }) as ConversationItem;
const message = (id: string, text: string) => ({ id, conversationId: 'c1', kind: 'customer', text }) as Message;

function setup() {
  const qc = new QueryClient();
  const refetched: string[] = [];
  return { qc, refetched, soon: (key: readonly unknown[]) => refetched.push(JSON.stringify(key)) };
}

describe('applyEvent: server events folded into the query cache', () => {
  it('patches an open conversation in place and refetches the lists, counts and thread', () => {
    const { qc, refetched, soon } = setup();
    qc.setQueryData(conversationKeys.detail('c1'), {
      ...item(),
      customer: { id: 'u1', name: '田中', email: 'a@b.c' },
    } as unknown as Conversation);
    applyEvent(
      qc,
      {
        type: 'conversation.updated',
        data: item({ status: 'pending', customer: { id: 'u1', name: '田中 一郎' } as ConversationItem['customer'] }),
      },
      soon,
    );
    const detail = qc.getQueryData<Conversation>(conversationKeys.detail('c1'))!;
    expect(detail.status).toBe('pending');
    expect(detail.customer).toMatchObject({ name: '田中 一郎', email: 'a@b.c' });
    expect(refetched).toEqual(
      expect.arrayContaining([
        JSON.stringify(conversationKeys.lists),
        JSON.stringify(conversationKeys.counts),
        JSON.stringify(conversationKeys.messages('c1')),
      ]),
    );
  });

  it('does not invent a conversation detail nobody has opened', () => {
    const { qc, soon } = setup();
    applyEvent(qc, { type: 'conversation.updated', data: item() }, soon);
    expect(qc.getQueryData(conversationKeys.detail('c1'))).toBeUndefined();
  });

  it('adds a new message to an open thread once, and replaces an updated one', () => {
    const { qc, soon } = setup();
    qc.setQueryData(conversationKeys.messages('c1'), { items: [message('m1', 'こんにちは')] });
    applyEvent(qc, { type: 'message.created', data: message('m2', '返金はいつですか') }, soon);
    applyEvent(qc, { type: 'message.created', data: message('m2', '返金はいつですか') }, soon);
    applyEvent(qc, { type: 'message.updated', data: message('m1', 'こんにちは（編集）') }, soon);
    expect(qc.getQueryData<{ items: Message[] }>(conversationKeys.messages('c1'))!.items.map((m) => m.text)).toEqual([
      'こんにちは（編集）',
      '返金はいつですか',
    ]);
  });

  it('puts a new notification first, once, and sets counts as given', () => {
    const { qc, soon } = setup();
    const n = (id: string) =>
      ({
        id,
        kind: 'assigned',
        title: 't',
        body: 'b',
        urgent: false,
        conversationId: null,
        createdAt: '',
        readAt: null,
      }) as AppNotification;
    qc.setQueryData(routingKeys.notifications, { items: [n('old')] });
    applyEvent(qc, { type: 'notification', data: n('new') }, soon);
    applyEvent(qc, { type: 'notification', data: n('new') }, soon);
    expect(qc.getQueryData<{ items: AppNotification[] }>(routingKeys.notifications)!.items.map((x) => x.id)).toEqual([
      'new',
      'old',
    ]);
    const counts = { all_open: 3 } as never;
    applyEvent(qc, { type: 'counts', data: counts }, soon);
    expect(qc.getQueryData(conversationKeys.counts)).toBe(counts);
  });
});
