import type { ChannelPlugin } from '../plugin';
import { XApiError, xRequest } from './api';
import { xCredentialsSchema, type XCredentials } from './credentials';
import { listenOnX } from './listen';
import { XPoller } from './poll';
import { xAdapter } from './send';
import { xWebhookRoutes } from './webhook';

export { X_POST_LIMIT, xWeightedLength, fitsXPost } from './weighted-length';

/** X: Account Activity webhooks where the tier has them, v2 polling everywhere; replies and DMs via v2. */
export function xPlugin(): ChannelPlugin {
  return {
    kinds: ['x'],
    credentialsSchema: xCredentialsSchema,
    routes: (app, ctx) => xWebhookRoutes(app, ctx),
    adapters: (ctx) => [xAdapter(ctx)],
    listen: listenOnX,
    async start(ctx) {
      const poller = new XPoller(ctx);
      poller.start();
      return () => poller.stop();
    },
    async test(ctx, channel) {
      const creds = await ctx.credentials<XCredentials>(channel.id);
      const token = creds.accessToken ?? creds.bearerToken;
      if (!token) return { ok: false, detail: 'No X token saved' };
      try {
        const { data } = await xRequest<{ data?: { id?: string; username?: string } }>(
          creds,
          token,
          'GET',
          '/2/users/me',
        );
        if (data.data?.id !== creds.userId)
          return {
            ok: false,
            detail: `The token belongs to @${data.data?.username} (${data.data?.id}), not to the configured account ${creds.userId}`,
          };
        return { ok: true, detail: `Connected as @${data.data.username}` };
      } catch (err) {
        return {
          ok: false,
          detail:
            err instanceof XApiError ? `${err.message} (HTTP ${err.status})` : `Could not reach X: ${String(err)}`,
        };
      }
    },
  };
}

export const x = xPlugin();
