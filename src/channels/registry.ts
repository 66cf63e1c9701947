import type { ChannelPlugin } from './plugin';
import { metaPlugin } from './meta';
import { emailPlugin } from './email';
import { line } from './line';
import { x } from './x';

/**
 * Every platform plugin. The web chat channel is built into the server (its "platform" is Koe itself);
 * social platforms register here.
 */
export const channelPlugins: ChannelPlugin[] = [line, x, metaPlugin, emailPlugin];
