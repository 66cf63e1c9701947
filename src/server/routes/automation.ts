import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { dryRun, ruleProblems, type Rule } from '../../automation/rules';
import { ruleFacts } from '../../desk/automation';
import { deskSettings } from '../../desk/settings';
import { DomainError, notFound } from '../../domain/errors';
import { audit, automationRules, replyTemplates, byAgent } from '../../store/repositories';
import { detectLang } from '../../triage/normalise';
import { authOf, guard } from '../auth';
import type { Koe } from '../context';
import { IdParams, Items, NoContent } from '../../contracts/common';
import {
  DryRunBody,
  DryRunResultSchema,
  ReplyTemplateSchema,
  RuleInputSchema,
  RuleSchema,
  TemplateBody,
} from '../../contracts/automation';

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
      { preHandler: guard('supervisor'), schema: { tags: ['automation'], response: { 200: Items(RuleSchema) } } },
      async (req) => ({ items: await automationRules.list(koe.db, authOf(req).agent.workspaceId) }),
    );

    app.post(
      '/api/automation/rules',
      {
        preHandler: guard('admin'),
        schema: {
          tags: ['automation'],
          summary: 'Create a rule: event → conditions → actions',
          body: RuleInputSchema,
          response: { 201: RuleSchema },
        },
      },
      async (req, reply) => {
        const rule = await automationRules.create(koe.db, authOf(req).agent.workspaceId, validated(req.body));
        await log(req, 'automation.rule_created', rule.id, { name: rule.name });
        return reply.status(201).send(rule);
      },
    );

    app.put(
      '/api/automation/rules/:id',
      {
        preHandler: guard('admin'),
        schema: { tags: ['automation'], params: IdParams, body: RuleInputSchema, response: { 200: RuleSchema } },
      },
      async (req) => {
        const body = validated(req.body);
        if (!(await automationRules.update(koe.db, authOf(req).agent.workspaceId, req.params.id, body)))
          throw notFound('Rule');
        await log(req, 'automation.rule_updated', req.params.id, { name: body.name });
        return { id: req.params.id, ...body };
      },
    );

    app.delete(
      '/api/automation/rules/:id',
      {
        preHandler: guard('admin'),
        schema: { tags: ['automation'], params: IdParams, response: { 204: NoContent } },
      },
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
          body: DryRunBody,
          response: { 200: DryRunResultSchema },
        },
      },
      async (req) => {
        const ws = authOf(req).agent.workspaceId;
        const settings = await deskSettings.get(koe.db, ws);
        const facts = await ruleFacts(koe.db, ws, req.body.conversationId, settings, req.body.text ?? null);
        if (!facts) throw notFound('Conversation');
        const rules = req.body.rule
          ? [{ id: 'draft', ...validated(req.body.rule) }]
          : await automationRules.list(koe.db, ws);
        const channelIsPrivate = ['webchat', 'email', 'line'].includes(facts.conversation.channel);
        return dryRun(rules, req.body.event, facts, {
          allowTemplateReplies: settings.automation.allowTemplateReplies,
          channelIsPrivate,
          depth: 0,
        });
      },
    );

    app.get(
      '/api/templates',
      { preHandler: guard(), schema: { tags: ['automation'], response: { 200: Items(ReplyTemplateSchema) } } },
      async (req) => ({
        items: (await replyTemplates.list(koe.db, authOf(req).agent.workspaceId)).map(({ bodies: _, ...t }) => t),
      }),
    );

    app.post(
      '/api/templates',
      {
        preHandler: guard('admin'),
        schema: {
          tags: ['automation'],
          body: TemplateBody,
          response: { 201: ReplyTemplateSchema },
        },
      },
      async (req, reply) => {
        const { name, body } = req.body;
        const t = await replyTemplates.create(koe.db, authOf(req).agent.workspaceId, name, {
          [detectLang(body)]: body,
        });
        await log(req, 'template.created', t.id, { name: t.name });
        const { bodies: _, ...template } = t;
        return reply.status(201).send(template);
      },
    );
  };
