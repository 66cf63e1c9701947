import type { Logger } from 'pino';
import type { KoeConfig } from '../config/config';
import { recordInbound, recordRejected, type IngestDeps } from '../ingest/pipeline';
import type { JobQueue } from '../jobs/queue';
import type { RealtimeBus } from '../realtime/bus';
import { decryptSecret } from '../security/secrets';
import { channels, type Db } from '../store/repositories';
import type { ChannelContext } from '../channels/plugin';
import { channelPlugins } from '../channels/registry';
import type { InboundEvent } from '../channels/types';
import { answerFromChoice } from '../desk/satisfaction';
import { talkToPersonTapped } from '../desk/answer-bot';
import { ROUTE_CONVERSATION } from '../desk/route-conversation';

/** The one ChannelContext the running desk gives every channel plugin: storage, credentials, and the ingest seam. */
export function channelContext(deps: {
  db: Db;
  log: Logger;
  bus: RealtimeBus;
  jobs: JobQueue;
  config: KoeConfig;
  ingest: IngestDeps;
}): ChannelContext {
  return {
    db: deps.db,
    log: deps.log,
    bus: deps.bus,
    jobs: deps.jobs,
    config: deps.config,
    channel: (id) => channels.byId(deps.db, id),
    async credentials<T>(channelId: string): Promise<T> {
      const sealed = await channels.credentials(deps.db, channelId);
      return (sealed ? JSON.parse(decryptSecret(deps.config.secretKey, sealed)) : {}) as T;
    },
    record: (event) => recordInbound(deps.ingest, event),
    reject: async (channelId, payload, reason) => {
      await recordRejected(deps.ingest, channelId, payload, reason);
    },
    choiceTapped: async (channelId, customerExternalId, data) =>
      (await answerFromChoice(deps.ingest, channelId, customerExternalId, data)) ||
      talkToPersonTapped(
        {
          ...deps.ingest,
          enqueueRoute: async (workspaceId, conversationId, tx) => {
            await deps.jobs.enqueue(
              ROUTE_CONVERSATION,
              { workspaceId, conversationId, event: 'message.received' },
              { maxAttempts: 5 },
              tx,
            );
          },
        },
        channelId,
        customerExternalId,
        data,
      ),
  };
}

/** The enrichment step of the processing job: the event's channel's plugin fills in what its webhook left out. */
export function enrichByChannel(db: Db, ctx: ChannelContext): (event: InboundEvent) => Promise<InboundEvent> {
  const byKind = new Map(channelPlugins.flatMap((p) => (p.enrich ? p.kinds.map((k) => [k, p] as const) : [])));
  return async (event) => {
    if (byKind.size === 0) return event;
    const kind = (await channels.byId(db, event.channelId))?.kind;
    const plugin = kind ? byKind.get(kind) : undefined;
    return plugin ? plugin.enrich!(ctx, event) : event;
  };
}
