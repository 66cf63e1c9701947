import type { WidgetMessage } from '../../contracts/widget';

export type { WidgetMessage } from '../../contracts/widget';

export function toWidgetMessage(m: {
  id: string;
  kind: string;
  text: string;
  authorName: string;
  createdAt: string;
  clientMessageId: string | null;
  choices?: { label: string; data: string }[];
}): WidgetMessage {
  return {
    id: m.id,
    from: m.kind === 'customer' ? 'customer' : 'agent',
    text: m.text,
    authorName: m.authorName,
    createdAt: m.createdAt,
    clientMessageId: m.clientMessageId,
    ...(m.choices?.length ? { choices: m.choices } : {}),
  };
}
