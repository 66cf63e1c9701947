import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { dryRun, ruleProblems, type Rule } from '../../automation/rules';
import { CONDITION_FIELDS, CONDITION_OPS, RULE_EVENTS } from '../../automation/types';
import { ruleFacts } from '../../desk/automation';
import { deskSettings } from '../../desk/settings';
import { DomainError, notFound } from '../../domain/errors';
import { audit, automationRules, replyTemplates, byAgent } from '../../store/repositories';
import { authOf, guard } from '../auth';
import type { Koe } from '../context';
import { IdParams } from './dto';

const Level = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);
const ActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('set_level'), level: Level }),
  z.object({ type: z.literal('set_priority'), priority: z.number().int().min(0).max(100) }),
  z.object({ type: z.literal('add_tag'), tag: z.string().trim().min(1).max(40) }),
  z.object({ type: z.literal('assign_team'), teamId: z.string().min(1).max(100) }),
  z.object({ type: z.literal('assign_agent'), agentId: z.string().min(1).max(100) }),
  z.object({
    type: z.literal('escalate'),
    note: z.string().trim().min(10).max(2000),
    toLevel: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
    teamId: z.string().max(100).optional(),
    agentId: z.string().max(100).optional(),
  }),
  z.object({
    type: z.literal('notify'),
    target: z.enum(['assignee', 'supervisors', 'team', 'agent']),
    agentId: z.string().max(100).optional(),
    teamId: z.string().max(100).optional(),
    message: z.string().max(200).optional(),
  }),
  z.object({ type: z.literal('add_note'), text: z.string().trim().min(1).max(2000) }),
  z.object({ type: z.literal('send_template'), templateId: z.string().min(1).max(100) }),
]);
const RuleBody = z.object({
  name: z.string().trim().min(1).max(100),
  enabled: z.boolean().default(true),
  order: z.number().int().min(0).max(10_000).default(100),
  event: z.enum(RULE_EVENTS),
  conditions: z
    .array(
      z.object({
        field: z.enum(CONDITION_FIELDS),
        op: z.enum(CONDITION_OPS),
        value: z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string()), z.array(z.number())]),
      }),
    )
    .max(20)
    .default([]),
  actions: z.array(ActionSchema).min(1).max(20),
  stopProcessing: z.boolean().default(false),
});

function validated(body: Omit<Rule, 'id'>): Omit<Rule, 'id'> {
  const problems = ruleProblems({ id: 'new', ...body });
  if (problems.length)
    throw new DomainError(
      'validation',
      `The rule cannot be saved: ${problems.join('; ')}`,
      problems.map((p) => ({ path: 'body', message: p })),
    );
  return body;
}

export const automationRoutes =
  (koe: Koe): FastifyPluginAsyncZod =>
  async (app) => {
    const log = (req: { auth: unknown }, action: string, id: string, detail: Record<string, unknown>) => {
      const { actor } = authOf(req as never);
      return audit.log(koe.db, {
        workspaceId: actor.workspaceId,
        actor: byAgent(actor),
        action,
        target: { type: 'automation_rule', id },
        detail,
      });
    };

    app.get(
      '/api/automation/rules',
      { preHandler: guard('supervisor'), schema: { tags: ['automation'] } },
      async (req) => ({ items: await automationRules.list(koe.db, authOf(req).agent.workspaceId) }),
    );

    app.post(
      '/api/automation/rules',
      {
        preHandler: guard('admin'),
        schema: { tags: ['automation'], summary: 'Create a rule: event → conditions → actions', body: RuleBody },
      },
      async (req, reply) => {
        const rule = await automationRules.create(
          koe.db,
          authOf(req).agent.workspaceId,
          validated(req.body as Omit<Rule, 'id'>),
        );
        await log(req, 'automation.rule_created', rule.id, { name: rule.name });
        return reply.status(201).send(rule);
      },
    );

    app.put(
      '/api/automation/rules/:id',
      { preHandler: guard('admin'), schema: { tags: ['automation'], params: IdParams, body: RuleBody } },
      async (req) => {
        const body = validated(req.body as Omit<Rule, 'id'>);
        if (!(await automationRules.update(koe.db, authOf(req).agent.workspaceId, req.params.id, body)))
          throw notFound('Rule');
        await log(req, 'automation.rule_updated', req.params.id, { name: body.name });
        return { id: req.params.id, ...body };
      },
    );

    app.delete(
      '/api/automation/rules/:id',
      { preHandler: guard('admin'), schema: { tags: ['automation'], params: IdParams } },
      async (req, reply) => {
        if (!(await automationRules.remove(koe.db, authOf(req).agent.workspaceId, req.params.id)))
          throw notFound('Rule');
        await log(req, 'automation.rule_deleted', req.params.id, {});
        return reply.status(204).send();
      },
    );

    app.post(
      '/api/automation/dry-run',
      {
        preHandler: guard('supervisor'),
        schema: {
          tags: ['automation'],
          summary: 'What the rules (saved, or the given draft) would do to a sample conversation — nothing is changed',
          body: z.object({
            conversationId: z.string().max(100),
            event: z.enum(RULE_EVENTS),
            text: z.string().max(5000).optional(),
            rule: RuleBody.optional(),
          }),
        },
      },
      async (req) => {
        const ws = authOf(req).agent.workspaceId;
        const settings = await deskSettings.get(koe.db, ws);
        const facts = await ruleFacts(koe.db, ws, req.body.conversationId, settings, req.body.text ?? null);
        if (!facts) throw notFound('Conversation');
        const rules = req.body.rule
          ? [{ id: 'draft', ...validated(req.body.rule as Omit<Rule, 'id'>) }]
          : await automationRules.list(koe.db, ws);
        const channelIsPrivate = ['webchat', 'email', 'line'].includes(facts.conversation.channel);
        return dryRun(rules, req.body.event, facts, {
          allowTemplateReplies: settings.automation.allowTemplateReplies,
          channelIsPrivate,
          depth: 0,
        });
      },
    );

    app.get('/api/templates', { preHandler: guard(), schema: { tags: ['automation'] } }, async (req) => ({
      items: await replyTemplates.list(koe.db, authOf(req).agent.workspaceId),
    }));

    app.post(
      '/api/templates',
      {
        preHandler: guard('admin'),
        schema: {
          tags: ['automation'],
          body: z.object({ name: z.string().trim().min(1).max(100), body: z.string().trim().min(1).max(5000) }),
        },
      },
      async (req, reply) => {
        const t = await replyTemplates.create(koe.db, authOf(req).agent.workspaceId, req.body.name, req.body.body);
        await log(req, 'template.created', t.id, { name: t.name });
        return reply.status(201).send(t);
      },
    );
  };
