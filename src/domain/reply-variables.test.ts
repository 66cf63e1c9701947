import { describe, expect, it } from 'vitest';
import { conversationRef, fillVariables, variablesOf } from './reply-variables';

describe('saved-reply variables', () => {
  it('tells known variables and prompts from unknown ones', () => {
    expect(variablesOf('{{customer.name}}様 {{ask:お届け予定日}} {{ customer.name }} {{order.numbr}}')).toEqual({
      known: ['customer.name', 'ask:お届け予定日'],
      unknown: ['order.numbr'],
    });
  });

  it('fills what it knows and asks for the rest once per key, in the agent’s language', () => {
    const out = fillVariables(
      '{{customer.name}}様、{{order.number}}を確認します。{{order.number}}／{{ask:お届け予定日}}',
      { 'customer.name': '山田', 'order.number': null },
      'en',
    );
    expect(out.text).toBe('山田様、{{order.number}}を確認します。{{order.number}}／{{ask:お届け予定日}}');
    expect(out.prompts).toEqual([
      { key: '{{order.number}}', label: 'Order number' },
      { key: '{{ask:お届け予定日}}', label: 'お届け予定日' },
    ]);
  });

  it('gives a conversation a short reference', () => {
    expect(conversationRef('3f2a9c1e-77aa-4b1c-9d00-1234567890ab')).toBe('3F2A9C1E');
  });
});
