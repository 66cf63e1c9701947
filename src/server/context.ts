import type { ConversationUpdateDeps } from '../desk/conversation-update';
import pino, { type Logger } from 'pino';
import { webchatAdapter } from '../channels/webchat/adapter';
import type { ChannelAdapter } from '../channels/types';
import { channelContext, enrichByChannel } from './channel-context';
import type { ChannelContext } from '../channels/plugin';
import { channelPlugins } from '../channels/registry';
import type { KoeConfig } from '../config/config';
import { PROCESS_INBOUND, type IngestDeps } from '../ingest/pipeline';
import { inboundProcessor } from '../desk/process-inbound';
import { conversationRouter, ROUTE_CONVERSATION } from '../desk/route-conversation';
import { ASSIGN_WAITING, assignWaiting } from '../desk/assign';
import { ACCOUNT_MAIL, accountMailer } from '../desk/account-mail';
import { NOTIFICATION_DELIVER, notificationDeliverer } from '../desk/notify-external';
import { SLA_CHECK, slaChecker } from '../desk/sla';
import { slaAnnouncer } from '../desk/sla-announce';
import type { ConversationTriage } from '../ingest/triage-hook';
import { productionTriage } from '../ingest/production-triage';
import { WorkspaceTriage } from '../ingest/workspace-triage';
import { BullJobQueue } from '../jobs/bullmq';
import { EmbeddedJobQueue } from '../jobs/embedded';
import type { JobQueue } from '../jobs/queue';
import { replySender, SEND_REPLY, type OutboundDeps } from '../outbound/sender';
import { refreshReportFacts } from '../desk/reports/facts';
import { sendWeeklySummaries } from '../desk/reports/weekly';
import { SURVEY_ASK, surveyAsker } from '../desk/satisfaction';
import { startPeriodic } from '../jobs/periodic';
import { applyRetention } from '../desk/data-retention';
import { pruneArrivalCounts } from '../desk/incidents';
import { pollListening, type ListeningDeps } from '../desk/listening';
import { ConversationViewers } from '../realtime/viewers';
import type { RealtimeBus } from '../realtime/bus';
import { checkRole } from '../config/roles';
import { processShape } from './process-shape';
import { migrateToLatest, openStore, sqliteFile, type Store } from '../store/db';
import { markServing } from '../store/sqlite-backup';
import { conversations, type Db } from '../store/repositories';
import { storeReadiness, type Readiness } from './readiness';

/** Everything a running Koe process holds; built once, passed to routes and jobs. */
export interface Koe {
  config: KoeConfig;
  store: Store;
  db: Db;
  jobs: JobQueue;
  bus: RealtimeBus;
  log: Logger;
  adapters: Map<string, ChannelAdapter>;
  ingest: IngestDeps;
  outbound: OutboundDeps;
  /** What the desk's conversation changes need: sending, and teaching the workspace model an agent's correction. */
  conversationDeps: ConversationUpdateDeps;
  triage: WorkspaceTriage;
  channelCtx: ChannelContext;
  /** Who has which conversation open, and who is typing (collision control). */
  viewers: ConversationViewers;
  /** Listening queries' searches (also run at once from the Listening page). */
  listening: ListeningDeps;
  /** What /readyz checks (database, migrations; a Redis bus or queue adds its ping) and whether this process drains. */
  readiness: Readiness;
  close(): Promise<void>;
}

export async function createKoe(
  config: KoeConfig,
  opts: { log?: Logger; triage?: ConversationTriage | null; startJobs?: boolean } = {},
): Promise<Koe> {
  checkRole(config);
  const log = opts.log ?? pino({ level: config.logLevel });
  // In-process, or Redis when KOE_REDIS_URL is set (several processes; docs/scale.md).
  const shape = await processShape(config, log);
  const store = openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  // `koe restore` refuses to replace an SQLite file a desk is serving.
  const sqlitePath = sqliteFile(config);
  const unmark = sqlitePath ? markServing(sqlitePath) : () => {};
  const applied = await migrateToLatest(store.db);
  if (applied.length) log.info({ applied, dialect: store.dialect }, 'migrations applied');
  const db = store.db;
  const bus = shape.bus;
  // Web processes serve HTTP only; workers run jobs and background work; `all` does both (docs/scale.md).
  const serves = config.role !== 'worker';
  const works = config.role !== 'web';
  // With SQLite this process is the only job runner (the embedded runner on the `jobs` table). With PostgreSQL and
  // Redis, BullMQ carries the jobs between processes and the table stays their durable record (docs/scale.md); with
  // PostgreSQL alone, every process polls the table.
  const bull = store.dialect === 'postgres' && config.redis.url && config.databaseUrl;
  const jobs: JobQueue = bull
    ? new BullJobQueue(db, log, {
        redisUrl: config.redis.url!,
        redisPrefix: config.redis.prefix,
        databaseUrl: config.databaseUrl!,
        lockMs: config.leaseMs,
        work: works,
        firstKinds: [SEND_REPLY],
      })
    : new EmbeddedJobQueue(db, log, {
        soleRunner: store.dialect === 'sqlite',
        lockMs: config.leaseMs,
        pollMs: config.role === 'worker' ? 50 : undefined,
      });
  const adapters = new Map<string, ChannelAdapter>([['webchat', webchatAdapter(bus)]]);
  // Triage runs on every inbound message unless a caller opts out (null) or substitutes its own.
  const triage = new WorkspaceTriage(db);
  const ingest: IngestDeps = {
    db,
    jobs,
    bus,
    log,
    triage: opts.triage === null ? undefined : (opts.triage ?? productionTriage(triage)),
  };
  const outbound: OutboundDeps = { db, jobs, bus, log, adapters };
  const conversationDeps: ConversationUpdateDeps = {
    ...outbound,
    learn: (workspaceId, text, labels) => triage.learn(workspaceId, text, labels),
  };
  const channelCtx = channelContext({ db, log, bus, jobs, config, ingest });
  ingest.enrich = enrichByChannel(db, channelCtx);
  for (const plugin of channelPlugins) for (const a of plugin.adapters(channelCtx)) adapters.set(a.kind, a);
  jobs.register(PROCESS_INBOUND, inboundProcessor(ingest));
  jobs.register(SEND_REPLY, replySender(outbound));
  const desk = { db, bus, log, jobs, adapters };
  jobs.register(
    ROUTE_CONVERSATION,
    conversationRouter({ ...desk, helpArticleUrl: config.helpArticleUrl, publicUrl: config.publicUrl }),
  );
  jobs.register(SLA_CHECK, slaChecker({ ...desk, announce: slaAnnouncer(desk) }));
  jobs.register(NOTIFICATION_DELIVER, notificationDeliverer({ db, log, config }));
  jobs.register(ACCOUNT_MAIL, accountMailer({ db, log, config }));
  jobs.register(
    SURVEY_ASK,
    surveyAsker({
      ...desk,
      secretKey: config.secretKey,
      baseUrl: config.publicUrl ?? `http://${config.host}:${config.port}`,
    }),
  );
  jobs.register<{ workspaceId: string }>(ASSIGN_WAITING, async ({ workspaceId }) => {
    await assignWaiting(desk, workspaceId);
  });
  const stops: (() => Promise<void>)[] = [];
  const viewers = new ConversationViewers(bus);
  if (serves) stops.push(viewers.start());
  if (works && config.mail.smtpUrl)
    stops.push(startPeriodic('weekly summaries', () => sendWeeklySummaries({ db, log, config }), { log }, 10 * 60_000));
  // Upkeep of the inbox counts and the report facts (both exact or marked stale without it; see each function).
  if (works)
    stops.push(startPeriodic('folding inbox counts', () => conversations.foldCountChanges(db), { log }, 5_000));
  if (works)
    stops.push(
      startPeriodic(
        'refreshing report facts',
        async () => {
          // Up to 20,000 conversations a round; a backlog (a migration, a busy minute) drains over a few rounds.
          for (let i = 0; i < 20 && (await refreshReportFacts(db, 1000)) === 1000; i++);
        },
        { log },
        5_000,
      ),
    );
  if (works)
    stops.push(startPeriodic('forgetting old arrival counts', () => pruneArrivalCounts(db), { log }, 60 * 60_000));
  // Data retention (off unless an admin sets it): hourly, safe in several processes (desk/data-retention.ts).
  if (works)
    stops.push(startPeriodic('applying data retention', () => applyRetention({ db, log }), { log }, 60 * 60_000));
  const listeningDeps: ListeningDeps = {
    db,
    log,
    channelCtx,
    plugins: channelPlugins,
    triage: opts.triage === null ? undefined : triage,
    intervalMs: config.listening.intervalSeconds * 1000,
  };
  // A web process hands the jobs it writes to BullMQ; it runs none.
  if (bull && !works && opts.startJobs !== false) jobs.start();
  if (works && opts.startJobs !== false) {
    jobs.start();
    // X polling and the SMTP listener run in one process at a time (a lease; always ours without Redis).
    for (const plugin of channelPlugins)
      if (plugin.start)
        stops.push(await shape.leases.hold(`channel:${plugin.kinds.join(',')}`, () => plugin.start!(channelCtx)));
    stops.push(startPeriodic('listening', () => pollListening(listeningDeps), { log }, 5_000));
  }
  const readiness = storeReadiness(db);
  if (shape.ping) readiness.add('redis', shape.ping);
  return {
    config,
    store,
    db,
    jobs,
    bus,
    log,
    adapters,
    ingest,
    outbound,
    conversationDeps,
    triage,
    channelCtx,
    viewers,
    listening: listeningDeps,
    readiness,
    async close() {
      for (const stop of stops) await stop();
      await jobs.stop();
      await store.close();
      unmark();
      await shape.close();
    },
  };
}
