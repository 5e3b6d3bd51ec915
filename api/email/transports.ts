import { createTransport } from 'nodemailer';
import type { DB } from '../db/connect.ts';
import { newId, nowIso } from '../ids.ts';

/** One email as the outbox worker hands it over. */
export interface OutgoingMail {
  /** The Message-ID without angle brackets; the same on every attempt at the same outbox row. */
  messageId: string;
  to: string;
  from: string;
  subject: string;
  html: string;
  text: string;
  outboxId: string;
}

/** Where emails go. `send` resolves once the email is delivered there, and rejects when it was not. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
}

// A send that hangs would outlast the row's lease, and another worker would send the row again:
// every wait is kept well under the outbox's default lease (a minute).
const CONNECTION_TIMEOUT_MS = 10_000;
const GREETING_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;

/**
 * Sends through the SMTP server at SMTP_URL (smtp:// or smtps://, credentials in the URL),
 * over a small pool of connections kept open between emails. `send` resolves when the server
 * accepted the message.
 */
export function smtpTransport(smtpUrl: string): MailTransport & { close(): void } {
  const transporter = createTransport({
    pool: true,
    url: smtpUrl,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: GREETING_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
  });
  return {
    async send(mail) {
      await transporter.sendMail({
        messageId: `<${mail.messageId}>`,
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
      });
    },
    close: () => transporter.close(),
  };
}

/**
 * Keeps emails in the database's mailbox table instead of sending them: what runs when no
 * SMTP_URL is set, so the demo can show what would have gone out. One entry per outbox row:
 * sending a row again keeps the first.
 */
export function mailboxTransport(db: DB): MailTransport {
  return {
    async send(mail) {
      await db
        .insertInto('mailbox')
        .values({
          id: newId('mbx'),
          outbox_id: mail.outboxId,
          message_id: mail.messageId,
          to_address: mail.to,
          subject: mail.subject,
          html: mail.html,
          text: mail.text,
          created_at: nowIso(),
        })
        .onConflict((oc) => oc.column('outbox_id').doNothing())
        .execute();
    },
  };
}
