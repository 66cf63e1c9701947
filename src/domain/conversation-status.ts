import { conflict } from './errors';

export const CONVERSATION_STATUSES = ['open', 'pending', 'resolved', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

/**
 * open: needs the team; pending: waiting on the customer; resolved: answered, reopens when the customer
 * writes again; closed: final — a later message starts a new conversation.
 */
const allowed: Record<ConversationStatus, ConversationStatus[]> = {
  open: ['pending', 'resolved', 'closed'],
  pending: ['open', 'resolved', 'closed'],
  resolved: ['open', 'closed'],
  closed: [],
};

export function canTransition(from: ConversationStatus, to: ConversationStatus): boolean {
  return from === to || allowed[from].includes(to);
}

export function assertTransition(from: ConversationStatus, to: ConversationStatus): void {
  if (!canTransition(from, to)) throw conflict(`A ${from} conversation cannot become ${to}`);
}

/** Status after a customer message arrives: anything but closed is (re)opened. */
export function statusOnCustomerMessage(current: ConversationStatus): ConversationStatus | 'new_conversation' {
  return current === 'closed' ? 'new_conversation' : 'open';
}
