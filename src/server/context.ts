import pino, { type Logger } from 'pino';
import { webchatAdapter } from '../channels/webchat/adapter';
import type { ChannelAdapter } from '../channels/types';
import { channelContext } from '../channels/context';
import type { ChannelContext } from '../channels/plugin';
import { channelPlugins } from '../channels/registry';
import type { KoeConfig } from '../config/config';
import { inboundProcessor, PROCESS_INBOUND, ROUTE_CONVERSATION, type IngestDeps } from '../ingest/pipeline';
import { ASSIGN_WAITING, assignWaiting, autoAssign } from '../desk/assign';
import { checkSpikes, handleIncidentForNewConversation } from '../desk/incidents';
import { runAutomation } from '../desk/automation';
import { ACCOUNT_MAIL, accountMailer } from '../desk/account-mail';
import { NOTIFICATION_DELIVER, notificationDeliverer } from '../desk/notify-external';
import { scheduleSlaCheck, SLA_CHECK, slaChecker } from '../desk/sla';
import type { ConversationTriage } from '../ingest/triage-hook';
import { productionTriage } from '../ingest/production-triage';
import { WorkspaceTriage } from '../ingest/workspace-triage';
import { EmbeddedJobQueue } from '../jobs/embedded';
import type { JobQueue } from '../jobs/queue';
import { replySender, SEND_REPLY, type OutboundDeps } from '../outbound/replies';
import { InProcessBus, type RealtimeBus } from '../realtime/bus';
import { migrateToLatest, openStore, type Store } from '../store/db';
import type { Db } from '../store/repositories';

type RoutePayload = {
  workspaceId: string;
  conversationId: string;
  event?: 'conversation.created' | 'message.received';
  text?: string;
};

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
  triage: WorkspaceTriage;
  channelCtx: ChannelContext;
  close(): Promise<void>;
}

export async function createKoe(
  config: KoeConfig,
  opts: { log?: Logger; triage?: ConversationTriage | null; startJobs?: boolean } = {},
): Promise<Koe> {
  const log = opts.log ?? pino({ level: config.logLevel });
  const store = openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const applied = await migrateToLatest(store.db);
  if (applied.length) log.info({ applied, dialect: store.dialect }, 'migrations applied');
  const db = store.db;
  const bus = new InProcessBus();
  // With SQLite this process is the only job runner; with PostgreSQL others may share the table (docs/architecture.md).
  const jobs = new EmbeddedJobQueue(db, log, { soleRunner: store.dialect === 'sqlite' });
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
  const channelCtx = channelContext({ db, log, bus, jobs, config, ingest });
  for (const plugin of channelPlugins) for (const a of plugin.adapters(channelCtx)) adapters.set(a.kind, a);
  jobs.register(PROCESS_INBOUND, inboundProcessor(ingest));
  jobs.register(SEND_REPLY, replySender(outbound));
  const desk = { db, bus, log, jobs, adapters };
  // After a customer message: the admin's rules first (they may set level, team or owner), then a declared incident
  // (a new conversation it covers is acknowledged and waits on the customer instead of being assigned), assignment,
  // spike detection for new conversations, and SLA timers.
  jobs.register<RoutePayload>(ROUTE_CONVERSATION, async ({ workspaceId, conversationId, event, text }) => {
    await runAutomation(desk, workspaceId, conversationId, event ?? 'message.received', text);
    const isNew = event === 'conversation.created';
    const handledByIncident = isNew && (await handleIncidentForNewConversation(desk, workspaceId, conversationId));
    if (!handledByIncident) await autoAssign(desk, workspaceId, conversationId);
    if (isNew) await checkSpikes(desk, workspaceId, conversationId);
    await scheduleSlaCheck(desk, workspaceId, conversationId);
  });
  jobs.register(SLA_CHECK, slaChecker(desk));
  jobs.register(NOTIFICATION_DELIVER, notificationDeliverer({ db, log, config }));
  jobs.register(ACCOUNT_MAIL, accountMailer({ db, log, config }));
  jobs.register<{ workspaceId: string }>(ASSIGN_WAITING, async ({ workspaceId }) => {
    await assignWaiting(desk, workspaceId);
  });
  const stops: (() => Promise<void>)[] = [];
  if (opts.startJobs !== false) {
    jobs.start();
    for (const plugin of channelPlugins) if (plugin.start) stops.push(await plugin.start(channelCtx));
  }
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
    triage,
    channelCtx,
    async close() {
      for (const stop of stops) await stop();
      await jobs.stop();
      await store.close();
    },
  };
}
