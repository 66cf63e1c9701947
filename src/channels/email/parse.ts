import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { platformTime } from '../time';
import type { InboundEvent } from '../types';
import { withoutQuotedHistory } from './quoted-history';

const MAX_TEXT_CHARS = 100_000;

export type ParsedInboundMail = { event: InboundEvent } | { ignored: string };

const firstAddress = (a: AddressObject | AddressObject[] | undefined) => (Array.isArray(a) ? a[0] : a)?.value[0];
const asList = (v: string | string[] | undefined): string[] =>
  (v === undefined ? [] : Array.isArray(v) ? v : v.split(/\s+/)).filter(Boolean);

/** Automatic mail (out-of-office, bounces, lists) would loop with Koe's replies; RFC 3834 marks it. */
function automaticReason(mail: ParsedMail): string | null {
  const autoSubmitted = String(mail.headers.get('auto-submitted') ?? 'no').toLowerCase();
  if (autoSubmitted !== 'no') return `auto-submitted: ${autoSubmitted}`;
  const precedence = String(mail.headers.get('precedence') ?? '').toLowerCase();
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return `precedence: ${precedence}`;
  return null;
}

/**
 * The readable text of a mail. HTML is never kept or rendered: mailparser converts HTML-only mail to plain
 * text (scripts and styles dropped), and the agent sees only that text.
 */
function readableText(mail: ParsedMail): string {
  let text = withoutQuotedHistory(mail.text ?? '');
  if (text.length > MAX_TEXT_CHARS) text = `${text.slice(0, MAX_TEXT_CHARS)}\n…`;
  const attachments = mail.attachments.map((a) => `[attachment: ${a.filename ?? a.contentType}]`);
  return [text, ...attachments].filter(Boolean).join('\n');
}

/** One received mail as a customer message, or the reason Koe leaves it alone. */
export async function parseInboundMail(
  raw: Buffer,
  opts: { channelId: string; supportAddress: string; receivedAt?: Date },
): Promise<ParsedInboundMail> {
  const mail = await simpleParser(raw);
  const from = firstAddress(mail.from);
  const address = from?.address?.toLowerCase();
  if (!address) return { ignored: 'no sender address' };
  if (address === opts.supportAddress.toLowerCase()) return { ignored: 'sent from the support address itself' };
  const automatic = automaticReason(mail);
  if (automatic) return { ignored: automatic };

  // Without a Message-ID a re-delivery must still dedupe: the content hash stands in.
  const messageId = mail.messageId ?? `<${createHash('sha256').update(raw).digest('hex')}@koe.invalid>`;
  // Record ids are bounded (InboundEventSchema); an absurdly long Message-ID is recorded under its hash.
  const externalId =
    messageId.length <= 400
      ? messageId
      : `<${createHash('sha256').update(messageId).digest('hex')}@koe.long-message-id>`;
  const references = asList(mail.references);
  const inReplyTo = mail.inReplyTo ?? null;
  const subject = (mail.subject ?? '').trim();
  const body = readableText(mail);
  // A new thread's subject is often the whole question ("二重請求について"), so it leads the first message.
  const startsThread = !inReplyTo && references.length === 0;
  const text = startsThread && subject ? `${subject}\n\n${body}`.trim() : body;

  return {
    event: {
      channelId: opts.channelId,
      externalId,
      kind: 'message',
      occurredAt: (opts.receivedAt ?? new Date()).toISOString(),
      customer: { externalId: address, name: from?.name?.trim() || address, email: address, handle: address },
      text,
      meta: {
        visibility: 'private',
        messageId,
        inReplyTo,
        references,
        subject,
        // The thread's root: lets a later change split one customer's separate email threads.
        threadKey: references[0] ?? inReplyTo ?? messageId,
        hadHtml: Boolean(mail.html),
        sentAt: mail.date && Number.isFinite(mail.date.getTime()) ? platformTime(mail.date.getTime()) : null,
      },
    },
  };
}
