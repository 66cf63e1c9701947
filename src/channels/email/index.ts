import type { ChannelContext, ChannelPlugin } from '../plugin';
import { emailCredentialsSchema, readEmailCredentials } from './credentials';
import { InboundMailboxes } from './inbound';
import { emailAdapter, smtpTransport } from './send';

/** Per running desk (tests start several in one process). */
const mailboxesOf = new WeakMap<ChannelContext, InboundMailboxes>();

/** Email in over SMTP (Koe's own server per channel) and out through the organisation's SMTP relay. */
export const emailPlugin: ChannelPlugin = {
  kinds: ['email'],
  credentialsSchema: emailCredentialsSchema,
  adapters: (ctx) => [emailAdapter(ctx)],
  async start(ctx) {
    const mailboxes = new InboundMailboxes(ctx);
    mailboxesOf.set(ctx, mailboxes);
    await mailboxes.start();
    return async () => {
      await mailboxes.stop();
      mailboxesOf.delete(ctx);
    };
  },
  async test(ctx, channel) {
    const creds = readEmailCredentials(await ctx.credentials(channel.id));
    const inbound = !creds.inboundPort
      ? 'inbound SMTP off'
      : mailboxesOf.get(ctx)?.isListening(channel.id)
        ? `receiving on ${creds.inboundHost}:${creds.inboundPort}`
        : `not listening on ${creds.inboundHost}:${creds.inboundPort}`;
    const transport = smtpTransport(creds);
    try {
      await transport.verify();
      return { ok: true, detail: `SMTP ${creds.smtpHost}:${creds.smtpPort} accepted the connection; ${inbound}` };
    } catch (err) {
      return {
        ok: false,
        detail: `SMTP ${creds.smtpHost}:${creds.smtpPort}: ${err instanceof Error ? err.message : String(err)}; ${inbound}`,
      };
    } finally {
      transport.close();
    }
  },
};
