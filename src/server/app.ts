import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { cleanDeep } from '../domain/clean-text';
import { defaultWebDist } from '../config/paths';
import { registerAuth } from './auth';
import type { Koe } from './context';
import { registerMetrics } from './metrics';
import { problem, registerProblemHandlers } from './problems';
import { collectRouteTable, withoutCsrf } from './route-table';
import { responseSerializer } from './serializer';
import { endEventStreams } from './sse';
import { adminRoutes } from './routes/admin';
import { amplifyRoutes } from './routes/amplify';
import { agentRoutes } from './routes/agents';
import { authRoutes } from './routes/auth';
import { channelRoutes } from './routes/channels';
import { conversationRoutes } from './routes/conversations';
import { customerRoutes } from './routes/customers';
import { incidentRoutes } from './routes/incidents';
import { searchRoutes } from './routes/search';
import { reportRoutes } from './routes/reports';
import { surveyPageRoutes } from './routes/survey-page';
import { savedReplyRoutes } from './routes/saved-replies';
import { accountRoutes } from './routes/accounts';
import { approvalRoutes } from './routes/approvals';
import { listeningRoutes } from './routes/listening';
import { answerBotRoutes } from './routes/answer-bot';
import { knowledgeBaseRoutes } from './routes/knowledge-base';
import { helpCenterRoutes } from './routes/help-center';
import { helpCenterPageRoutes } from './routes/help-center-pages';
import { reportPhraseRoutes } from './routes/report-phrases';
import { securityRoutes } from './routes/security';
import { privacyRoutes } from './routes/privacy';
import { systemRoutes } from './routes/system';
import { channelPlugins } from '../channels/registry';
import { channels } from '../store/repositories';
import { automationRoutes } from './routes/automation';
import { routingRoutes } from './routes/routing';
import { triageRoutes } from './routes/triage';
import { widgetRoutes } from './routes/widget';

export const WEB_DIST = defaultWebDist();

export async function buildApp(koe: Koe, opts: { webDist?: string } = {}): Promise<FastifyInstance> {
  return buildFastify(koe, opts) as unknown as FastifyInstance;
}

async function buildFastify(koe: Koe, opts: { webDist?: string }) {
  const app = Fastify({
    loggerInstance: koe.log as FastifyBaseLogger,
    bodyLimit: 256 * 1024,
    // A hop count n trusts the n nearest proxies (the function form of Fastify's numeric option).
    trustProxy: typeof koe.config.trustProxy === 'number' ? trustHops(koe.config.trustProxy) : koe.config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  // Under the test runner a field the contract forgot fails the request instead of vanishing from it.
  app.setSerializerCompiler(responseSerializer({ strict: Boolean(process.env.VITEST) }));
  registerProblemHandlers(app);
  app.addHook('preClose', async () => {
    const ended = endEventStreams(app.server);
    if (ended) koe.log.info({ streams: ended }, 'event streams ended for shutdown');
  });
  collectRouteTable(app as unknown as FastifyInstance);
  // Before validation, for every route: the same text on both databases and no NUL reaching PostgreSQL (clean-text).
  // Webhook bodies stay raw Buffers for their signatures; their events are cleaned in recordInbound.
  app.addHook('preValidation', async (req) => {
    if (typeof req.body === 'string' || (req.body && typeof req.body === 'object' && !Buffer.isBuffer(req.body)))
      req.body = cleanDeep(req.body);
    req.query = cleanDeep(req.query);
    req.params = cleanDeep(req.params);
  });

  // On a plain-HTTP deployment (a LAN, a trial on localhost) these two would break the desk: browsers would upgrade
  // every request to an https that does not exist, and remember to for a year.
  const https = koe.config.publicUrl?.startsWith('https:') ?? false;
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    // The widget script is loaded by customers' sites on other origins.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => ({
      ...problem(429, `Too many attempts; try again in ${Math.ceil(ctx.ttl / 1000)} s`),
      statusCode: 429,
    }),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Koe API',
        version: '1.0.0',
        description: 'Koe (声) support desk. Errors are application/problem+json.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'koe_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerMetrics(app as unknown as FastifyInstance, koe.db);
  registerAuth(app, koe.db);
  await app.register(systemRoutes(koe));
  await app.register(authRoutes(koe));
  await app.register(agentRoutes(koe));
  await app.register(channelRoutes(koe));
  await app.register(conversationRoutes(koe));
  await app.register(customerRoutes(koe));
  await app.register(adminRoutes(koe));
  await app.register(widgetRoutes(koe));
  await app.register(triageRoutes(koe));
  await app.register(routingRoutes(koe));
  await app.register(automationRoutes(koe));
  await app.register(amplifyRoutes(koe));
  await app.register(incidentRoutes(koe));
  await app.register(securityRoutes(koe));
  await app.register(searchRoutes(koe));
  await app.register(reportRoutes(koe));
  await app.register(surveyPageRoutes(koe));
  await app.register(savedReplyRoutes(koe));
  await app.register(accountRoutes(koe));
  await app.register(approvalRoutes(koe));
  await app.register(listeningRoutes(koe));
  await app.register(reportPhraseRoutes(koe));
  await app.register(knowledgeBaseRoutes(koe));
  await app.register(helpCenterRoutes(koe));
  await app.register(helpCenterPageRoutes(koe));
  await app.register(privacyRoutes(koe));
  await app.register(answerBotRoutes(koe));
  for (const plugin of channelPlugins) {
    if (!plugin.routes) continue;
    await app.register(async (scope) => {
      // Webhook signatures are computed over the exact bytes received, so bodies stay raw here.
      scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
      withoutCsrf(scope as unknown as FastifyInstance);
      await plugin.routes!(scope as unknown as FastifyInstance, koe.channelCtx);
    });
  }
  await registerWebApp(app as unknown as FastifyInstance, opts.webDist ?? WEB_DIST, koe.db);
  return app;
}

const trustHops = (n: number) => (_address: string, hop: number) => hop < n;

/** The built React app, the widget script and the demo page, with client-side routes falling back to index.html. */
async function registerWebApp(app: FastifyInstance, dist: string, koeDb: Koe['db']): Promise<void> {
  if (!existsSync(path.join(dist, 'index.html'))) {
    app.log.warn({ dist }, 'web app not built; run `npm run build:web`');
    return;
  }
  // wildcard:false registers one route per built file (including /widget.js), leaving other paths to the SPA fallback.
  await app.register(fastifyStatic, {
    root: dist,
    prefix: '/',
    wildcard: false,
    index: false,
    setHeaders: (res, file) => {
      if (file.endsWith('widget.js')) res.setHeader('cache-control', 'public, max-age=300');
    },
  });
  // Without ?channel= the demo opens the first web chat channel, so a new admin can try the widget at once.
  app.get('/demo', { schema: { hide: true } }, async (req, reply) => {
    if (!(req.query as { channel?: string }).channel) {
      const first = await channels.firstWebchatKey(koeDb);
      if (first) return reply.redirect(`/demo?channel=${encodeURIComponent(first)}`);
    }
    return reply.sendFile('demo.html');
  });
  app.get('/', { schema: { hide: true } }, (_req, reply) => reply.sendFile('index.html'));
  app.get('/*', { schema: { hide: true } }, (req, reply) => {
    const url = req.url.split('?')[0];
    if (url.startsWith('/api/') || /\.[a-z0-9]+$/i.test(url)) {
      return reply
        .status(404)
        .type('application/problem+json')
        .send(problem(404, `No route for ${req.method} ${url}`));
    }
    return reply.sendFile('index.html');
  });
}
