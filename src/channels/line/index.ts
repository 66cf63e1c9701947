import { HTTPFetchError } from '@line/bot-sdk';
import type { ChannelPlugin } from '../plugin';
import { lineApi, lineCredentialsSchema, type LineCredentials } from './credentials';
import { LineProfiles } from './profile';
import { lineAdapter } from './send';
import { lineWebhookRoutes } from './webhook';

/** LINE Messaging API: signed webhooks in, reply-token replies or pushes out. */
export function linePlugin(): ChannelPlugin {
  return {
    kinds: ['line'],
    credentialsSchema: lineCredentialsSchema,
    async routes(app, ctx) {
      // One profile cache per running desk: it reads that desk's database for stored names.
      await lineWebhookRoutes(app, ctx, new LineProfiles(ctx));
    },
    adapters: (ctx) => [lineAdapter(ctx)],
    async test(ctx, channel) {
      try {
        const bot = await lineApi(await ctx.credentials<LineCredentials>(channel.id)).getBotInfo();
        return { ok: true, detail: `Connected to ${bot.displayName} (${bot.basicId})` };
      } catch (err) {
        const detail =
          err instanceof HTTPFetchError
            ? `LINE answered HTTP ${err.status}: ${err.body.slice(0, 300)}`
            : `Could not reach LINE: ${String(err)}`;
        return { ok: false, detail };
      }
    },
  };
}

export const line = linePlugin();
