import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AnswerBotFiguresSchema, ArticleSuggestionsSchema, ReplyDraftSchema } from '../../contracts/answer-bot';
import { ReportQuery } from '../../contracts/reports';
import { IdParams } from '../../contracts/common';
import { answerBotFigures, suggestArticles } from '../../desk/answer-bot';
import { draftReply } from '../../desk/llm-draft';
import { authOf, guard } from '../auth';
import type { Koe } from '../context';

/** The agents' article suggestions beside a conversation (the answer bot's matching, docs/knowledge-base.md). */
export const answerBotRoutes =
  (koe: Koe): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/conversations/:id/article-suggestions',
      {
        preHandler: guard(),
        schema: {
          tags: ['knowledge base'],
          summary: "The published articles that best match the customer's last message, in the customer's language",
          params: IdParams,
          response: { 200: ArticleSuggestionsSchema },
        },
      },
      async (req) =>
        suggestArticles(
          { db: koe.db, helpArticleUrl: koe.config.helpArticleUrl, publicUrl: koe.config.publicUrl },
          authOf(req).agent.workspaceId,
          req.params.id,
        ),
    );

    app.post(
      '/api/conversations/:id/draft',
      {
        preHandler: guard(),
        schema: {
          tags: ['knowledge base'],
          summary:
            'A reply draft from the language model (KOE_LLM_URL), for the agent to edit and send; never sent by Koe. 409 llm_drafts_off unless configured and turned on',
          params: IdParams,
          response: { 200: ReplyDraftSchema },
        },
      },
      async (req) =>
        draftReply({ db: koe.db, log: koe.log, llm: koe.config.llm }, authOf(req).agent.workspaceId, req.params.id),
    );

    app.get(
      '/api/reports/answer-bot',
      {
        preHandler: guard('supervisor'),
        schema: {
          tags: ['reports'],
          summary: "The answer bot's answers, hand-overs and deflections in the report's range (and channel)",
          querystring: ReportQuery,
          response: { 200: AnswerBotFiguresSchema },
        },
      },
      async (req) => answerBotFigures(koe.db, authOf(req).actor.workspaceId, req.query),
    );
  };
