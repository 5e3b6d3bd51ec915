import { createTransport } from 'nodemailer';
import type { DB } from '../db/connect.ts';
import { newId, nowIso } from '../ids.ts';
import { DEFAULTS } from '../defaults.ts';

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

/** How long the SMTP client waits for each part of an exchange. */
export interface SmtpTimeouts {
  /** For the server's 220 greeting. */
  greetingMs: number;
  /** For everything before the exchange: the name lookup, the connection, STARTTLS and the greeting. */
  connectionMs: number;
  /** For any reply once the exchange is under way (a socket silent this long is given up). */
  replyMs: number;
}

// RFC 5321 §4.5.3.2 asks a client to wait at least 5 minutes for the greeting, MAIL and RCPT,
// 2 for DATA, 3 for each block of data and 10 for the reply to the final ".". A client that gives
// up sooner sends again an email the server was still accepting: a duplicate, for the server
// answers 250 to the first too. nodemailer has one inactivity timer for every reply, so every
// reply gets the longest, the final dot's; its connection timeout bounds the greeting as well,
// so it is the greeting's 5 minutes and one more for the lookup, the connection and STARTTLS.
export const RFC_5321_TIMEOUTS: SmtpTimeouts = {
  greetingMs: 5 * 60_000,
  connectionMs: 6 * 60_000,
  replyMs: 10 * 60_000,
};

export interface SmtpTransportOptions {
  /** Connections kept open to the server, and so emails sent at once (default 4). */
  maxConnections?: number;
  /** Default RFC_5321_TIMEOUTS. */
  timeouts?: SmtpTimeouts;
}

/**
 * Sends through the SMTP server at SMTP_URL (smtp:// or smtps://, credentials in the URL),
 * over a pool of connections kept open between emails, one email at a time on each. `send`
 * resolves when the server accepted the message.
 */
export function smtpTransport(
  smtpUrl: string,
  { maxConnections = DEFAULTS.emailConcurrency, timeouts = RFC_5321_TIMEOUTS }: SmtpTransportOptions = {},
): MailTransport & { close(options?: { force?: boolean }): void } {
  const transporter = createTransport({
    pool: true,
    maxConnections,
    url: smtpUrl,
    connectionTimeout: timeouts.connectionMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.replyMs,
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
    // `force` cuts the sends under way too: they fail, and their rows are retried.
    close: (options) => transporter.close(options),
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
