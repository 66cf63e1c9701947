// Factories for automation tests: a plausible conversation and rule, overridable per test.
import type { Rule, RuleFacts } from './types';

export function sampleFacts(
  over: {
    conversation?: Partial<RuleFacts['conversation']>;
    customer?: Partial<RuleFacts['customer']>;
    text?: string;
    withinBusinessHours?: boolean;
  } = {},
): RuleFacts {
  return {
    conversation: {
      id: 'cv-1',
      channel: 'x',
      status: 'open',
      level: 1,
      priority: 40,
      sentiment: 'negative',
      categories: ['billing_error'],
      tags: [],
      assigneeId: null,
      teamId: null,
      ...over.conversation,
    },
    message: { text: over.text ?? '二重請求されています。返金してください' },
    customer: { id: 'cu-1', tags: [], vip: false, ...over.customer },
    withinBusinessHours: over.withinBusinessHours ?? true,
  };
}

export function rule(over: Partial<Rule> & Pick<Rule, 'id'>): Rule {
  return {
    name: over.id,
    enabled: true,
    order: 10,
    event: 'conversation.created',
    conditions: [],
    actions: [{ type: 'add_tag', tag: over.id }],
    stopProcessing: false,
    ...over,
  };
}
