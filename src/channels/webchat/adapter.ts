import { topics, type RealtimeBus } from '../../realtime/bus';
import type { ChannelAdapter, OutboundMessage } from '../types';
import { toWidgetMessage } from './widget-message';

/** The chat widget's "platform" is Koe itself: delivering a reply means pushing it to the visitor's open widgets. */
export function webchatAdapter(bus: RealtimeBus): ChannelAdapter {
  return {
    kind: 'webchat',
    async send(out: OutboundMessage) {
      bus.publish(topics.visitor(out.channel.id, out.recipient.externalId), {
        type: 'message',
        data: toWidgetMessage({
          id: out.message.id,
          kind: 'reply',
          text: out.message.text,
          authorName: out.message.authorName,
          createdAt: out.message.createdAt,
          clientMessageId: null,
          choices: out.choices,
        }),
      });
      return { externalId: out.message.id };
    },
  };
}
