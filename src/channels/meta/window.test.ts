import { describe, expect, it } from 'vitest';
import { messagingWindow } from './window';

describe('messagingWindow', () => {
  const now = new Date('2026-05-01T12:00:00Z');
  it('is open for 24 hours after the customer’s last DM', () => {
    expect(messagingWindow('2026-05-01T00:00:00Z', now)).toEqual({
      open: true,
      remainingMs: 12 * 3600_000,
      closesAt: '2026-05-02T00:00:00.000Z',
    });
  });
  it('is closed after 24 hours and when the customer never wrote', () => {
    expect(messagingWindow('2026-04-30T11:59:59Z', now)).toMatchObject({ open: false, remainingMs: 0 });
    expect(messagingWindow(null, now)).toEqual({ open: false, remainingMs: 0, closesAt: null });
    expect(messagingWindow('not a date', now).open).toBe(false);
  });
});
