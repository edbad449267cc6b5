import nodemailer from "nodemailer";
import type { MailConfig } from "../config.ts";

/** One message to send: plain text (every client shows it) plus an HTML copy with the link clickable. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends notification e-mail; the scheduler calls it outside any database transaction. */
export interface Mailer {
  /** Human-readable description for the admin page, e.g. "smtp.example.cn:587". */
  readonly description: string;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** Builds an SMTP mailer from the configuration (nodemailer, one pooled connection). */
export function createSmtpMailer(config: MailConfig): Mailer {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.isSecure,
    auth: config.user ? { user: config.user, pass: config.password ?? "" } : undefined,
    pool: true,
    maxConnections: 1,
    // A slow or unreachable server must not hold the scheduler for long; the row is retried later.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  return {
    description: `${config.host}:${config.port}${config.isSecure ? "（SSL）" : ""}，发件人 ${config.from}`,
    async send(mail) {
      await transport.sendMail({ from: config.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
    },
    close() {
      transport.close();
    },
  };
}
