/** Meta's standard messaging window: a page may answer a DM for 24 hours after the customer's last message. */
export const MESSAGING_WINDOW_MS = 24 * 60 * 60 * 1000;
/** A private reply to a comment is allowed once, within 7 days of the comment. */
export const PRIVATE_REPLY_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export interface MessagingWindow {
  open: boolean;
  remainingMs: number;
  closesAt: string | null;
}

/** For the agent's composer: may a DM still be sent, and for how long. */
export function messagingWindow(
  lastCustomerDmAt: string | Date | null | undefined,
  now: Date = new Date(),
  lengthMs = MESSAGING_WINDOW_MS,
): MessagingWindow {
  const last = lastCustomerDmAt == null ? NaN : new Date(lastCustomerDmAt).getTime();
  if (Number.isNaN(last)) return { open: false, remainingMs: 0, closesAt: null };
  const closes = last + lengthMs;
  const remainingMs = Math.max(0, closes - now.getTime());
  return { open: remainingMs > 0, remainingMs, closesAt: new Date(closes).toISOString() };
}
