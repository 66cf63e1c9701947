import { MAX_MESSAGE_BYTES, readAll, smtpError } from '../channels/email/smtp';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import type { SandboxCustomer } from './customers';
import type { TranscriptEntry } from './transcript';
import type { SandboxWorld } from './world';

/**
 * The brand's outgoing mail relay: Koe sends its email replies here (with the SMTP login it was given), and each
 * one lands in the customer's mailbox in the transcript, threaded by In-Reply-To.
 */
export async function startMailRelay(world: SandboxWorld, port = 0): Promise<{ port: number; close(): Promise<void> }> {
  const { smtpUser, smtpPass } = world.accounts.email;
  const server = new SMTPServer({
    name: 'smtp.sandbox.koe',
    banner: 'Koe sandbox mail relay',
    size: MAX_MESSAGE_BYTES,
    logger: false,
    // Loopback only; TLS would need a certificate Koe does not trust. AUTH over plain text is fine here.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _session, cb) {
      if (auth.username === smtpUser && auth.password === smtpPass) cb(null, { user: auth.username });
      else cb(smtpError(535, 'Authentication credentials invalid'));
    },
    onMailFrom(_address, session, cb) {
      if (!session.user) return cb(smtpError(530, 'Authentication required'));
      cb();
    },
    onRcptTo(rcpt, _session, cb) {
      if (world.customers.get('email', rcpt.address.toLowerCase())) cb();
      else cb(smtpError(550, `No such user here: ${rcpt.address}`));
    },
    onData(stream, _session, cb) {
      void readAll(stream)
        .then(async (raw) => {
          if (stream.sizeExceeded) return cb(smtpError(552, 'Message exceeds fixed maximum message size'));
          const mail = await simpleParser(raw);
          const to = (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address?.toLowerCase() ?? '';
          const customer = world.customers.get('email', to);
          if (!customer) return cb(smtpError(550, `No such user here: ${to}`));
          const answered =
            (mail.inReplyTo && world.transcript.byExternalId('email', mail.inReplyTo)) ||
            world.transcript.lastFrom('email', customer.id);
          world.transcript.add({
            platform: 'email',
            customer: { id: customer.id, name: customer.name },
            author: 'brand',
            visibility: 'private',
            text: (mail.text ?? '').trim(),
            inReplyTo: answered?.id ?? null,
            externalId: mail.messageId ?? `<${world.nextSeq()}@relay.sandbox>`,
          });
          cb();
        })
        .catch((err: unknown) => cb(smtpError(451, `Temporary failure: ${String(err)}`)));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', () => {
    /* a dropped client connection is not the relay's problem */
  });
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A subject line customers would write: the first clause of the message, short. */
const subjectOf = (text: string) => {
  const first = text.split(/[。！？!?\n]/)[0].trim();
  return first.length > 30 ? `${first.slice(0, 30)}…` : first || 'お問い合わせ';
};

/**
 * The customer's mail client: sends to Koe's inbound SMTP port. Like a real MTA it retries while Koe's mailbox
 * is not listening yet (a channel just connected) or answers 4xx.
 */
export async function sendCustomerMail(
  world: SandboxWorld,
  inbound: { host: string; port: number },
  customer: SandboxCustomer,
  entry: TranscriptEntry,
  attempts = 20,
): Promise<void> {
  const greeting = customer.lang === 'ja' ? 'Koeマート サポートご担当者様' : 'Hello KoeMart support,';
  const closing = customer.lang === 'ja' ? `よろしくお願いいたします。\n${customer.name}` : `Thanks,\n${customer.name}`;
  const message = {
    from: { name: customer.name, address: customer.id },
    to: world.accounts.email.address,
    subject: subjectOf(entry.text),
    messageId: entry.externalId,
    text: `${greeting}\n\n${entry.text}\n\n${closing}\n`,
  };
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    const transport = nodemailer.createTransport({
      host: inbound.host,
      port: inbound.port,
      secure: false,
      ignoreTLS: true,
      connectionTimeout: 5_000,
    });
    try {
      await transport.sendMail(message);
      return;
    } catch (err) {
      last = err;
      const code = (err as { responseCode?: number }).responseCode;
      if (code !== undefined && code >= 500) break;
    } finally {
      transport.close();
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Koe's mailbox at ${inbound.host}:${inbound.port} did not take the mail: ${String(last)}`);
}
