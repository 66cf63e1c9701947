import type { SMTPServerDataStream } from 'smtp-server';

/** Mail larger than this is refused with 552 (by Koe's inbound server and the sandbox's). */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/** An error smtp-server turns into that SMTP reply code. */
export const smtpError = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

export function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}
