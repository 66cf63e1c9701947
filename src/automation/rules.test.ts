import { describe, expect, it } from 'vitest';
import { applyActions } from './actions';
import { dryRun, eventsCausedBy, evaluateRules, followUpOptions, ruleProblems, MAX_RULE_DEPTH } from './rules';
import { rule, sampleFacts } from './test-factories';
import type { EvaluationOptions, Rule } from './types';

const opts: EvaluationOptions = { allowTemplateReplies: false, channelIsPrivate: false, depth: 0 };

const doubleChargeToL3 = rule({
  id: 'r-billing',
  name: 'Double charge is urgent',
  order: 1,
  conditions: [{ field: 'keywords', op: 'matches_any', value: ['二重請求', 'charged twice'] }],
  actions: [
    { type: 'set_level', level: 3 },
    { type: 'set_priority', priority: 90 },
    { type: 'add_tag', tag: 'double-charge' },
  ],
});
const notifyOnL3 = rule({
  id: 'r-notify',
  name: 'Tell supervisors about L3',
  order: 2,
  conditions: [{ field: 'level', op: 'is', value: 3 }],
  actions: [{ type: 'notify', target: 'supervisors' }],
});

describe('evaluateRules', () => {
  it('fires matching rules in order; later rules see earlier changes', () => {
    const r = evaluateRules([notifyOnL3, doubleChargeToL3], 'conversation.created', sampleFacts(), opts);
    expect(r.fired.map((f) => f.ruleId)).toEqual(['r-billing', 'r-notify']);
    expect(r.fired[0].changes).toEqual(['level L1 → L3', 'priority 40 → 90', 'tag +double-charge']);
    expect(r.fired[0].edits).toEqual([
      { kind: 'level', from: 1, to: 3 },
      { kind: 'priority', from: 40, to: 90 },
      { kind: 'tag', tag: 'double-charge' },
    ]);
    expect(r.actions.map((a) => a.type)).toEqual(['set_level', 'set_priority', 'add_tag', 'notify']);
    expect(r.facts.conversation).toMatchObject({ level: 3, priority: 90, tags: ['double-charge'] });
  });

  it('only runs rules for the event, explains misses, and skips disabled rules', () => {
    const other = rule({ id: 'r-other', event: 'sla.breached' });
    const off = rule({ id: 'r-off', enabled: false });
    const vip = rule({ id: 'r-vip', conditions: [{ field: 'customer.vip', op: 'is', value: true }] });
    const r = evaluateRules([other, off, vip], 'conversation.created', sampleFacts(), opts);
    expect(r.fired).toEqual([]);
    expect(r.skipped).toEqual([
      { ruleId: 'r-off', code: 'disabled', reason: 'disabled' },
      {
        ruleId: 'r-vip',
        code: 'condition_not_met',
        reason: 'condition not met: customer.vip is true (was false)',
        condition: { field: 'customer.vip', op: 'is', value: true },
      },
    ]);
  });

  it('honours stop processing', () => {
    const stop = { ...doubleChargeToL3, stopProcessing: true };
    const r = evaluateRules([stop, notifyOnL3], 'conversation.created', sampleFacts(), opts);
    expect(r.fired.map((f) => f.ruleId)).toEqual(['r-billing']);
    expect(r.skipped).toEqual([
      {
        ruleId: 'r-notify',
        code: 'stopped_by',
        reason: 'stopped by rule "Double charge is urgent"',
        rule: 'Double charge is urgent',
      },
    ]);
  });

  it('sends template replies only on private channels when the admin allowed them', () => {
    const autoReply = rule({
      id: 'r-ack',
      event: 'message.received',
      conditions: [{ field: 'businessHours', op: 'is', value: false }],
      actions: [
        { type: 'send_template', templateId: 'after-hours' },
        { type: 'add_tag', tag: 'after-hours' },
      ],
    });
    const facts = sampleFacts({ withinBusinessHours: false });
    const cases: Array<[allow: boolean, isPrivate: boolean, sent: boolean]> = [
      [false, false, false],
      [true, false, false],
      [false, true, false],
      [true, true, true],
    ];
    for (const [allow, isPrivate, sent] of cases) {
      const r = evaluateRules([autoReply], 'message.received', facts, {
        ...opts,
        allowTemplateReplies: allow,
        channelIsPrivate: isPrivate,
      });
      expect(r.fired).toHaveLength(1);
      expect(r.actions.some((a) => a.type === 'send_template')).toBe(sent);
      expect(r.actions.some((a) => a.type === 'add_tag')).toBe(true);
      expect(r.skipped.map((s) => s.reason)).toEqual(sent ? [] : [expect.stringMatching(/^template reply dropped/)]);
    }
  });

  it('guards against loops: nothing fires past the maximum depth, and no rule fires twice in a chain', () => {
    const escalateOnBreach: Rule = rule({
      id: 'r-esc',
      event: 'conversation.escalated',
      actions: [{ type: 'escalate', note: 'SLA breached, please take over' }],
    });
    let options: EvaluationOptions = { ...opts, depth: 1 };
    const first = evaluateRules([escalateOnBreach], 'conversation.escalated', sampleFacts(), options);
    expect(first.fired).toHaveLength(1);
    expect(eventsCausedBy(first.actions)).toEqual(['conversation.escalated']);
    options = followUpOptions(options, first);
    expect(options).toMatchObject({ depth: 2, alreadyFired: ['r-esc'] });
    const again = evaluateRules([escalateOnBreach], 'conversation.escalated', first.facts, options);
    expect(again.fired).toEqual([]);
    expect(again.skipped).toEqual([
      { ruleId: 'r-esc', code: 'already_fired', reason: 'already fired in this event chain' },
    ]);

    const deep = evaluateRules([escalateOnBreach], 'conversation.escalated', sampleFacts(), {
      ...opts,
      depth: MAX_RULE_DEPTH + 1,
    });
    expect(deep.fired).toEqual([]);
    expect(deep.skipped[0].reason).toBe('loop guard: event chain depth 4 exceeds 3');
  });

  it('refuses malformed rules instead of half-running them', () => {
    const bad = rule({
      id: 'r-bad',
      actions: [{ type: 'escalate', note: ' ' }],
      conditions: [{ field: 'level', op: 'contains', value: 'x' }],
    });
    expect(ruleProblems(bad)).toEqual([
      'condition 1: "contains" does not apply to level',
      'action 1: escalation needs a hand-off note',
    ]);
    const r = evaluateRules([bad], 'conversation.created', sampleFacts(), opts);
    expect(r.fired).toEqual([]);
    expect(r.skipped[0].reason).toMatch(/^invalid rule: /);
  });

  it('orders ties by id so evaluation is deterministic', () => {
    const a = rule({ id: 'b-rule', order: 5 });
    const b = rule({ id: 'a-rule', order: 5 });
    expect(evaluateRules([a, b], 'conversation.created', sampleFacts(), opts).fired.map((f) => f.ruleId)).toEqual([
      'a-rule',
      'b-rule',
    ]);
  });
});

describe('applyActions', () => {
  it('is pure and applies every action type', () => {
    const facts = sampleFacts({ conversation: { tags: ['existing'] } });
    const snapshot = structuredClone(facts);
    const after = applyActions(facts, [
      { type: 'add_tag', tag: 'EXISTING' },
      { type: 'add_tag', tag: 'press' },
      { type: 'assign_team', teamId: 't-billing' },
      { type: 'assign_agent', agentId: 'a-sato' },
      { type: 'escalate', note: 'customer was charged twice; refund promised', toLevel: 3, teamId: 't-l3' },
      { type: 'set_level', level: 2 },
      { type: 'add_note', text: 'checked payment log' },
    ]);
    expect(facts).toEqual(snapshot);
    expect(after.conversation).toMatchObject({
      tags: ['existing', 'press'],
      teamId: 't-l3',
      assigneeId: 'a-sato',
      level: 2,
    });
    expect(
      applyActions(sampleFacts({ conversation: { level: 3 } }), [{ type: 'escalate', note: 'n', toLevel: 1 }])
        .conversation.level,
    ).toBe(3);
    expect(applyActions(sampleFacts(), [{ type: 'escalate', note: 'n' }]).conversation.level).toBe(2);
  });
});

describe('dryRun', () => {
  it('shows what would change on a sample conversation without touching it', () => {
    const sample = sampleFacts();
    const result = dryRun([doubleChargeToL3, notifyOnL3], 'conversation.created', sample, opts);
    expect(sample.conversation.level).toBe(1);
    expect(result.before.conversation.level).toBe(1);
    expect(result.after.conversation.level).toBe(3);
    expect(result.changes).toEqual([
      'Double charge is urgent: level L1 → L3',
      'Double charge is urgent: priority 40 → 90',
      'Double charge is urgent: tag +double-charge',
      'Tell supervisors about L3: notify supervisors',
    ]);
  });
});
