import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { EventStream } from '../../contracts/admin';
import { Items, NoContent } from '../../contracts/common';
import {
  VisitorQuery,
  WidgetKeyParams,
  WidgetMessageSchema,
  WidgetPostBody,
  WidgetPostSchema,
  WidgetSessionBody,
  WidgetSessionSchema,
  SurveyViewSchema,
  WidgetSurveyBody,
} from '../../contracts/widget';
import { ArticleSuggestionQuery, ArticleSuggestionSchema } from '../../contracts/help-center';
import { articleSuggestions } from '../../desk/help-center';
import { answerSurvey, SURVEY_OPEN_DAYS, surveyView } from '../../desk/satisfaction';
import { guestName, visitorExternalId } from '../../channels/webchat/visitor';
import { toWidgetMessage } from '../../channels/webchat/widget-message';
import { widgetAvailability } from '../../desk/availability';
import { notFound } from '../../domain/errors';
import { nowIso, randomToken } from '../../domain/ids';
import { recordInbound } from '../../ingest/pipeline';
import { topics } from '../../realtime/bus';
import { channels, customers, messages, surveys, type Channel } from '../../store/repositories';
import type { Koe } from '../context';
import { withoutCsrf } from '../route-table';
import { baseUrl } from './channels';
import { streamTopic } from '../sse';

/**
 * The widget runs on the customer's own site, so these routes allow any origin and use no cookies: the
 * visitor proves identity with the token kept in their browser.
 */
export const widgetRoutes =
  (koe: Koe): FastifyPluginAsyncZod =>
  async (app) => {
    withoutCsrf(app as unknown as FastifyInstance);
    app.addHook('onRequest', async (req, reply) => {
      void reply.header('access-control-allow-origin', '*');
      void reply.header('access-control-allow-headers', 'content-type');
      void reply.header('access-control-allow-methods', 'GET, POST, OPTIONS');
      void reply.header('access-control-max-age', '600');
    });
    app.options('/api/widget/*', { schema: { hide: true, response: { 204: NoContent } } }, async (_req, reply) =>
      reply.status(204).send(),
    );

    const webchat = async (publicKey: string): Promise<Channel> => {
      const c = await channels.byPublicKey(koe.db, publicKey);
      if (!c || c.kind !== 'webchat') throw notFound('Chat channel');
      return c;
    };
    /** The customer a visitor token stands for on this channel (none before their first message). */
    const visitor = (channel: Channel, token: string) =>
      customers.byIdentity(koe.db, channel.id, visitorExternalId(token));
    const history = async (channel: Channel, customer: { id: string } | undefined) => {
      if (!customer) return [];
      return (await messages.visibleToCustomer(koe.db, customer.id, channel.id)).map((m) =>
        toWidgetMessage({
          id: m.id,
          kind: m.kind,
          text: m.text,
          authorName: m.author.name,
          createdAt: m.createdAt,
          clientMessageId: m.clientMessageId,
        }),
      );
    };

    app.post(
      '/api/widget/:publicKey/session',
      {
        schema: {
          tags: ['widget'],
          summary: 'Start or resume a visitor session',
          params: WidgetKeyParams,
          body: WidgetSessionBody,
          response: { 200: WidgetSessionSchema },
        },
      },
      async (req) => {
        const channel = await webchat(req.params.publicKey);
        const visitorToken = req.body.visitorToken ?? randomToken(24);
        const customer = await visitor(channel, visitorToken);
        const greeting =
          typeof channel.settings.greeting === 'string' && channel.settings.greeting ? channel.settings.greeting : null;
        return {
          visitorToken,
          channelName: channel.name,
          greeting,
          availability: await widgetAvailability(koe.db, channel.workspaceId),
          messages: await history(channel, customer),
          survey: await visitorSurvey(channel, customer),
        };
      },
    );

    /** The newest survey asked of this visitor within the week it stays open. */
    const visitorSurvey = async (channel: Channel, customer: { id: string } | undefined) => {
      if (!customer) return null;
      const since = new Date(Date.now() - SURVEY_OPEN_DAYS * 86_400_000).toISOString();
      const s = await surveys.latestOfCustomer(koe.db, customer.id, since);
      return s && s.channel_id === channel.id ? surveyView(koe.db, s) : null;
    };

    app.post(
      '/api/widget/:publicKey/survey',
      {
        config: {
          rateLimit: { max: 20, timeWindow: 60_000, hook: 'preHandler', keyGenerator: (req) => `widget|${req.ip}` },
        },
        schema: {
          tags: ['widget'],
          summary: 'The visitor rates a resolved conversation (CSAT 1–5 or NPS 0–10, with an optional comment)',
          params: WidgetKeyParams,
          body: WidgetSurveyBody,
          response: { 200: SurveyViewSchema },
        },
      },
      async (req) => {
        const channel = await webchat(req.params.publicKey);
        const customer = await visitor(channel, req.body.visitorToken);
        const s = await surveys.get(koe.db, req.body.surveyId);
        // Someone else's survey is reported as missing, not as forbidden: ids are not to be probed.
        if (!customer || !s || s.customer_id !== customer.id || s.channel_id !== channel.id) throw notFound('Survey');
        return answerSurvey(koe, s.id, req.body.score, req.body.comment ?? null);
      },
    );

    app.get(
      '/api/widget/:publicKey/messages',
      {
        schema: {
          tags: ['widget'],
          params: WidgetKeyParams,
          querystring: VisitorQuery,
          response: { 200: Items(WidgetMessageSchema) },
        },
      },
      async (req) => {
        const channel = await webchat(req.params.publicKey);
        return { items: await history(channel, await visitor(channel, req.query.visitorToken)) };
      },
    );

    app.post(
      '/api/widget/:publicKey/messages',
      {
        config: {
          rateLimit: { max: 30, timeWindow: 60_000, hook: 'preHandler', keyGenerator: (req) => `widget|${req.ip}` },
        },
        schema: {
          tags: ['widget'],
          summary: 'A visitor writes a message (recorded once per clientMessageId)',
          params: WidgetKeyParams,
          body: WidgetPostBody,
          response: { 202: WidgetPostSchema },
        },
      },
      async (req, reply) => {
        const channel = await webchat(req.params.publicKey);
        const externalId = visitorExternalId(req.body.visitorToken);
        const { eventId } = await recordInbound(koe.ingest, {
          channelId: channel.id,
          externalId: `${externalId}:${req.body.clientMessageId}`,
          kind: 'message',
          occurredAt: nowIso(),
          customer: { externalId, name: req.body.name || guestName(externalId, req.body.locale) },
          text: req.body.text,
          clientMessageId: req.body.clientMessageId,
        });
        // Echo to the visitor's other open tabs once the message is stored.
        if (eventId)
          koe.bus.publish(topics.visitor(channel.id, externalId), {
            type: 'message',
            data: {
              id: eventId,
              from: 'customer',
              text: req.body.text,
              authorName: '',
              createdAt: nowIso(),
              clientMessageId: req.body.clientMessageId,
            },
          });
        return reply.status(202).send({ id: eventId, accepted: true });
      },
    );

    // The help center before a message: published articles for what the visitor is typing (the widget debounces).
    app.get(
      '/api/widget/:publicKey/articles',
      {
        config: {
          rateLimit: { max: 60, timeWindow: 60_000, hook: 'preHandler', keyGenerator: (req) => `widget-kb|${req.ip}` },
        },
        schema: {
          tags: ['widget'],
          summary:
            'Published help-center articles for the words a visitor is typing (empty when the help center is off)',
          params: WidgetKeyParams,
          querystring: ArticleSuggestionQuery,
          response: { 200: Items(ArticleSuggestionSchema) },
        },
      },
      async (req) => {
        const channel = await webchat(req.params.publicKey);
        return {
          items: await articleSuggestions(koe.db, channel.publicKey, req.query.q, req.query.lang, baseUrl(koe, req)),
        };
      },
    );

    app.get(
      '/api/widget/:publicKey/events',
      {
        schema: {
          tags: ['widget'],
          summary: 'Server-Sent Events for the visitor: agent replies',
          params: WidgetKeyParams,
          querystring: VisitorQuery,
          response: { 200: { content: { 'text/event-stream': { schema: EventStream } } } },
        },
      },
      async (req, reply) => {
        const channel = await webchat(req.params.publicKey);
        streamTopic(req, reply, koe.bus, topics.visitor(channel.id, visitorExternalId(req.query.visitorToken)));
      },
    );
  };
