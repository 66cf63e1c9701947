import type { ChannelPlugin } from './plugin';

/**
 * Every platform plugin. The web chat channel is built into the server (its "platform" is Koe itself);
 * social platforms register here.
 */
export const channelPlugins: ChannelPlugin[] = [];
