import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { DB } from '../db/connect.ts';
import { startOutboxWorker } from '../email/outbox.ts';
import { createEmailRenderer } from '../email/render.ts';
import { smtpTransport } from '../email/transports.ts';

// An SMTP server for tests (smtp-server, in the test's process): it accepts every message and
// keeps what it received, headers decoded, so a test can assert on what an inbox would get.

export interface ReceivedMail {
  messageId: string;
  to: string[];
  subject: string;
  raw: string;
}

/** An SMTP server that accepts everything and keeps what it received; `close()` it after the test. */
export async function startTestSmtpServer(port = 0) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 100,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({ messageId: header(raw, 'Message-ID'), to: session.envelope.rcptTo.map((r) => r.address), subject: decodeWords(header(raw, 'Subject')), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${address.port}`, port: address.port, received, close: () => new Promise<void>((resolve) => server.close(resolve)) };
}

/**
 * A test API's outbox worker, sending through a test SMTP server: it sends only when the test
 * calls `worker.runOnce()`, so the test decides when emails go. `close()` it after the test.
 */
export async function startTestMailer(db: DB) {
  const smtp = await startTestSmtpServer();
  const transport = smtpTransport(smtp.url);
  const worker = startOutboxWorker({
    db,
    transport,
    renderer: createEmailRenderer(),
    from: 'Claimdesk <avisos@claimdesk.test>',
    publicClaimUrl: 'https://host.test/area/siniestros/{id}',
    pollMs: 3_600_000,
  });
  return {
    smtp,
    worker,
    async close() {
      await worker.stop();
      transport.close();
      await smtp.close();
    },
  };
}

export function header(raw: string, name: string): string {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n(?=[ \t])/g, '');
  const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim() ?? '';
}

/** A header's RFC 2047 encoded words (=?UTF-8?Q?…?=, =?UTF-8?B?…?=) as text; a character may span two words. */
function decodeWords(value: string): string {
  const bytes = value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?[^?]+\?([bq])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('latin1')
        : text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    );
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
