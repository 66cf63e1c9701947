import { HTTPFetchError } from '@line/bot-sdk';
import type { ChannelContext, ChannelPlugin } from '../plugin';
import { lineApi, lineCredentialsSchema, type LineCredentials } from './credentials';
import { originOfEvent } from './parse';
import { LineProfiles } from './profile';
import { lineAdapter } from './send';
import { lineWebhookRoutes } from './webhook';

// One profile cache per running desk (a test process runs several): it reads that desk's database for stored names.
const profiles = new WeakMap<ChannelContext, LineProfiles>();
const profilesOf = (ctx: ChannelContext) => {
  let p = profiles.get(ctx);
  if (!p) profiles.set(ctx, (p = new LineProfiles(ctx)));
  return p;
};

/** LINE Messaging API: signed webhooks in, reply-token replies or pushes out. */
export function linePlugin(): ChannelPlugin {
  return {
    kinds: ['line'],
    credentialsSchema: lineCredentialsSchema,
    async routes(app, ctx) {
      await lineWebhookRoutes(app, ctx);
    },
    // The sender's display name, read while the message is processed (the webhook records a placeholder).
    async enrich(ctx, event) {
      const origin = originOfEvent(event);
      if (!origin) return event;
      const creds = await ctx.credentials<LineCredentials>(event.channelId);
      const name = await profilesOf(ctx).displayName(event.channelId, creds, origin);
      return { ...event, customer: { ...event.customer, name } };
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
