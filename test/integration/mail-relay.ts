import type { AddressInfo } from 'node:net';
import type net from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * The organisation's outgoing mail relay (KOE_SMTP_URL points here): keeps every mail it receives. `unknown` names
 * mailboxes that do not exist (refused with 550, as a real relay would).
 */
export async function mailRelay(opts: { unknown?: (address: string) => boolean } = {}) {
  const received: { to: string[]; mail: ParsedMail }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(rcpt, _session, cb) {
      if (!opts.unknown?.(rcpt.address)) return cb();
      cb(
        Object.assign(new Error(`5.1.1 <${rcpt.address}>: Recipient address rejected: User unknown`), {
          responseCode: 550,
        }),
      );
    },
    onData(stream, session, cb) {
      void simpleParser(stream).then((mail) => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
        cb();
      }, cb);
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = ((server as unknown as { server: net.Server }).server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}
