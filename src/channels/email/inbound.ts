import { channels } from '../../store/repositories';
import { MAX_MESSAGE_BYTES, readAll, smtpError } from './smtp';
import { SMTPServer } from 'smtp-server';
import type { ChannelContext } from '../plugin';
import { readEmailCredentials, type EmailCredentials } from './credentials';
import { parseInboundMail } from './parse';

const RECONCILE_MS = 1000;
const RETRY_FAILED_LISTEN_MS = 30_000;

/** An SMTP server for one email channel: accepts mail for the support address and records it. */
function mailbox(ctx: ChannelContext, channelId: string, creds: EmailCredentials): SMTPServer {
  const log = ctx.log.child({ channelId, channel: 'email' });
  return new SMTPServer({
    name: 'koe',
    banner: 'Koe support desk',
    size: MAX_MESSAGE_BYTES,
    authOptional: true,
    logger: false,
    // Plain SMTP on loopback behind the organisation's MX; TLS and auth belong to that edge.
    disabledCommands: ['AUTH', 'STARTTLS'],
    onRcptTo(rcpt, _session, cb) {
      if (rcpt.address.toLowerCase() === creds.address.toLowerCase()) cb();
      else cb(smtpError(550, `No mailbox here for ${rcpt.address}`));
    },
    onData(stream, _session, cb) {
      void readAll(stream)
        .then(async (raw) => {
          if (stream.sizeExceeded)
            return cb(smtpError(552, `Message exceeds the ${MAX_MESSAGE_BYTES / 1024 / 1024} MB limit`));
          const parsed = await parseInboundMail(raw, { channelId, supportAddress: creds.address });
          if ('ignored' in parsed) log.info({ reason: parsed.ignored }, 'email accepted but not recorded');
          else await ctx.record(parsed.event);
          cb();
        })
        .catch((err: unknown) => {
          // 451 makes the sending MTA try again later; nothing was acknowledged.
          log.error({ err }, 'inbound email could not be recorded');
          cb(smtpError(451, 'Temporary failure, please retry'));
        });
    },
  });
}

/** `retryAt` is when to try listening again: never for channels without an inbound port. */
interface Running {
  sealed: string;
  server: SMTPServer | null;
  retryAt: number;
}

/**
 * Keeps one SMTP server per email channel with an inbound port, following channels as admins add,
 * change or remove them (the plugin is started once, channels come and go).
 */
export class InboundMailboxes {
  private running = new Map<string, Running>();
  private timer: NodeJS.Timeout | null = null;
  private busy: Promise<void> = Promise.resolve();

  constructor(private ctx: ChannelContext) {}

  async start(): Promise<void> {
    await this.reconcile();
    this.timer = setInterval(() => {
      this.busy = this.busy
        .then(() => this.reconcile())
        .catch((err) => this.ctx.log.error({ err }, 'email inbound reconcile failed'));
    }, RECONCILE_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.busy;
    await Promise.all([...this.running.keys()].map((id) => this.close(id)));
  }

  private async reconcile(): Promise<void> {
    const rows = await channels.liveOfKind(this.ctx.db, 'email');
    const wanted = new Map(rows.filter((r) => r.credentialsEnc).map((r) => [r.id, r.credentialsEnc!]));
    for (const id of this.running.keys()) if (wanted.get(id) !== this.running.get(id)!.sealed) await this.close(id);
    for (const [id, sealed] of wanted) {
      const current = this.running.get(id);
      if (current && (current.server || Date.now() < current.retryAt)) continue;
      await this.open(id, sealed);
    }
  }

  private async open(channelId: string, sealed: string): Promise<void> {
    let port = 0;
    try {
      const creds = readEmailCredentials(await this.ctx.credentials(channelId));
      port = creds.inboundPort;
      if (!port) {
        this.running.set(channelId, { sealed, server: null, retryAt: Infinity });
        return;
      }
      const server = mailbox(this.ctx, channelId, creds);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, creds.inboundHost, () => {
          server.off('error', reject);
          resolve();
        });
      });
      server.on('error', (err) => this.ctx.log.warn({ err, channelId }, 'email inbound connection error'));
      this.running.set(channelId, { sealed, server, retryAt: Infinity });
      this.ctx.log.info({ channelId, host: creds.inboundHost, port }, 'email inbound listening');
    } catch (err) {
      // Another process (scaled-out deployment) or program may hold the port; try again later.
      this.ctx.log.error({ err, channelId, port }, 'email inbound could not listen');
      this.running.set(channelId, { sealed, server: null, retryAt: Date.now() + RETRY_FAILED_LISTEN_MS });
    }
  }

  private async close(channelId: string): Promise<void> {
    const entry = this.running.get(channelId);
    this.running.delete(channelId);
    if (entry?.server) await new Promise<void>((r) => entry.server!.close(() => r()));
  }

  /** For the connection test: is this channel's inbound server up? */
  isListening = (channelId: string) => Boolean(this.running.get(channelId)?.server);
}
