import { describe, expect, it } from 'vitest';
import { externalKindOf, eventUrl, retryAfterMs, signBody } from './notify-external';
import { DeskSettingsSchema, publicDeskSettings, webhookUrlProblem } from './settings';
import { mergeDeskSettings as mergeSettings } from './settings';

describe('external notifications (pure parts)', () => {
  it('maps in-app kinds to the kinds admins choose; only urgent assignments go out', () => {
    expect(externalKindOf({ kind: 'assigned', urgent: false })).toBeNull();
    expect(externalKindOf({ kind: 'assigned', urgent: true })).toBe('assigned_urgent');
    for (const k of ['escalated', 'sla.warning', 'sla.breached', 'spike'] as const)
      expect(externalKindOf({ kind: k, urgent: false })).toBe(k);
  });

  it('accepts https anywhere and http only to loopback', () => {
    expect(webhookUrlProblem('https://hooks.example.com/x')).toBeNull();
    expect(webhookUrlProblem('http://localhost:3000/x')).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:9/x')).toBeNull();
    expect(webhookUrlProblem('http://[::1]:9/x')).toBeNull();
    expect(webhookUrlProblem('http://example.com/x')).toMatch(/https/);
    expect(webhookUrlProblem('http://127.0.0.1.nip.io/x')).toMatch(/https/);
    expect(webhookUrlProblem('ftp://example.com/x')).toMatch(/https/);
    expect(webhookUrlProblem('javascript:alert(1)')).toMatch(/https/);
    expect(webhookUrlProblem('example.com')).toMatch(/valid URL/);
  });

  it('parses a stored row from before notifications existed', () => {
    const s = DeskSettingsSchema.parse({ autoAssign: { enabled: false }, sla: { onBreach: 'escalate' } });
    expect(s.notifications).toEqual({
      email: { enabled: false, kinds: ['unassigned_urgent', 'escalated', 'sla.breached', 'spike'] },
      webhook: {
        url: null,
        secret: null,
        kinds: ['assigned_urgent', 'unassigned_urgent', 'escalated', 'sla.warning', 'sla.breached', 'spike'],
      },
    });
    expect(
      DeskSettingsSchema.parse({ notifications: { webhook: { url: 'https://h.example/x' } } }).notifications.email
        .enabled,
    ).toBe(false);
  });

  it('keeps, removes or replaces the write-only secret and never shows it', () => {
    const stored = DeskSettingsSchema.parse({
      notifications: { webhook: { url: 'https://h.example/x', secret: 'v1.sealed' } },
    });
    const seal = (p: string) => `sealed(${p})`;
    const shown = publicDeskSettings(stored, { admin: true, smtpConfigured: false });
    expect(shown.notifications.webhook).toEqual({
      url: 'https://h.example/x',
      hasSecret: true,
      kinds: stored.notifications.webhook.kinds,
    });
    expect(JSON.stringify(shown)).not.toContain('v1.sealed');
    const input = (secret?: string | null) => ({
      ...stored,
      notifications: {
        ...shown.notifications,
        webhook: { ...shown.notifications.webhook, ...(secret === undefined ? {} : { secret }) },
      },
    });
    expect(mergeSettings(stored, input(), seal).notifications.webhook.secret).toBe('v1.sealed');
    expect(mergeSettings(stored, input(null), seal).notifications.webhook.secret).toBeNull();
    expect(mergeSettings(stored, input('new'), seal).notifications.webhook.secret).toBe('sealed(new)');
    expect(mergeSettings(stored, { ...stored, notifications: undefined }, seal).notifications).toEqual(
      stored.notifications,
    );
    expect(publicDeskSettings(stored, { admin: false, smtpConfigured: true }).notifications.webhook.url).toBeNull();
  });

  it('signs the raw body, reads Retry-After and links to the conversation', () => {
    // echo -n '{"a":1}' | openssl dgst -sha256 -hmac secret
    expect(signBody('secret', '{"a":1}')).toBe(
      'sha256=aa9e2e3575f5d7098b6caccd790888c36d5fdb63342a73bada2d6a51747a8494',
    );
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
    expect(retryAfterMs('999999')).toBe(3_600_000);
    expect(eventUrl('https://d.example', { conversationId: 'c1', kind: 'escalated' })).toBe(
      'https://d.example/conversations/c1',
    );
    expect(eventUrl('https://d.example', { conversationId: null, kind: 'spike' })).toBe('https://d.example/incidents');
    expect(eventUrl(undefined, { conversationId: 'c1', kind: 'escalated' })).toBeUndefined();
  });
});
