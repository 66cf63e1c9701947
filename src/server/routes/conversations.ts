import type { Updateable } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertTransition, CONVERSATION_STATUSES, type ConversationStatus } from '../../domain/conversation-status';
import { conflict, forbidden, invalid, notFound } from '../../domain/errors';
import { nowIso } from '../../domain/ids';
import { canAssign } from '../../domain/permissions';
import { retryReply, writeReply } from '../../desk/replies';
import { topics } from '../../realtime/bus';
import {
  customerMerges,
  agents,
  audit,
  conversations,
  customers,
  messages,
  triageSettings,
  byAgent,
} from '../../store/repositories';
import type { ConversationTable } from '../../store/schema';
import { authOf, guard } from '../auth';
import type { Koe } from '../context';
import { IdParams } from './dto';
import { runAutomation } from '../../desk/automation';
import { resumeClock } from '../../desk/clock';
import { escalationsFor, resolveEscalations } from '../../desk/escalate';
import { deskSettings } from '../../desk/settings';
import { mergeCustomers, mergeSuggestions, undoMerge } from '../../desk/customer-merge';
import { replyContext } from '../../desk/reply-context';
import { xWeightedLength } from '../../channels/x/weighted-length';
import { slaOfItem } from '../../desk/sla-view';
import { notify } from '../../desk/notifications';
import { scheduleSlaCheck } from '../../desk/sla';
import { capacityFreed } from '../../desk/assign';
import { CATEGORIES } from '../../triage';
import { parseJson } from '../../store/repositories/types';

const ListQuery = z.object({
  view: z.enum(['all_open', 'mine', 'unassigned', 'flagged']).optional(),
  status: z.enum(CONVERSATION_STATUSES).optional(),
  channel: z.string().max(100).optional(),
  assignee: z.string().max(100).optional(),
  level: z.coerce.number().int().min(0).max(3).optional(),
  team: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(500).optional(),
});

const PatchBody = z
  .object({
    status: z.enum(CONVERSATION_STATUSES).optional(),
    assigneeId: z.string().max(100).nullable().optional(),
    tags: z.array(z.string().trim().min(1).max(40)).max(30).optional(),
    level: z.number().int().min(0).max(3).optional(),
    priority: z.number().int().min(0).max(100).optional(),
    // Triage corrections: stored and learned by the workspace model.
    sentiment: z.enum(['negative', 'neutral', 'positive']).optional(),
    categories: z.array(z.enum(CATEGORIES)).max(CATEGORIES.length).optional(),
    /** null clears a spam/troll flag (the conversation returns to the normal views). */
    flag: z.null().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });

export const conversationRoutes =
  (koe: Koe): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/conversations',
      {
        preHandler: guard(),
        schema: {
          tags: ['conversations'],
          summary: 'Inbox: sorted by priority, then longest waiting',
          querystring: ListQuery,
        },
      },
      async (req) => {
        const { agent } = authOf(req);
        const q = req.query;
        const page = await conversations.list(koe.db, agent.workspaceId, {
          ...q,
          channelId: q.channel,
          teamId: q.team,
          meId: agent.id,
        });
        const settings = await deskSettings.get(koe.db, agent.workspaceId);
        const now = new Date();
        return { ...page, items: page.items.map((i) => ({ ...i, sla: slaOfItem(i, settings, now) })) };
      },
    );

    app.get(
      '/api/conversations/counts',
      { preHandler: guard(), schema: { tags: ['conversations'], summary: 'Counts per inbox view' } },
      async (req) => {
        const { agent } = authOf(req);
        return conversations.counts(koe.db, agent.workspaceId, agent.id);
      },
    );

    /** A conversation with its customer's identities and the triage reasons behind its level and priority. */
    const detail = async (workspaceId: string, id: string) => {
      const item = await conversations.item(koe.db, workspaceId, id);
      if (!item) throw notFound('Conversation');
      const row = (await conversations.row(koe.db, workspaceId, id))!;
      const c = (await customers.get(koe.db, workspaceId, item.customer.id))!;
      const escalations = await escalationsFor(koe.db, id);
      return {
        ...item,
        reasons: parseJson(row.triage_reasons, []),
        sla: slaOfItem(item, await deskSettings.get(koe.db, workspaceId)),
        escalations,
        openEscalation: escalations.find((e) => e.status === 'open' || e.status === 'accepted') ?? null,
        replyContext: await replyContext(koe.db, row),
        customer: { id: c.id, name: c.name, email: c.email, identities: await customers.identities(koe.db, c.id) },
      };
    };

    app.get(
      '/api/conversations/:id',
      { preHandler: guard(), schema: { tags: ['conversations'], params: IdParams } },
      async (req) => detail(authOf(req).agent.workspaceId, req.params.id),
    );

    app.patch(
      '/api/conversations/:id',
      {
        preHandler: guard(),
        schema: {
          tags: ['conversations'],
          summary: 'Change status, assignee, tags, level or priority',
          params: IdParams,
          body: PatchBody,
        },
      },
      async (req) => {
        const { actor } = authOf(req);
        const b = req.body;
        // Assigned inside the transaction, learned after it commits.
        let learn = null as {
          text: string;
          labels: {
            sentiment?: 'negative' | 'neutral' | 'positive';
            categories?: (typeof CATEGORIES)[number][];
            level?: 0 | 1 | 2 | 3;
          };
        } | null;
        const changes = await koe.db.transaction().execute(async (tx) => {
          const row = await conversations.row(tx, actor.workspaceId, req.params.id);
          if (!row) throw notFound('Conversation');
          const set: Updateable<ConversationTable> = {};
          const logged: { action: string; detail: Record<string, unknown> }[] = [];
          if (b.status && b.status !== row.status) {
            assertTransition(row.status as ConversationStatus, b.status);
            set.status = b.status;
            if (b.status === 'resolved' || b.status === 'closed') {
              set.resolved_at = row.resolved_at ?? nowIso();
              set.waiting_since = null;
              await resolveEscalations(tx, row.id);
            }
            if (b.status === 'open') set.resolved_at = null;
            // Waiting on the customer pauses the SLA clock; leaving pending adds the pause to paused_ms.
            if (b.status === 'pending') set.pending_since = nowIso();
            else Object.assign(set, await resumeClock(tx, row, nowIso()));
            logged.push({ action: 'conversation.status_changed', detail: { from: row.status, to: b.status } });
          }
          if (b.assigneeId !== undefined && b.assigneeId !== row.assignee_id) {
            if (!canAssign(actor, row.assignee_id, b.assigneeId))
              throw forbidden(
                'Only a supervisor can assign a conversation to someone else or take it from a colleague',
              );
            if (b.assigneeId) {
              const target = await agents.get(tx, actor.workspaceId, b.assigneeId);
              if (!target || !target.active) throw invalid('assigneeId', 'is not an active agent of this workspace');
            }
            set.assignee_id = b.assigneeId;
            // Assigning by hand ends a first-responder assignment (the new owner owns the conversation outright).
            if (row.first_responder_id) set.first_responder_id = null;
            logged.push({ action: 'conversation.assigned', detail: { from: row.assignee_id, to: b.assigneeId } });
          }
          if (b.tags) set.tags = JSON.stringify([...new Set(b.tags)]);
          if (b.level !== undefined && b.level !== row.level) {
            set.level = b.level;
            logged.push({ action: 'conversation.level_changed', detail: { from: row.level, to: b.level } });
          }
          if (b.priority !== undefined) set.priority = b.priority;
          if (b.flag === null && (row.flag === 'spam' || row.flag === 'troll')) {
            set.flag = 'cleared';
            logged.push({ action: 'conversation.flag_cleared', detail: { flag: row.flag } });
          }
          const before = {
            sentiment: row.sentiment,
            categories: parseJson<string[]>(row.categories, []),
            level: row.level,
          };
          // Labels an agent sets are training examples even when triage already agreed: confirmations teach too.
          const corrected = {
            ...(b.sentiment ? { sentiment: b.sentiment } : {}),
            ...(b.categories ? { categories: [...new Set(b.categories)] } : {}),
            ...(b.level !== undefined ? { level: b.level as 0 | 1 | 2 | 3 } : {}),
          };
          if (corrected.sentiment && corrected.sentiment !== before.sentiment) set.sentiment = corrected.sentiment;
          if (corrected.categories && [...corrected.categories].sort().join() !== [...before.categories].sort().join())
            set.categories = JSON.stringify(corrected.categories);
          if (b.sentiment || b.categories || (b.level !== undefined && b.level !== before.level)) {
            const texts = (await messages.forConversation(tx, row.id, { includeNotes: false }))
              .filter((m) => m.kind === 'customer')
              .map((m) => m.text);
            const text = texts.join('\n').slice(-2000);
            await triageSettings.recordCorrection(tx, {
              workspaceId: actor.workspaceId,
              conversationId: row.id,
              agentId: actor.agentId,
              text,
              before,
              after: corrected,
            });
            learn = { text, labels: corrected };
            // The agent's judgement replaces the analyser's reasons for what was corrected.
            const replaced = new Set<string>([
              ...(corrected.categories ? ['category'] : []),
              ...(corrected.sentiment ? ['sentiment'] : []),
              ...(corrected.level !== undefined ? ['level'] : []),
            ]);
            const summary = [
              corrected.level !== undefined ? `L${corrected.level}` : null,
              corrected.sentiment ?? null,
              corrected.categories ? corrected.categories.join(', ') || '分類なし' : null,
            ]
              .filter(Boolean)
              .join(' / ');
            set.triage_reasons = JSON.stringify([
              {
                kind: 'level',
                code: 'agent_correction',
                evidence: actor.name,
                message: `担当者（${actor.name}）が修正: ${summary}`,
              },
              ...parseJson<{ kind: string }[]>(row.triage_reasons, []).filter((r) => !replaced.has(r.kind)),
            ]);
            logged.push({ action: 'triage.corrected', detail: { before, after: corrected } });
          }
          if (Object.keys(set).length) await conversations.update(tx, row.id, set);
          for (const l of logged)
            await audit.log(tx, {
              workspaceId: actor.workspaceId,
              actor: byAgent(actor),
              action: l.action,
              target: { type: 'conversation', id: row.id },
              detail: l.detail,
            });
          return Object.keys(set).length;
        });
        if (learn) await koe.triage.learn(actor.workspaceId, learn.text, learn.labels);
        if (b.assigneeId && b.assigneeId !== actor.agentId && changes) {
          const c = (await conversations.row(koe.db, actor.workspaceId, req.params.id))!;
          await notify(koe, {
            workspaceId: actor.workspaceId,
            agentIds: [b.assigneeId],
            kind: 'assigned',
            conversationId: c.id,
            urgent: c.level >= 3,
            title: `担当になりました: ${c.preview.slice(0, 40)}`,
            body: `${actor.name} が割り当てました`,
          });
        }
        if (changes) {
          await runAutomation(koe, actor.workspaceId, req.params.id, 'conversation.updated');
          await scheduleSlaCheck(koe, actor.workspaceId, req.params.id);
          // Leaving "open" or changing hands frees someone's capacity: waiting conversations may be routed now.
          if ((b.status && b.status !== 'open') || b.assigneeId !== undefined)
            await capacityFreed(koe.jobs, actor.workspaceId);
        }
        const updated = await detail(actor.workspaceId, req.params.id);
        if (changes)
          koe.bus.publish(topics.workspace(actor.workspaceId), {
            type: 'conversation.updated',
            data: {
              ...updated,
              reasons: undefined,
              escalations: undefined,
              openEscalation: undefined,
              replyContext: undefined,
            },
          });
        return updated;
      },
    );

    app.get(
      '/api/conversations/:id/messages',
      { preHandler: guard(), schema: { tags: ['conversations'], params: IdParams } },
      async (req) => {
        const { agent } = authOf(req);
        if (!(await conversations.row(koe.db, agent.workspaceId, req.params.id))) throw notFound('Conversation');
        return { items: await messages.forConversation(koe.db, req.params.id) };
      },
    );

    app.post(
      '/api/conversations/:id/messages',
      {
        preHandler: guard(),
        schema: {
          tags: ['conversations'],
          summary: 'Reply to the customer on the same channel, or add a private note',
          params: IdParams,
          body: z.object({
            text: z.string().trim().min(1, 'must not be empty').max(5000),
            private: z.boolean().default(false),
          }),
        },
      },
      async (req, reply) => {
        const { actor } = authOf(req);
        const m = await writeReply(koe.outbound, actor, req.params.id, req.body.text, req.body.private);
        // A reply leaves the conversation waiting on the customer: the agent has room for the next one.
        if (!req.body.private) await capacityFreed(koe.jobs, actor.workspaceId);
        return reply.status(201).send(m);
      },
    );

    app.post(
      '/api/conversations/:id/compose-check',
      {
        preHandler: guard(),
        schema: {
          tags: ['conversations'],
          summary: 'Check a draft reply against the channel: where it goes and whether it fits',
          params: IdParams,
          body: z.object({ text: z.string().max(20_000) }),
        },
      },
      async (req) => {
        const row = await conversations.row(koe.db, authOf(req).agent.workspaceId, req.params.id);
        if (!row) throw notFound('Conversation');
        const ctx = await replyContext(koe.db, row);
        const text = req.body.text;
        const length = ctx.limit.weighted
          ? xWeightedLength(text)
          : ctx.limit.unit === 'bytes'
            ? Buffer.byteLength(text, 'utf8')
            : [...text].length;
        return {
          goes: ctx.replyGoes,
          length,
          max: ctx.limit.max,
          unit: ctx.limit.unit,
          weighted: ctx.limit.weighted,
          fits: length <= ctx.limit.max,
        };
      },
    );

    app.post(
      '/api/conversations/:id/continue-privately',
      {
        preHandler: guard(),
        schema: {
          tags: ['conversations'],
          summary: 'Move a public thread to direct messages on the same platform, with a first private message',
          params: IdParams,
          body: z.object({ text: z.string().trim().min(1, 'must not be empty').max(5000) }),
        },
      },
      async (req, reply) => {
        const { actor } = authOf(req);
        const row = await conversations.row(koe.db, actor.workspaceId, req.params.id);
        if (!row) throw notFound('Conversation');
        const ctx = await replyContext(koe.db, row);
        if (!ctx.canContinuePrivately) {
          throw conflict(
            ctx.replyMode === 'dm'
              ? 'This conversation already continues in direct messages'
              : `The customer's last message on ${ctx.channelKind} is already private`,
          );
        }
        await koe.db.transaction().execute(async (tx) => {
          await conversations.update(tx, row.id, { reply_mode: 'dm' });
          // Dated a moment before the first private message so the thread reads in order.
          await messages.system(
            tx,
            row.id,
            `${actor.name} が非公開（DM）でのやり取りに切り替えました`,
            new Date(Date.now() - 1).toISOString(),
          );
          await audit.log(tx, {
            workspaceId: actor.workspaceId,
            actor: byAgent(actor),
            action: 'conversation.moved_to_dm',
            target: { type: 'conversation', id: row.id },
            detail: { channel: ctx.channelKind },
          });
        });
        const m = await writeReply(koe.outbound, actor, row.id, req.body.text, false, { via: 'dm' });
        return reply.status(201).send(m);
      },
    );

    app.post(
      '/api/messages/:id/retry',
      {
        preHandler: guard(),
        schema: { tags: ['conversations'], summary: 'Send a failed reply again', params: IdParams },
      },
      async (req, reply) => {
        const m = await retryReply(koe.outbound, authOf(req).actor, req.params.id);
        return reply.status(202).send(m);
      },
    );

    app.get(
      '/api/customers/:id/merge-suggestions',
      {
        preHandler: guard(),
        schema: {
          tags: ['customers'],
          summary: 'Other customers who are probably the same person (same email, or same name on another channel)',
          params: IdParams,
        },
      },
      async (req) => ({
        items: await mergeSuggestions(koe.db, authOf(req).agent.workspaceId, req.params.id),
      }),
    );

    app.post(
      '/api/customers/:id/merge',
      {
        preHandler: guard(),
        schema: {
          tags: ['customers'],
          summary: 'Merge another customer (identities and conversations) into this one; undoable',
          params: IdParams,
          body: z.object({ sourceId: z.string().min(1).max(100) }),
        },
      },
      async (req, reply) =>
        reply.status(201).send(await mergeCustomers(koe.db, authOf(req).actor, req.params.id, req.body.sourceId)),
    );

    app.post(
      '/api/customer-merges/:id/undo',
      { preHandler: guard(), schema: { tags: ['customers'], summary: 'Undo a customer merge', params: IdParams } },
      async (req, reply) => {
        await undoMerge(koe.db, authOf(req).actor, req.params.id);
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/customers/:id',
      {
        preHandler: guard(),
        schema: {
          tags: ['customers'],
          summary: 'A customer with identities on every channel and their conversations',
          params: IdParams,
        },
      },
      async (req) => {
        const { agent } = authOf(req);
        const c = await customers.get(koe.db, agent.workspaceId, req.params.id);
        if (!c) throw notFound('Customer');
        const convs = await conversations.forCustomer(koe.db, agent.workspaceId, c.id);
        return {
          id: c.id,
          name: c.name,
          email: c.email,
          identities: await customers.identities(koe.db, c.id),
          conversations: convs.map((v) => ({
            id: v.id,
            status: v.status,
            channel: v.channel,
            lastMessageAt: v.lastMessageAt,
            preview: v.preview,
          })),
          merges: await customerMerges.into(koe.db, c.id),
        };
      },
    );
  };
