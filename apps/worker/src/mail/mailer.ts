import { createTransport } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/**
 * How e-mail leaves the platform. `smtp`: nodemailer over the configured SMTP server. `local` (tier 0, no
 * SMTP_URL): nothing leaves; the mail stays in the `mail_outbox` table, which a system administrator reads
 * in the web app.
 */
export interface Mailer {
  readonly transport: 'smtp' | 'local';
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export interface MailSettings {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465; none means the local outbox. */
  smtpUrl?: string;
  /** The From header, e.g. `Học vụ số <no-reply@hocvuso.local>`. */
  from: string;
}

export function createMailer(settings: MailSettings): Mailer {
  if (!settings.smtpUrl) {
    return {
      transport: 'local',
      send: async () => {
        throw new Error('no SMTP_URL: e-mail stays in the local outbox');
      },
      close: () => undefined,
    };
  }
  const transporter = createTransport(
    {
      url: settings.smtpUrl,
      // A few kept-open connections, reused mail after mail: a backlog run sends thousands of e-mails, which
      // one connection (and TLS handshake) each would make slow, and which many servers refuse as a flood.
      pool: true,
      maxConnections: 2,
      // A job must not hang on a dead server: fail within seconds and let the retry (or the next sweep) try again.
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    },
    { from: settings.from },
  );
  return {
    transport: 'smtp',
    send: async (mail) => {
      await transporter.sendMail({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers,
      });
    },
    close: () => transporter.close(),
  };
}
