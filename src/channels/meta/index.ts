import { ListenError, type ChannelPlugin } from '../plugin';
import { metaCredentialsSchema, readMetaCredentials } from './credentials';
import { GraphClient } from './graph';
import { listenOnInstagram } from './hashtags';
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
  // Hashtag search is Instagram's; a Facebook Page has no public search (the plugin serves both kinds).
  listen: (ctx, channel, query, state) =>
    channel.kind === 'instagram'
      ? listenOnInstagram(ctx, channel, query, state)
      : Promise.reject(new ListenError('not_supported', 'Facebook offers no public post search')),
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
