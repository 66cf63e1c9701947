import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { ChannelContext } from '../plugin';
import { DeliveryError, type ChannelAdapter, type OutboundMessage } from '../types';
import { readEmailCredentials, type EmailCredentials } from './credentials';

export function smtpTransport(creds: EmailCredentials) {
  const options: SMTPTransport.Options = {
    host: creds.smtpHost,
    port: creds.smtpPort,
    secure: creds.smtpSecure ?? creds.smtpPort === 465,
    auth: creds.smtpUser ? { user: creds.smtpUser, pass: creds.smtpPass ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  };
  return nodemailer.createTransport(options);
}

/** SMTP's own verdict: 4xx means "later", 5xx means "never" (the server's words go to the agent). */
export function smtpFailure(err: unknown): DeliveryError {
  const e = err as { responseCode?: number; response?: string; message?: string };
  const reason = e.response?.trim() || e.message || String(err);
  if (typeof e.responseCode === 'number' && e.responseCode >= 500) return new DeliveryError(`SMTP: ${reason}`, true);
  return new DeliveryError(`SMTP: ${reason}`, false);
}

export const replySubject = (subject: unknown, fallback: string) => {
  const s = typeof subject === 'string' ? subject.trim() : '';
  if (!s) return fallback;
  return /^re\s*:/i.test(s) ? s : `Re: ${s}`;
};

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);

/** The reply's headers: threaded under the customer's mail, with a Message-ID that is the same on every retry. */
export function replyEnvelope(out: OutboundMessage, creds: EmailCredentials) {
  const meta = out.inReplyTo?.meta ?? {};
  const parentId = typeof meta.messageId === 'string' ? meta.messageId : undefined;
  const references = [
    ...new Set([
      ...(Array.isArray(meta.references) ? meta.references.map(String) : []),
      ...(parentId ? [parentId] : []),
    ]),
  ];
  return {
    from: { name: out.channel.name, address: creds.address },
    to: out.recipient.externalId,
    subject: replySubject(meta.subject, out.channel.name),
    messageId: `<${out.idempotencyKey}@${domainOf(creds.address)}>`,
    ...(parentId ? { inReplyTo: parentId } : {}),
    ...(references.length ? { references } : {}),
    text: out.message.text,
  };
}

export function emailAdapter(ctx: ChannelContext): ChannelAdapter {
  return {
    kind: 'email',
    async send(out) {
      const creds = readEmailCredentials(await ctx.credentials(out.channel.id));
      const envelope = replyEnvelope(out, creds);
      const transport = smtpTransport(creds);
      try {
        await transport.sendMail(envelope);
        return { externalId: envelope.messageId };
      } catch (err) {
        throw smtpFailure(err);
      } finally {
        transport.close();
      }
    },
  };
}
