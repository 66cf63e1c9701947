import nodemailer from 'nodemailer';
import type { KoeConfig } from '../config/config';

/** Why a mail was not sent, and whether sending again later can help (SMTP 4xx, network) or not (5xx, no SMTP). */
export class MailError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export interface PlainMail {
  to: string;
  subject: string;
  text: string;
  messageId?: string;
  headers?: Record<string, string>;
}

/** One plain-text mail through KOE_SMTP_URL (notification emails, sign-in notices). */
export async function sendPlainMail(mail: KoeConfig['mail'], m: PlainMail): Promise<void> {
  if (!mail.smtpUrl) throw new MailError('KOE_SMTP_URL is not set; no email was sent', false);
  const transport = nodemailer.createTransport({
    url: mail.smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  try {
    await transport.sendMail({
      from: mail.from,
      to: m.to,
      subject: m.subject,
      text: m.text,
      messageId: m.messageId,
      headers: m.headers,
    });
  } catch (err) {
    const e = err as { responseCode?: number; response?: string; message?: string };
    const reason = e.response?.trim() || e.message || String(err);
    throw new MailError(reason, !(typeof e.responseCode === 'number' && e.responseCode >= 500));
  } finally {
    transport.close();
  }
}
