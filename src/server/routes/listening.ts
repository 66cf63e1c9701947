import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, Items, NoContent, Page } from '../../contracts/common';
import {
  ListenedPostSchema,
  ListeningQueryInput,
  ListeningQueryPatch,
  ListeningQuerySchema,
  ListeningQueryString,
  ListeningSummaryQuery,
  ListeningSummarySchema,
  type ListeningQuery,
} from '../../contracts/listening';
import { checkListeningQuery, isDue, listeningSummary, runListeningQuery } from '../../desk/listening';
import { deskSettings } from '../../desk/settings';
import { DomainError, invalid, notFound } from '../../domain/errors';
import { audit, byAgent, listening } from '../../store/repositories';
import { authOf, guard } from '../auth';
import type { Koe } from '../context';

const WEEK_MS = 7 * 86_400_000;
/** "Search now" runs whenever asked (taking the query's turn), except during a platform's rate-limit pause. */
const SEARCH_NOW_GAP_MS = 0;
const weekAgo = () => new Date(Date.now() - WEEK_MS).toISOString();

const encodeCursor = (p: { postedAt: string; id: string }) =>
  Buffer.from(JSON.stringify([p.postedAt, p.id])).toString('base64url');
function decodeCursor(c: string): [string, string] {
  try {
    const v: unknown = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string')) return v as [string, string];
  } catch {
    /* reported below */
  }
  throw invalid('before', 'is not a cursor this list gave');
}

/** Listening: admins define the queries; every agent sees what they found (docs/listening.md). */
export const listeningRoutes =
  (koe: Koe): FastifyPluginAsyncZod =>
  async (app) => {
    const find = async (workspaceId: string, id: string): Promise<ListeningQuery> => {
      const q = await listening.query(koe.db, workspaceId, id, weekAgo());
      if (!q) throw notFound('Listening query');
      return q;
    };

    app.get(
      '/api/listening/queries',
      {
        preHandler: guard(),
        schema: {
          tags: ['listening'],
          summary: 'Listening queries: words, hashtags and exclusions searched on X and Instagram',
          response: { 200: Items(ListeningQuerySchema) },
        },
      },
      async (req) => ({ items: await listening.queries(koe.db, authOf(req).actor.workspaceId, weekAgo()) }),
    );

    app.post(
      '/api/listening/queries',
      {
        preHandler: guard('admin'),
        schema: {
          tags: ['listening'],
          summary: 'Start listening: the platform is searched at once and then every minute (Instagram: every 5)',
          body: ListeningQueryInput,
          response: { 201: ListeningQuerySchema },
        },
      },
      async (req, reply) => {
        const { actor } = authOf(req);
        const checked = await checkListeningQuery(koe.db, actor.workspaceId, req.body);
        const id = await listening.create(koe.db, {
          workspaceId: actor.workspaceId,
          name: req.body.name,
          active: req.body.active,
          ...checked,
        });
        await audit.log(koe.db, {
          workspaceId: actor.workspaceId,
          actor: byAgent(actor),
          action: 'listening.created',
          target: { type: 'listening_query', id },
          detail: { name: req.body.name, terms: checked.terms, exclusions: checked.exclusions },
        });
        return reply.code(201).send(await find(actor.workspaceId, id));
      },
    );

    app.patch(
      '/api/listening/queries/:id',
      {
        preHandler: guard('admin'),
        schema: {
          tags: ['listening'],
          summary: 'Change a listening query; new terms or another channel start a new search window',
          params: IdParams,
          body: ListeningQueryPatch,
          response: { 200: ListeningQuerySchema },
        },
      },
      async (req) => {
        const { actor } = authOf(req);
        const current = await find(actor.workspaceId, req.params.id);
        const checked = await checkListeningQuery(koe.db, actor.workspaceId, {
          channelId: req.body.channelId ?? current.channel.id,
          terms: req.body.terms ?? current.terms,
          exclusions: req.body.exclusions ?? current.exclusions,
        });
        await listening.update(koe.db, actor.workspaceId, current.id, {
          name: req.body.name,
          active: req.body.active,
          ...(checked.channelId !== current.channel.id ? { channelId: checked.channelId } : {}),
          ...(req.body.terms ? { terms: checked.terms } : {}),
          ...(req.body.exclusions ? { exclusions: checked.exclusions } : {}),
        });
        await audit.log(koe.db, {
          workspaceId: actor.workspaceId,
          actor: byAgent(actor),
          action: 'listening.updated',
          target: { type: 'listening_query', id: current.id },
          detail: { name: req.body.name ?? current.name, ...req.body },
        });
        return find(actor.workspaceId, current.id);
      },
    );

    app.delete(
      '/api/listening/queries/:id',
      {
        preHandler: guard('admin'),
        schema: {
          tags: ['listening'],
          summary: 'Stop and remove a listening query; the posts it found stay in the Listening view',
          params: IdParams,
          response: { 204: NoContent },
        },
      },
      async (req, reply) => {
        const { actor } = authOf(req);
        const q = await find(actor.workspaceId, req.params.id);
        await listening.archive(koe.db, actor.workspaceId, q.id);
        await audit.log(koe.db, {
          workspaceId: actor.workspaceId,
          actor: byAgent(actor),
          action: 'listening.deleted',
          target: { type: 'listening_query', id: q.id },
          detail: { name: q.name },
        });
        return reply.code(204).send();
      },
    );

    app.post(
      '/api/listening/queries/:id/search',
      {
        preHandler: guard('supervisor'),
        schema: {
          tags: ['listening'],
          summary: 'Search the platform for this query now, instead of waiting for its next turn',
          params: IdParams,
          response: { 200: ListeningQuerySchema },
        },
      },
      async (req) => {
        const { actor } = authOf(req);
        const q = await find(actor.workspaceId, req.params.id);
        const due = (await listening.active(koe.db)).find((d) => d.id === q.id);
        if (!due)
          throw new DomainError(
            'validation',
            'The query is paused or its channel was removed',
            undefined,
            'listening_paused',
          );
        // During a platform's rate-limit pause, or when another process has just taken the turn, the last outcome stands.
        const now = Date.now();
        if (
          isDue(koe.listening, due, now, SEARCH_NOW_GAP_MS) &&
          (await listening.claim(koe.db, due.id, due.polledAt, new Date(now).toISOString()))
        )
          await runListeningQuery(koe.listening, due);
        return find(actor.workspaceId, q.id);
      },
    );

    app.get(
      '/api/listening/posts',
      {
        preHandler: guard(),
        schema: {
          tags: ['listening'],
          summary: 'Posts found by listening, newest first, with their triage and the conversation each began',
          querystring: ListeningQueryString,
          response: { 200: Page(ListenedPostSchema) },
        },
      },
      async (req) => {
        const { actor } = authOf(req);
        const q = req.query;
        const items = await listening.posts(koe.db, actor.workspaceId, {
          queryId: q.queryId,
          sentiment: q.sentiment,
          show: q.show,
          before: q.before ? decodeCursor(q.before) : undefined,
          limit: q.limit + 1,
        });
        const more = items.length > q.limit;
        const page = items.slice(0, q.limit);
        return { items: page, nextCursor: more ? encodeCursor(page.at(-1)!) : null };
      },
    );

    app.get(
      '/api/listening/summary',
      {
        preHandler: guard(),
        schema: {
          tags: ['listening'],
          summary: 'Volume and sentiment of listened posts per day (the desk’s time zone)',
          querystring: ListeningSummaryQuery,
          response: { 200: ListeningSummarySchema },
        },
      },
      async (req) => {
        const { actor } = authOf(req);
        const settings = await deskSettings.get(koe.db, actor.workspaceId);
        return listeningSummary(koe.db, actor.workspaceId, {
          days: req.query.days,
          timeZone: settings.businessHours.timeZone,
          queryId: req.query.queryId,
        });
      },
    );
  };
