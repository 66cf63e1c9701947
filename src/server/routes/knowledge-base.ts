import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Items, NoContent, Page } from '../../contracts/common';
import {
  ArticleContent,
  ArticleFacetsSchema,
  ArticleHitSchema,
  ArticleImportInput,
  ArticleImportResultSchema,
  ArticleListQuery,
  ArticleSchema,
  ArticleSearchQuery,
  ArticleSummarySchema,
  ArticleUpdate,
  RestoreInput,
  RevisionParams,
  RevisionSchema,
  RevisionSummarySchema,
} from '../../contracts/knowledge-base';
import {
  archiveArticle,
  createArticle,
  exportArticles,
  importArticles,
  restoreRevision,
  searchArticles,
  updateArticle,
} from '../../desk/knowledge-base';
import { invalid, notFound } from '../../domain/errors';
import { knowledgeBase } from '../../store/repositories';
import { decodeArticleCursor } from '../../store/repositories/knowledge-base';
import { authOf, guard } from '../auth';
import type { Koe } from '../context';

const TAGS = ['knowledge base'];

/** The knowledge base: supervisors and admins write articles; every agent reads them, drafts included (marked). */
export const knowledgeBaseRoutes =
  (koe: Koe): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/kb/articles',
      {
        preHandler: guard(),
        schema: {
          tags: TAGS,
          summary: 'Articles, most recently edited first; filter by status, category or tag',
          querystring: ArticleListQuery,
          response: { 200: Page(ArticleSummarySchema) },
        },
      },
      async (req) => {
        const { cursor, limit, ...filters } = req.query;
        const after = cursor ? decodeArticleCursor(cursor) : null;
        if (cursor && !after) throw invalid('cursor', 'is not a cursor this list gave');
        return knowledgeBase.list(koe.db, authOf(req).actor.workspaceId, filters, after, limit);
      },
    );

    app.get(
      '/api/kb/facets',
      {
        preHandler: guard(),
        schema: {
          tags: TAGS,
          summary: 'The categories and tags articles use, with their counts',
          response: { 200: ArticleFacetsSchema },
        },
      },
      async (req) => knowledgeBase.facets(koe.db, authOf(req).actor.workspaceId),
    );

    app.get(
      '/api/kb/search',
      {
        preHandler: guard(),
        schema: {
          tags: TAGS,
          summary: 'Search article titles and bodies (Japanese-aware); title matches first, with snippets',
          querystring: ArticleSearchQuery,
          response: { 200: Items(ArticleHitSchema) },
        },
      },
      async (req) => ({
        items: await searchArticles(
          koe.db,
          authOf(req).actor.workspaceId,
          req.query.q,
          req.query.status,
          req.query.limit,
        ),
      }),
    );

    app.get(
      '/api/kb/articles/:id',
      {
        preHandler: guard(),
        schema: { tags: TAGS, params: IdParams, response: { 200: ArticleSchema } },
      },
      async (req) => {
        const found = await knowledgeBase.get(koe.db, authOf(req).actor.workspaceId, req.params.id);
        if (!found) throw notFound('Article');
        return found;
      },
    );

    app.post(
      '/api/kb/articles',
      {
        preHandler: guard('supervisor'),
        schema: {
          tags: TAGS,
          summary: 'Write an article (its first revision)',
          body: ArticleContent,
          response: { 201: ArticleSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await createArticle(koe.db, authOf(req).actor, req.body)),
    );

    app.put(
      '/api/kb/articles/:id',
      {
        preHandler: guard('supervisor'),
        schema: {
          tags: TAGS,
          summary: 'Save an article as its next revision; 409 if it was saved after baseRevision',
          params: IdParams,
          body: ArticleUpdate,
          response: { 200: ArticleSchema },
        },
      },
      async (req) => updateArticle(koe.db, authOf(req).actor, req.params.id, req.body),
    );

    app.delete(
      '/api/kb/articles/:id',
      {
        preHandler: guard('supervisor'),
        schema: {
          tags: TAGS,
          summary: 'Archive an article: it leaves the list and search; its revisions are kept',
          params: IdParams,
          response: { 204: NoContent },
        },
      },
      async (req, reply) => {
        await archiveArticle(koe.db, authOf(req).actor, req.params.id);
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/kb/articles/:id/revisions',
      {
        preHandler: guard('supervisor'),
        schema: {
          tags: TAGS,
          summary: 'An article’s revisions, newest first',
          params: IdParams,
          response: { 200: Items(RevisionSummarySchema) },
        },
      },
      async (req) => {
        const { workspaceId } = authOf(req).actor;
        if (!(await knowledgeBase.get(koe.db, workspaceId, req.params.id))) throw notFound('Article');
        return { items: await knowledgeBase.revisions(koe.db, workspaceId, req.params.id) };
      },
    );

    app.get(
      '/api/kb/articles/:id/revisions/:number',
      {
        preHandler: guard('supervisor'),
        schema: {
          tags: TAGS,
          summary: 'One revision of an article, whole',
          params: RevisionParams,
          response: { 200: RevisionSchema },
        },
      },
      async (req) => {
        const found = await knowledgeBase.revision(
          koe.db,
          authOf(req).actor.workspaceId,
          req.params.id,
          req.params.number,
        );
        if (!found) throw notFound('Revision');
        return found;
      },
    );

    app.post(
      '/api/kb/articles/:id/revisions/:number/restore',
      {
        preHandler: guard('supervisor'),
        schema: {
          tags: TAGS,
          summary: 'Restore a revision’s words as a new revision (the status stays as it is)',
          params: RevisionParams,
          body: RestoreInput,
          response: { 200: ArticleSchema },
        },
      },
      async (req) =>
        restoreRevision(koe.db, authOf(req).actor, req.params.id, req.params.number, req.body.baseRevision),
    );

    app.get(
      '/api/kb/export.jsonl',
      {
        preHandler: guard('supervisor'),
        schema: {
          tags: TAGS,
          summary: 'Every article as JSON lines, one line per article and language (docs/knowledge-base.md)',
          response: { 200: z.string().describe('application/x-ndjson') },
        },
      },
      async (req, reply) => {
        const text = await exportArticles(koe.db, authOf(req).actor.workspaceId);
        void reply
          .type('application/x-ndjson; charset=utf-8')
          .header('content-disposition', 'attachment; filename="koe-knowledge-base.jsonl"');
        return text;
      },
    );

    app.post(
      '/api/kb/import',
      {
        preHandler: guard('supervisor'),
        // The file travels as a JSON string: room for 5 MB of articles, escaped.
        bodyLimit: 12 * 1024 * 1024,
        schema: {
          tags: TAGS,
          summary: 'Import articles in the export’s format, all or nothing; each refused line is named',
          body: ArticleImportInput,
          response: { 200: ArticleImportResultSchema },
        },
      },
      async (req) => importArticles(koe.db, authOf(req).actor, req.body.text),
    );
  };
