import { describe, expect, it } from 'vitest';
import { conditionMatches, conditionProblem, describeMiss } from './conditions';
import { containsKeyword } from './keywords';
import { sampleFacts } from './test-factories';
import type { Condition } from './types';

const facts = sampleFacts({
  conversation: { channel: 'line', level: 2, priority: 75, categories: ['billing_error', 'defect'], assigneeId: null },
  customer: { tags: ['VIP', 'wholesale'], vip: true },
  text: 'ＲＥＦＵＮＤ please! ｶﾞｽ代が二重に請求されました',
});
const match = (c: Condition) => conditionMatches(c, facts);

describe('containsKeyword', () => {
  it('normalises width and case for English and Japanese', () => {
    expect(containsKeyword('ＲＥＦＵＮＤ please', 'refund')).toBe(true);
    expect(containsKeyword('ｶﾞｽ代が高い', 'ガス代')).toBe(true);
    expect(containsKeyword('二重に請求されました', '請求')).toBe(true);
  });

  it('matches Latin keywords as whole words, with * for prefixes', () => {
    expect(containsKeyword('my bank card', 'ban')).toBe(false);
    expect(containsKeyword('you got banned', 'ban*')).toBe(true);
    expect(containsKeyword('it was refunded', 'refund')).toBe(false);
    expect(containsKeyword('it was refunded', 'refund*')).toBe(true);
    expect(containsKeyword('charged  twice!', 'charged twice')).toBe(true);
    expect(containsKeyword('anything', '*')).toBe(false);
  });
});

describe('conditionMatches', () => {
  it('compares scalars case-insensitively, with "none" meaning unassigned', () => {
    expect(match({ field: 'channel', op: 'is', value: 'LINE' })).toBe(true);
    expect(match({ field: 'channel', op: 'in', value: ['x', 'instagram'] })).toBe(false);
    expect(match({ field: 'channel', op: 'is_not', value: 'x' })).toBe(true);
    expect(match({ field: 'assignee', op: 'is', value: 'none' })).toBe(true);
    expect(match({ field: 'assignee', op: 'is', value: null })).toBe(true);
    expect(match({ field: 'status', op: 'is', value: 'open' })).toBe(true);
    expect(match({ field: 'sentiment', op: 'in', value: ['negative'] })).toBe(true);
  });

  it('compares numbers', () => {
    expect(match({ field: 'level', op: 'gte', value: 2 })).toBe(true);
    expect(match({ field: 'level', op: 'lte', value: 1 })).toBe(false);
    expect(match({ field: 'priority', op: 'in', value: [75, 80] })).toBe(true);
    expect(match({ field: 'priority', op: 'is_not', value: 75 })).toBe(false);
  });

  it('checks lists: contains/is need all, in/matches_any need one, is_not needs none', () => {
    expect(match({ field: 'categories', op: 'contains', value: 'defect' })).toBe(true);
    expect(match({ field: 'categories', op: 'contains', value: ['defect', 'outage'] })).toBe(false);
    expect(match({ field: 'categories', op: 'matches_any', value: ['outage', 'billing_error'] })).toBe(true);
    expect(match({ field: 'customer.tags', op: 'is', value: 'vip' })).toBe(true);
    expect(match({ field: 'customer.tags', op: 'is_not', value: ['blocked', 'press'] })).toBe(true);
  });

  it('checks booleans and business hours', () => {
    expect(match({ field: 'customer.vip', op: 'is', value: true })).toBe(true);
    expect(match({ field: 'businessHours', op: 'is', value: false })).toBe(false);
    expect(match({ field: 'businessHours', op: 'is_not', value: false })).toBe(true);
  });

  it('matches keywords in the message text', () => {
    expect(match({ field: 'keywords', op: 'matches_any', value: ['返金', 'refund'] })).toBe(true);
    expect(match({ field: 'keywords', op: 'contains', value: ['refund', '二重'] })).toBe(true);
    expect(match({ field: 'keywords', op: 'is_not', value: ['炎上'] })).toBe(true);
    expect(
      conditionMatches({ field: 'keywords', op: 'matches_any', value: ['refund'] }, { ...facts, message: null }),
    ).toBe(false);
  });

  it('rejects operators and values that do not fit the field, and never matches them', () => {
    expect(conditionProblem({ field: 'categories', op: 'gte', value: 2 })).toBe('"gte" does not apply to categories');
    expect(conditionProblem({ field: 'level', op: 'is', value: 'high' })).toBe('level needs a number');
    expect(conditionProblem({ field: 'customer.vip', op: 'is', value: 'yes' })).toBe(
      'customer.vip needs true or false',
    );
    expect(conditionProblem({ field: 'channel', op: 'in', value: [] })).toBe('"in" needs a non-empty list');
    expect(conditionProblem({ field: 'level', op: 'gte', value: [1] })).toBe('"gte" needs a number');
    expect(match({ field: 'categories', op: 'gte', value: 2 })).toBe(false);
  });

  it('describes a miss for the audit trail', () => {
    expect(describeMiss({ field: 'level', op: 'gte', value: 3 }, facts)).toBe('level gte 3 (was 2)');
  });
});
