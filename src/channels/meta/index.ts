import type { ChannelPlugin } from '../plugin';
import { metaCredentialsSchema, readMetaCredentials } from './credentials';
import { GraphClient } from './graph';
import { metaWebhookRoutes } from './routes';
import { metaAdapter } from './send';

export { messagingWindow } from './window';
export { sendPrivateReply } from './send';

/** Facebook Page comments, Messenger and Instagram (DMs and comments) over the Graph API. */
export const metaPlugin: ChannelPlugin = {
  kinds: ['facebook', 'instagram'],
  credentialsSchema: metaCredentialsSchema,
  routes: metaWebhookRoutes,
  adapters: (ctx) => [metaAdapter('facebook', ctx), metaAdapter('instagram', ctx)],
  async test(ctx, channel) {
    try {
      const creds = readMetaCredentials(await ctx.credentials(channel.id));
      const page = await new GraphClient(creds).get<{ name?: string; id?: string }>(creds.pageId, { fields: 'name' });
      return { ok: true, detail: `Connected to the page “${page?.name ?? page?.id ?? '?'}”` };
    } catch (e) {
      return { ok: false, detail: e instanceof Error ? e.message : String(e) };
    }
  },
};
