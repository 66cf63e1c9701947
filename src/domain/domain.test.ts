import { describe, expect, it } from 'vitest';
import { assertTransition, canTransition, statusOnCustomerMessage } from './conversation-status';
import { DomainError } from './errors';
import { canAssign, hasRole, requireRole, type Actor } from './permissions';

describe('conversation status transitions', () => {
  it('allows the support workflow', () => {
    expect(canTransition('open', 'pending')).toBe(true);
    expect(canTransition('pending', 'open')).toBe(true);
    expect(canTransition('open', 'resolved')).toBe(true);
    expect(canTransition('resolved', 'open')).toBe(true);
    expect(canTransition('resolved', 'closed')).toBe(true);
  });
  it('keeps closed conversations closed', () => {
    expect(canTransition('closed', 'open')).toBe(false);
    expect(() => assertTransition('closed', 'open')).toThrow(DomainError);
    expect(canTransition('resolved', 'pending')).toBe(false);
  });
  it('reopens on a customer message, except after close', () => {
    expect(statusOnCustomerMessage('resolved')).toBe('open');
    expect(statusOnCustomerMessage('pending')).toBe('open');
    expect(statusOnCustomerMessage('closed')).toBe('new_conversation');
  });
});

describe('permissions', () => {
  const agent: Actor = { agentId: 'a1', role: 'agent', workspaceId: 'w', name: 'A' };
  const sup: Actor = { agentId: 's1', role: 'supervisor', workspaceId: 'w', name: 'S' };
  it('ranks roles', () => {
    expect(hasRole('admin', 'supervisor')).toBe(true);
    expect(hasRole('agent', 'supervisor')).toBe(false);
    expect(() => requireRole('agent', 'admin')).toThrow(/admin/);
  });
  it('lets an agent take unassigned work and release their own, but not reassign others', () => {
    expect(canAssign(agent, null, 'a1')).toBe(true);
    expect(canAssign(agent, 'a1', null)).toBe(true);
    expect(canAssign(agent, 'a2', 'a1')).toBe(false);
    expect(canAssign(agent, null, 'a2')).toBe(false);
    expect(canAssign(agent, 'a2', null)).toBe(false);
  });
  it('lets a supervisor assign anyone', () => {
    expect(canAssign(sup, 'a2', 'a1')).toBe(true);
  });
});
